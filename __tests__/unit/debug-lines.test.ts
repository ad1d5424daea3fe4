import { describe, expect, test } from '@jest/globals'
import { explain401, formatHttpDebug } from '../../src/registry/index.js'

describe('debug lines', () => {
  test.each([
    [
      'missing',
      undefined,
      'auth: r.example answered 401: no credentials were sent for r.example (anonymous)'
    ],
    [
      'empty',
      { username: 'bot', password: '' },
      "auth: r.example answered 401: the credentials for r.example from input 'credentials' are empty"
    ],
    [
      'refused',
      { username: 'bot', password: 's3cret-pw' },
      "auth: r.example answered 401: the credentials for r.example from input 'credentials' were refused"
    ]
  ])('a 401 with credentials %s says so and names the source, never the secret', (_n, cred, want) => {
    const line = explain401('r.example', cred, "input 'credentials'")
    expect(line).toBe(want)
    expect(line).not.toContain('s3cret-pw')
  })

  test.each([
    [
      {
        kind: 'exchange',
        method: 'HEAD',
        url: 'https://r.example/v2/a/manifests/1',
        status: 200,
        ms: 12,
        auth: 'bearer'
      },
      'http: HEAD https://r.example/v2/a/manifests/1 → 200 in 12 ms (auth: bearer, credentials: c.yaml)'
    ],
    [
      {
        kind: 'retry',
        method: 'GET',
        url: 'https://r.example/v2/',
        attempt: 1,
        attempts: 5,
        reason: 'status 503',
        waitMs: 200
      },
      'http: GET https://r.example/v2/: status 503; attempt 1 of 5, retrying in 200 ms'
    ],
    [
      {
        kind: 'retry',
        method: 'GET',
        url: 'https://r.example/v2/',
        attempt: 5,
        attempts: 5,
        reason: 'status 503'
      },
      'http: GET https://r.example/v2/: status 503; attempt 5 of 5, not retrying'
    ]
  ] as const)('%j', (e, want) => expect(formatHttpDebug(e, 'c.yaml')).toBe(want))
})
