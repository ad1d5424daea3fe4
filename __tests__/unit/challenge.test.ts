import { describe, expect, test } from '@jest/globals'
import { findChallenge, parseChallenges, type Challenge } from '../../src/auth/index.js'

describe('parseChallenges', () => {
  test.each<[string, Challenge[]]>([
    ['', []],
    ['Basic', [{ scheme: 'basic', params: {} }]],
    ['Basic realm="Registry Realm"', [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]],
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:library/nginx:pull'
          }
        }
      ]
    ],
    // Quoted commas and escapes; scope lists with commas.
    [
      'Bearer realm="https://a/t?x=1,2",scope="repository:a:pull,push repository:b:pull",error="insufficient_scope"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://a/t?x=1,2',
            scope: 'repository:a:pull,push repository:b:pull',
            error: 'insufficient_scope'
          }
        }
      ]
    ],
    [
      'Basic realm="a \\"quoted\\" \\\\ realm"',
      [{ scheme: 'basic', params: { realm: 'a "quoted" \\ realm' } }]
    ],
    // Several challenges in one header, odd spacing and case.
    [
      'Basic realm="x" ,  BEARER Realm=https://t/token , Service = svc',
      [
        { scheme: 'basic', params: { realm: 'x' } },
        { scheme: 'bearer', params: { realm: 'https://t/token', service: 'svc' } }
      ]
    ],
    [
      'Negotiate, Basic realm="r"',
      [
        { scheme: 'negotiate', params: {} },
        { scheme: 'basic', params: { realm: 'r' } }
      ]
    ],
    [
      'Negotiate abc123==, Basic',
      [
        { scheme: 'negotiate', params: {}, token68: 'abc123==' },
        { scheme: 'basic', params: {} }
      ]
    ],
    // Unterminated quote runs to the end; duplicate params keep the first.
    [
      'Bearer realm="https://t/x, service=s',
      [{ scheme: 'bearer', params: { realm: 'https://t/x, service=s' } }]
    ],
    ['Bearer realm="a",realm="b"', [{ scheme: 'bearer', params: { realm: 'a' } }]],
    ['Bearer realm=""', [{ scheme: 'bearer', params: { realm: '' } }]],
    [',,,  ,', []],
    ['=', []]
  ])('%s', (header, want) => {
    expect(parseChallenges(header)).toEqual(want)
  })

  test('several header lines', () => {
    const got = parseChallenges(['Basic realm="a"', 'Bearer realm="https://t",service="s"'])
    expect(got.map(c => c.scheme)).toEqual(['basic', 'bearer'])
    expect(findChallenge(got, 'bearer')?.params.service).toBe('s')
  })

  test('__proto__ as a parameter name does not pollute', () => {
    const [c] = parseChallenges('Bearer __proto__="x",realm="r"')
    expect(c!.params.realm).toBe('r')
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  test('fuzz: random headers never throw and always terminate', () => {
    let s = 12345
    const r = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296
    const alphabet = 'BasicBearer realm=",\\ \t=abc:/'
    for (let i = 0; i < 5000; i++) {
      let h = ''
      const len = Math.floor(r() * 120)
      for (let j = 0; j < len; j++) h += alphabet[Math.floor(r() * alphabet.length)]
      const got = parseChallenges(h)
      // Cheap checks in the loop; expect() only on failure.
      if (!got.every(c => /^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(c.scheme))) expect(got).toBe(h)
    }
  })

  test('fuzz: a huge header is bounded', () => {
    const got = parseChallenges('Bearer realm="' + 'a,'.repeat(1_000_000))
    expect(got).toHaveLength(1)
    expect(got[0]!.params.realm!.length).toBeLessThanOrEqual(16 * 1024)
  })
})
