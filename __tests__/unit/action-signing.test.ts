/** What signing reads from the runner: only the variables the config names, each masked first, and the OIDC token request. */
import { describe, expect, test } from '@jest/globals'
import { readSigningSecrets } from '../../src/action/index.js'
import { generateTestKey } from '../harness/index.js'

describe('readSigningSecrets', () => {
  const pem = generateTestKey('p256').privatePem
  const env = {
    MIRROR_KEY: pem,
    COSIGN_PASSWORD: 'pass word',
    OTHER_SECRET: 'not for signing',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://runtime.example/token?x=1',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
  }

  test('masks the key (whole and line by line), the password and the request token before handing anything out', () => {
    const masked: string[] = []
    const s = readSigningSecrets(['COSIGN_PASSWORD', 'MIRROR_KEY'], m => masked.push(m), env)
    expect(masked).toEqual(
      expect.arrayContaining(['pass word', pem.trim(), ...pem.trim().split('\n'), 'request-token'])
    )
    expect(masked).not.toContain('not for signing')
    expect([s.env('MIRROR_KEY'), s.env('COSIGN_PASSWORD'), s.env('OTHER_SECRET')]).toEqual([
      pem,
      'pass word',
      undefined
    ])
    expect(s.oidc).toEqual({ url: env.ACTIONS_ID_TOKEN_REQUEST_URL, token: 'request-token' })
  })

  test('without id-token: write there is no token request to hand down', () => {
    expect(
      readSigningSecrets([], () => {}, { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x' }).oidc
    ).toBeUndefined()
  })
})
