import { describe, expect, test } from '@jest/globals'
import { Readable } from 'node:stream'
import { mergeScopes, scopesCover, TokenCache } from '../../src/auth/index.js'
import {
  describeFailure,
  networkError,
  parseOciErrors,
  redactText,
  redactUrl,
  RegistryError
} from '../../src/http/index.js'
import {
  answeredInPlainHttp,
  backoffDelay,
  DEFAULT_RETRY,
  isRetryableStatus,
  parseRetryAfter
} from '../../src/oci/index.js'
import { detectMediaType, Schema1Error } from '../../src/oci/index.js'
import { parseRateLimit } from '../../src/registry/index.js'
import { nextLink } from '../../src/registry/index.js'
import { rechunk } from '../../src/registry/index.js'

describe('redactUrl', () => {
  test.each([
    ['https://user:pass@registry.example.com/v2/', 'https://registry.example.com/v2/'],
    [
      'https://bucket.s3.amazonaws.com/blob?X-Amz-Signature=abc&X-Amz-Credential=AKIA&foo=1',
      'https://bucket.s3.amazonaws.com/blob?X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED&foo=1'
    ],
    [
      'https://cdn.example.com/x?sig=s3cr3t&expires=1',
      'https://cdn.example.com/x?sig=REDACTED&expires=REDACTED'
    ],
    [
      'https://auth.example.com/token?access_token=t0k&scope=x',
      'https://auth.example.com/token?access_token=REDACTED&scope=x'
    ],
    [
      'http://127.0.0.1:5000/v2/a/blobs/uploads/u?_state=abc&digest=sha256%3A00',
      'http://127.0.0.1:5000/v2/a/blobs/uploads/u?_state=abc&digest=sha256%3A00'
    ],
    ['not a url //u:p@host', 'not a url //REDACTED@host']
  ])('%s', (input, want) => {
    expect(redactUrl(input)).toBe(want)
  })

  test('redactText rewrites URLs inside messages', () => {
    expect(redactText('GET https://u:p@h/x?token=abc failed')).toBe('GET https://h/x?token=REDACTED failed')
  })
})

describe('OCI errors and messages', () => {
  test('parse codes, tolerate junk', () => {
    expect(
      parseOciErrors('{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}')
    ).toEqual({
      codes: ['DENIED'],
      messages: ['requested access to the resource is denied']
    })
    expect(parseOciErrors('<html>')).toEqual({ codes: [], messages: [] })
    expect(parseOciErrors('{"errors":"x"}')).toEqual({ codes: [], messages: [] })
  })
  test.each<[Parameters<typeof describeFailure>, RegExp]>([
    [
      ['push', 'x', 401, { codes: [], messages: [] }],
      /^denied: x: does the namespace\/project exist and do these credentials have push rights on it\?/
    ],
    [['push', 'x', 403, { codes: ['DENIED'], messages: ['no'] }], /push rights.*\(DENIED: no\)/],
    [['pull', 'x', 401, { codes: [], messages: [] }], /^denied: x: check the credentials/],
    [['pull', 'r:t', 404, { codes: ['MANIFEST_UNKNOWN'], messages: [] }], /^not found: r:t/],
    [['pull', 'x', 429, { codes: [], messages: [] }], /^rate limited: x: the registry answered 429/],
    [
      ['push', 'x', 429, { codes: [], messages: [] }, 'up.example:5000'],
      /^rate limited: x: up\.example:5000 answered 429/
    ],
    [['pull', 'x', 500, { codes: [], messages: [] }], /registry answered 500/],
    // After an anonymous token, a denial says so instead of questioning the credentials' rights.
    [
      [
        'push',
        'x',
        401,
        { codes: ['UNAUTHORIZED'], messages: ['authentication required'] },
        undefined,
        'no credentials were found for r'
      ],
      /^denied: x: the token was fetched anonymously because no credentials were found for r, so the registry saw no credentials \(status 401\) \(UNAUTHORIZED: authentication required\)$/
    ],
    [
      ['pull', 'x', 403, { codes: [], messages: [] }, undefined, 'WHY'],
      /^denied: x: the token was fetched anonymously because WHY/
    ],
    [
      ['push', 'x', 202, { codes: ['DENIED'], messages: [] }, undefined, 'WHY'],
      /^denied: x: the token was fetched anonymously because WHY/
    ],
    // A wrong and a missing credential read differently: the source is named, never the secret.
    [
      ['pull', 'x', 401, { codes: [], messages: [] }, undefined, { credentialSource: '--src-creds' }],
      /^denied: x: the registry refused the credentials from --src-creds \(status 401\)$/
    ],
    [
      ['push', 'x', 403, { codes: [], messages: [] }, undefined, { credentialSource: 'auth file /a.json' }],
      /^denied: x: does the namespace\/project exist and do the credentials from auth file \/a\.json have push rights/
    ],
    [
      [
        'pull',
        'x',
        401,
        { codes: [], messages: [] },
        undefined,
        { noCredentials: 'no credentials were found for r' }
      ],
      /^denied: x: no credentials were found for r, so the request carried none \(status 401\)$/
    ]
  ])('%j', (args, want) => expect(describeFailure(...args)).toMatch(want))
})

describe('network errors', () => {
  const PLAIN = (host: string) =>
    `GET https://${host}/v2/: ${host} answered in plain HTTP, not HTTPS (not a certificate problem). ` +
    `If it is a registry that serves only plain HTTP and you trust the network, allow that: in the config, ` +
    `registries: { "${host}": { insecure: true } }; on the command line, --insecure-registry ${host} ` +
    `(or --tls-verify=false, --src-tls-verify=false, --dest-tls-verify=false)`
  test.each<[string, string, unknown, string]>([
    [
      'wrong version number',
      'https://10.0.0.5:5000/v2/',
      { code: 'ERR_SSL_WRONG_VERSION_NUMBER' },
      PLAIN('10.0.0.5:5000')
    ],
    [
      'packet length too long',
      'https://reg.example.com/v2/',
      { code: 'ERR_SSL_PACKET_LENGTH_TOO_LONG' },
      PLAIN('reg.example.com')
    ],
    [
      'wrapped by undici',
      'https://reg.example.com/v2/',
      new Error('fetch failed', { cause: { code: 'ERR_SSL_WRONG_VERSION_NUMBER' } }),
      PLAIN('reg.example.com')
    ],
    // Over plain HTTP the SSL codes cannot come from the server's reply: no advice about it.
    [
      'an SSL code on an http: URL',
      'http://reg.example.com/v2/',
      Object.assign(new Error('odd'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }),
      'GET http://reg.example.com/v2/: ERR_SSL_WRONG_VERSION_NUMBER: odd'
    ]
  ])('%s', (_name, url, e, want) => {
    const err = networkError('GET', new URL(url), e)
    expect(err).toBeInstanceOf(RegistryError)
    expect(err.message).toBe(want)
    expect(err.cause).toBe(e)
  })
})

describe('retry policy', () => {
  test.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Wed, 21 Oct 2015 07:28:30 GMT', 30_000],
    ['garbage', undefined],
    [undefined, undefined]
  ])('Retry-After %s', (v, want) => {
    expect(parseRetryAfter(v, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(want)
  })

  test('backoff: full jitter within an exponential ceiling capped at maxDelayMs', () => {
    const r = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 }
    expect(backoffDelay(0, r, () => 0.999)).toBe(99)
    expect(backoffDelay(3, r, () => 0.999)).toBe(799)
    expect(backoffDelay(10, r, () => 0.999)).toBe(999)
    expect(backoffDelay(10, r, () => 0)).toBe(0)
  })

  test.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [400, false],
    [401, false],
    [404, false],
    [501, false]
  ])('status %d retryable=%s', (s, want) => expect(isRetryableStatus(s)).toBe(want))

  // Only a reply that was not TLS at all means "this registry speaks plain HTTP".
  test.each([
    [{ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, true],
    [{ code: 'ERR_SSL_PACKET_LENGTH_TOO_LONG' }, true],
    [new Error('fetch failed', { cause: { code: 'ERR_SSL_WRONG_VERSION_NUMBER' } }), true],
    [{ code: 'ECONNREFUSED' }, false],
    [{ code: 'ECONNRESET' }, false],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, false],
    [{ code: 'UND_ERR_CONNECT_TIMEOUT' }, false],
    [new Error('no code'), false]
  ])('answeredInPlainHttp(%p) = %s', (e, want) => expect(answeredInPlainHttp(e)).toBe(want))
})

describe('rate limits', () => {
  test.each([
    [
      {
        'ratelimit-limit': '100;w=21600',
        'ratelimit-remaining': '76;w=21600',
        'docker-ratelimit-source': '1.2.3.4'
      },
      { limit: 100, remaining: 76, source: '1.2.3.4', windowS: 21600 }
    ],
    [{ 'ratelimit-remaining': '0' }, { remaining: 0 }],
    [{ 'ratelimit-limit': 'bogus' }, undefined],
    [{}, undefined]
  ])('%j', (h, want) => expect(parseRateLimit(h)).toEqual(want))
})

describe('token scopes', () => {
  test('merge', () => {
    expect(mergeScopes(['repository:a:pull', 'repository:b:pull', 'repository:a:push', ''])).toEqual([
      'repository:a:pull,push',
      'repository:b:pull'
    ])
  })
  test.each<[string[], string[], boolean]>([
    [['repository:a:pull,push'], ['repository:a:pull'], true],
    [['repository:a:pull'], ['repository:a:pull,push'], false],
    [['repository:a:pull,push', 'repository:src:pull'], ['repository:src:pull', 'repository:a:push'], true],
    [['repository:a:*'], ['repository:a:delete'], true],
    [['repository:a:pull'], ['repository:b:pull'], false],
    [[], [], true]
  ])('%j covers %j: %s', (have, need, want) => expect(scopesCover(have, need)).toBe(want))

  test('cache honours expiry and invalidation', () => {
    let now = 0
    const c = new TokenCache(() => now)
    c.put('r', 'T1', ['repository:a:pull,push'], 300)
    expect(c.find('r', ['repository:a:pull'])).toBe('T1')
    expect(c.find('other', ['repository:a:pull'])).toBeUndefined()
    now = 289_000
    expect(c.find('r', ['repository:a:pull'])).toBe('T1')
    now = 291_000
    expect(c.find('r', ['repository:a:pull'])).toBeUndefined()
    c.put('r', 'T2', ['repository:a:pull'], 0) // no expires_in: 60 s default
    expect(c.find('r', ['repository:a:pull'])).toBe('T2')
    c.invalidate('r', 'T2')
    expect(c.find('r', ['repository:a:pull'])).toBeUndefined()
  })
})

describe('Link pagination', () => {
  test.each([
    ['</v2/a/tags/list?last=b&n=2>; rel="next"', '/v2/a/tags/list?last=b&n=2'],
    ['<https://h/v2/a/tags/list?n=2&last=x>;rel=next', 'https://h/v2/a/tags/list?n=2&last=x'],
    ['</p1>; rel="prev", </p3>; rel="next"', '/p3'],
    ['</p1>; rel="prev"', undefined],
    [undefined, undefined],
    ['garbage', undefined]
  ])('%s', (h, want) => expect(nextLink(h)).toBe(want))
})

describe('manifest media type detection', () => {
  const j = (o: unknown) => Buffer.from(JSON.stringify(o))
  test.each<[Buffer, string | undefined, string]>([
    [
      j({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] }),
      'application/json',
      'application/vnd.oci.image.index.v1+json'
    ],
    [
      j({ schemaVersion: 2, manifests: [] }),
      'application/vnd.oci.image.index.v1+json',
      'application/vnd.oci.image.index.v1+json'
    ],
    [
      j({ schemaVersion: 2, manifests: [] }),
      'application/json; charset=utf-8',
      'application/vnd.oci.image.index.v1+json'
    ],
    [j({ schemaVersion: 2, config: {}, layers: [] }), undefined, 'application/vnd.oci.image.manifest.v1+json']
  ])('%#', (bytes, ct, want) => expect(detectMediaType(bytes, ct, 'x')).toBe(want))

  test.each<[Buffer, string | undefined]>([
    [j({ schemaVersion: 1, fsLayers: [] }), 'application/json'],
    [j({ schemaVersion: 1 }), 'application/vnd.docker.distribution.manifest.v1+prettyjws']
  ])('schema 1 refused %#', (bytes, ct) => {
    expect(() => detectMediaType(bytes, ct, 'docker.io/library/old:1')).toThrow(Schema1Error)
    expect(() => detectMediaType(bytes, ct, 'docker.io/library/old:1')).toThrow(
      /schema 1 manifest.*not supported/
    )
  })
})

describe('rechunk', () => {
  test.each([
    [[5, 3, 9], 4, [4, 4, 4, 4, 1]],
    [[4, 4], 4, [4, 4]],
    [[1], 10, [1]],
    [[], 4, []]
  ])('%j by %d', async (sizes, size, want) => {
    let v = 0
    const bufs = sizes.map(n => Buffer.from(Array.from({ length: n }, () => v++ % 256)))
    const out: Buffer[] = []
    for await (const p of rechunk(Readable.from(bufs), size)) out.push(p)
    expect(out.map(b => b.length)).toEqual(want)
    expect(Buffer.concat(out)).toEqual(Buffer.concat(bufs))
  })
})
