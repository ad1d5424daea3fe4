import { describe, expect, test } from '@jest/globals'
import {
  formatReference,
  isLoopbackHost,
  parseReference,
  ReferenceError,
  registryKey,
  type Reference
} from '../../src/oci/index.js'

const D = 'sha256:' + 'a'.repeat(64)
const D512 = 'sha512:' + 'b'.repeat(128)

describe('parseReference: valid', () => {
  test.each<[string, Reference]>([
    ['nginx', { registry: 'registry-1.docker.io', repository: 'library/nginx', tag: 'latest' }],
    ['nginx:1.27', { registry: 'registry-1.docker.io', repository: 'library/nginx', tag: '1.27' }],
    ['docker.io/nginx', { registry: 'registry-1.docker.io', repository: 'library/nginx', tag: 'latest' }],
    [
      'index.docker.io/library/nginx:1',
      { registry: 'registry-1.docker.io', repository: 'library/nginx', tag: '1' }
    ],
    [
      'registry-1.docker.io/bitnami/redis:7',
      { registry: 'registry-1.docker.io', repository: 'bitnami/redis', tag: '7' }
    ],
    ['bitnami/redis', { registry: 'registry-1.docker.io', repository: 'bitnami/redis', tag: 'latest' }],
    ['ghcr.io/org/app:v1.2.3', { registry: 'ghcr.io', repository: 'org/app', tag: 'v1.2.3' }],
    ['GHCR.IO/org/app', { registry: 'ghcr.io', repository: 'org/app', tag: 'latest' }],
    ['localhost/app', { registry: 'localhost', repository: 'app', tag: 'latest' }],
    ['localhost:5000/app:dev', { registry: 'localhost:5000', repository: 'app', tag: 'dev' }],
    ['127.0.0.1:5000/a/b/c:t', { registry: '127.0.0.1:5000', repository: 'a/b/c', tag: 't' }],
    ['[::1]:5000/app', { registry: '[::1]:5000', repository: 'app', tag: 'latest' }],
    [`nginx@${D}`, { registry: 'registry-1.docker.io', repository: 'library/nginx', digest: D }],
    [
      `nginx:1.27@${D}`,
      { registry: 'registry-1.docker.io', repository: 'library/nginx', tag: '1.27', digest: D }
    ],
    [`quay.io/a/b@${D512}`, { registry: 'quay.io', repository: 'a/b', digest: D512 }],
    [
      'docker://quay.io/prometheus/node-exporter:v1',
      { registry: 'quay.io', repository: 'prometheus/node-exporter', tag: 'v1' }
    ],
    [
      'a__b/c-d.e_f---g:T_a.g-1',
      { registry: 'registry-1.docker.io', repository: 'a__b/c-d.e_f---g', tag: 'T_a.g-1' }
    ],
    [
      'registry.cn-hangzhou.aliyuncs.com/ns/repo',
      { registry: 'registry.cn-hangzhou.aliyuncs.com', repository: 'ns/repo', tag: 'latest' }
    ],
    ['localhost:5000', { registry: 'registry-1.docker.io', repository: 'library/localhost', tag: '5000' }],
    [
      'x'.repeat(200) + ':' + 'y'.repeat(128),
      { registry: 'registry-1.docker.io', repository: 'library/' + 'x'.repeat(200), tag: 'y'.repeat(128) }
    ]
  ])('%s', (input, want) => {
    expect(parseReference(input)).toEqual(want)
  })

  test('defaultTag: false leaves the tag out', () => {
    expect(parseReference('ghcr.io/o/r', { defaultTag: false })).toEqual({
      registry: 'ghcr.io',
      repository: 'o/r'
    })
  })
})

describe('parseReference: invalid', () => {
  test.each<[string, RegExp]>([
    ['', /empty reference/],
    ['Nginx', /must be lowercase/],
    ['docker.io/Library/nginx', /must be lowercase/],
    ['ghcr.io/Org/app', /must be lowercase/],
    ['MyOrg/app', /must be lowercase/],
    ['nginx:', /invalid tag/],
    ['nginx:-bad', /invalid tag/],
    ['nginx:.bad', /invalid tag/],
    ['nginx:a/b', /lowercase|invalid/],
    ['nginx:' + 'x'.repeat(129), /longer than 128/],
    ['a'.repeat(256), /longer than 255/],
    ['nginx@sha256:abc', /invalid sha256 digest/],
    ['nginx@sha256:' + 'A'.repeat(64), /invalid sha256 digest/],
    ['nginx@md5:' + 'a'.repeat(32), /unsupported digest algorithm/],
    ['nginx@', /invalid digest/],
    ['nginx@@' + D, /invalid digest/],
    ['host.io//repo', /empty path component/],
    ['host.io/', /missing repository/],
    ['/repo', /empty path component/],
    ['repo/', /empty path component/],
    ['-repo', /invalid repository name component/],
    ['re..po', /invalid repository name component/],
    ['host_x.io/repo', /invalid registry host|invalid repository/],
    ['ngi nx', /whitespace/],
    ['bad-host-.io/repo', /invalid registry host/],
    [':tag', /missing repository/]
  ])('%s', (input, msg) => {
    expect(() => parseReference(input)).toThrow(ReferenceError)
    expect(() => parseReference(input)).toThrow(msg)
  })
})

describe('formatReference', () => {
  test.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['docker.io/library/nginx:1.27', 'docker.io/library/nginx:1.27'],
    [`ghcr.io/a/b:t@${D}`, `ghcr.io/a/b:t@${D}`],
    ['localhost:5000/app', 'localhost:5000/app:latest']
  ])('%s → %s', (input, want) => {
    expect(formatReference(parseReference(input))).toBe(want)
  })
})

describe('registryKey and loopback', () => {
  test.each([
    ['docker.io', 'registry-1.docker.io'],
    ['https://index.docker.io/v1/', 'registry-1.docker.io'],
    ['index.docker.io', 'registry-1.docker.io'],
    ['registry-1.docker.io', 'registry-1.docker.io'],
    ['GHCR.io', 'ghcr.io'],
    ['https://harbor.example.com', 'harbor.example.com'],
    ['127.0.0.1:5000', '127.0.0.1:5000']
  ])('%s → %s', (host, want) => expect(registryKey(host)).toBe(want))

  test.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['127.0.0.1:5000', true],
    ['127.10.20.30', true],
    ['[::1]:5000', true],
    ['::1', true],
    ['128.0.0.1', false],
    ['ghcr.io', false],
    ['localhost.example.com', false]
  ])('%s loopback=%s', (host, want) => expect(isLoopbackHost(host)).toBe(want))
})

describe('fuzz', () => {
  // Deterministic PRNG so a failure repeats.
  function rng(seed: number): () => number {
    let s = seed >>> 0
    return () => {
      s = (s + 0x6d2b79f5) >>> 0
      let t = s
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }
  const alphabet = 'abcAB09:/@._-__sha256:+[]% \u00e9\u0000'

  test('random inputs parse or throw ReferenceError; valid results re-parse to themselves', () => {
    const r = rng(42)
    let ok = 0
    for (let i = 0; i < 20000; i++) {
      const len = Math.floor(r() * 80)
      let s = ''
      for (let j = 0; j < len; j++) s += alphabet[Math.floor(r() * alphabet.length)]
      if (r() < 0.2) s += '@sha256:' + 'f'.repeat(64)
      let ref: Reference
      try {
        ref = parseReference(s)
      } catch (e) {
        expect(e).toBeInstanceOf(ReferenceError)
        continue
      }
      ok++
      expect(parseReference(formatReference(ref))).toEqual(ref)
    }
    expect(ok).toBeGreaterThan(0)
  })

  test('a huge input is refused without hanging', () => {
    expect(() => parseReference('a/'.repeat(100000) + 'b')).toThrow(/longer than 255/)
    expect(() => parseReference('a'.repeat(1_000_000) + ':' + 'b'.repeat(1_000_000))).toThrow(ReferenceError)
  })
})
