/**
 * Fuzzing the parsers that read what a registry (or an archive) sends us — Link and Retry-After
 * headers, rate-limit headers, OCI error bodies, manifest bytes, token scopes — and the helpers that
 * turn remote names into paths. The reference, challenge and config parsers have their own fuzz
 * tests. Seeded input, so a failure repeats; every case must return or throw a plain Error, never
 * crash with a TypeError/RangeError, and the security properties must hold for every input: no
 * accepted path leaves its root, no secret survives redaction. Huge inputs make any quadratic
 * parser blow the test's time budget.
 */
import { describe, expect, test } from '@jest/globals'
import path from 'node:path'
import { mergeScopes, parseScope, scopesCover } from '../../src/auth/index.js'
import { parseOciErrors, redactText, redactUrl } from '../../src/http/index.js'
import { parseRetryAfter } from '../../src/oci/index.js'
import { detectMediaType } from '../../src/oci/index.js'
import { parseRateLimit } from '../../src/registry/index.js'
import { nextLink } from '../../src/registry/index.js'
import {
  confinedJoin,
  normaliseArchivePath,
  parseDigest,
  PathError,
  resolveArchiveLink,
  validateOciRefName
} from '../../src/transports/fs/index.js'
import { seededRandom } from '../harness/index.js'

const N = 5000

/** Random strings built from pieces that matter to these parsers, plus random characters. */
function generator(seed: number, pieces: string[]): (max?: number) => string {
  const r = seededRandom(seed)
  const chars = 'aZ09 ,;=<>"\'/\\.:@?&#%-_+*[](){}\t\r\n\u0000\u00e9\u202e'
  return (max = 12) => {
    let s = ''
    const n = Math.floor(r() * max)
    for (let i = 0; i < n; i++) {
      s += r() < 0.6 ? pieces[Math.floor(r() * pieces.length)]! : chars[Math.floor(r() * chars.length)]!
    }
    return s
  }
}

/** Runs fn; a thrown error must be an ordinary Error (or the given class), never a crash type. */
function tolerant<T>(fn: () => T, allowed: new (...a: never[]) => Error = Error): T | undefined {
  try {
    return fn()
  } catch (e) {
    expect(e).toBeInstanceOf(allowed)
    expect(e).not.toBeInstanceOf(TypeError)
    expect(e).not.toBeInstanceOf(RangeError)
    return undefined
  }
}

describe('headers a registry sends', () => {
  test('Link: a next target is always text the header put between < and >', () => {
    const gen = generator(1, [
      '<',
      '>',
      '; rel="next"',
      ';rel=next',
      ', ',
      '/v2/x/tags/list?n=1&last=a',
      'rel="prev"'
    ])
    for (let i = 0; i < N; i++) {
      const h = gen(16)
      const next = tolerant(() => nextLink(h))
      if (next !== undefined) expect(h).toContain(`<${next}>`)
    }
  })

  test('Retry-After: undefined or a finite, non-negative delay', () => {
    const gen = generator(2, [
      '1',
      '120',
      '-5',
      '1e9',
      'Wed, 21 Oct 2015 07:28:00 GMT',
      'Fri, 31 Dec 9999 23:59:59 GMT',
      ' '
    ])
    for (let i = 0; i < N; i++) {
      const v = gen(6)
      const ms = tolerant(() => parseRetryAfter(v, 1_700_000_000_000))
      if (ms !== undefined) {
        expect(Number.isFinite(ms)).toBe(true)
        expect(ms).toBeGreaterThanOrEqual(0)
      }
    }
  })

  test('rate-limit headers: undefined or finite numbers', () => {
    const gen = generator(3, ['100', ';w=21600', '-1', 'NaN', 'Infinity', '1e400', '0x10', ','])
    for (let i = 0; i < N; i++) {
      const rl = tolerant(() =>
        parseRateLimit({
          'ratelimit-limit': gen(5),
          'ratelimit-remaining': i % 2 ? gen(5) : [gen(3), gen(3)],
          'docker-ratelimit-source': gen(4)
        })
      )
      for (const v of [rl?.limit, rl?.remaining]) if (v !== undefined) expect(Number.isFinite(v)).toBe(true)
    }
  })
})

describe('bodies a registry sends', () => {
  test('OCI error bodies: bounded codes and messages, secrets in URLs redacted', () => {
    const gen = generator(4, [
      '{"errors":[',
      '{"code":"DENIED",',
      '"message":"',
      '"}',
      ']}',
      'null',
      '[',
      '{',
      '"detail":{}',
      ','
    ])
    for (let i = 0; i < N; i++) {
      const secret = `s3cr3t${i}x`
      const url = `https://user:${secret}@cdn.example/b?X-Amz-Signature=${secret}&token=${secret}`
      const body =
        i % 3 === 0
          ? JSON.stringify({ errors: [{ code: gen(4), message: `${gen(4)} ${url} ${gen(4)}` }] })
          : gen(20)
      const out = tolerant(() => parseOciErrors(body))!
      expect(out.codes.length).toBeLessThanOrEqual(20)
      for (const c of out.codes) expect(c.length).toBeLessThanOrEqual(100)
      for (const m of out.messages) expect(m).not.toContain(secret)
    }
  })

  test('manifest bytes of any shape: a media type string, or a plain Error', () => {
    const gen = generator(5, [
      '{',
      '}',
      '"schemaVersion":',
      '1',
      '2',
      '"mediaType":',
      '"manifests":[]',
      '"config":{}',
      '"layers":',
      'null',
      ',',
      '"x"',
      '[',
      ']'
    ])
    const types = [
      '',
      'application/json',
      'text/plain; charset=utf-8',
      'application/vnd.oci.image.manifest.v1+json',
      'application/vnd.docker.distribution.manifest.v1+prettyjws',
      'x/y;;;'
    ]
    for (let i = 0; i < N; i++) {
      const t = tolerant(() => detectMediaType(Buffer.from(gen(14)), types[i % types.length], 'fuzz'))
      if (t !== undefined) expect(typeof t).toBe('string')
    }
  })

  test('token scopes: parse, merge and cover never crash; merging is idempotent', () => {
    const gen = generator(6, [
      'repository:',
      'registry:catalog:*',
      'lib/app',
      ':pull',
      ',push',
      ':',
      '*',
      ' '
    ])
    for (let i = 0; i < N; i++) {
      const scopes = Array.from({ length: 1 + (i % 4) }, () => gen(5))
      const merged = tolerant(() => mergeScopes(scopes))!
      expect(mergeScopes(merged)).toEqual(merged)
      tolerant(() => parseScope(gen(6)))
      tolerant(() => scopesCover(merged, scopes))
    }
  })
})

describe('redaction', () => {
  test('userinfo and secret query values never survive redactUrl / redactText', () => {
    const gen = generator(7, [
      'https://',
      'http://',
      'host.example',
      ':5000',
      '/v2/x',
      '?',
      '&',
      '=',
      '#',
      '%2F',
      '@'
    ])
    const params = [
      'X-Amz-Signature',
      'x-amz-credential',
      'sig',
      'token',
      'access_token',
      'Signature',
      'se',
      'skoid',
      'password'
    ]
    // Characters that end a URL inside text (space, quotes, angle brackets) or start its query are
    // kept out of the path: redaction goes by parameter name, so the name must stay a name.
    for (let i = 0; i < N; i++) {
      const secret = `Zq${i}Sec${'k'.repeat(i % 7)}`
      const url = `https://u${i}:${secret}@h${i % 9}.example:${1000 + i}/p/${gen(3).replace(/[\s"'<>?&]/g, '')}?${params[i % params.length]}=${secret}&n=${i}`
      expect(redactUrl(url)).not.toContain(secret)
      expect(redactText(`${gen(6)} ${url} ${gen(6)}`)).not.toContain(secret)
      tolerant(() => redactUrl(gen(10)))
    }
  })
})

describe('remote names that become paths', () => {
  const root = path.resolve('/srv/layout')
  const gen = generator(8, [
    '..',
    '.',
    '/',
    'sha256:',
    'a'.repeat(64),
    'blobs',
    '\\',
    'C:\\',
    '\u0000',
    '%2e%2e',
    'x'
  ])
  const inside = (p: string) => p === root || p.startsWith(root + path.sep)

  test('an accepted digest is a file name: no separator, no dot segments', () => {
    for (let i = 0; i < N; i++) {
      const d = i % 5 === 0 ? `sha256:${'a'.repeat(63)}${gen(2)}` : gen(6)
      const parsed = tolerant(() => parseDigest(d, 'fuzz'), PathError)
      if (parsed) {
        expect(parsed.hex).toMatch(/^[a-f0-9]+$/)
        expect(inside(confinedJoin(root, 'blobs', parsed.algorithm, parsed.hex))).toBe(true)
      }
    }
  })

  test('archive member names and link targets: accepted ones stay inside, relative and clean', () => {
    for (let i = 0; i < N; i++) {
      const name = tolerant(() => normaliseArchivePath(gen(8), 'fuzz'), PathError)
      // The indexer resolves links from members whose own names it has normalised already.
      const link = name ?? 'a/b'
      const target = tolerant(() => resolveArchiveLink(link, gen(8), 'fuzz'), PathError)
      for (const p of [name, target]) {
        if (p === undefined) continue
        expect(p.startsWith('/')).toBe(false)
        expect(p.split('/')).not.toContain('..')
        expect(p.split('/')).not.toContain('')
        expect(p).not.toContain('\u0000')
        expect(inside(path.resolve(root, p))).toBe(true)
      }
    }
  })

  test('OCI ref names and confinedJoin: whatever is accepted stays inside the root', () => {
    for (let i = 0; i < N; i++) {
      const ref = tolerant(() => validateOciRefName(gen(8), 'fuzz'), PathError)
      if (ref !== undefined) expect(ref.split('/')).not.toContain('..')
      const joined = tolerant(() => confinedJoin(root, gen(5), gen(5)), PathError)
      if (joined !== undefined) expect(inside(joined)).toBe(true)
    }
  })
})

describe('huge inputs end (a quadratic parser would blow the time budget)', () => {
  const big = (unit: string) => unit.repeat(Math.ceil(400_000 / unit.length))
  test.each<[string, () => unknown]>([
    ['Link', () => nextLink(big('<a>; rel="prev", '))],
    ['Link without closers', () => nextLink(big('<<<;'))],
    ['Retry-After', () => parseRetryAfter(big('9 '))],
    [
      'OCI error body',
      () => parseOciErrors(`{"errors":[{"code":"X","message":"${big('https://a@b/?token=x ')}"}]}`)
    ],
    ['redactText', () => redactText(big('http://u:p@h/?sig=1 '))],
    ['redactUrl', () => redactUrl(`https://h/?${big('token=1&')}`)],
    ['archive path', () => normaliseArchivePath(big('a/./'), 'fuzz')],
    ['OCI ref name', () => validateOciRefName(big('a-'), 'fuzz')],
    ['scopes', () => mergeScopes([big('repository:a:pull,'), big('b:')])]
  ])('%s', (_name, fn) => {
    tolerant<unknown>(fn)
  })
})
