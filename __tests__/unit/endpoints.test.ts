/**
 * The URL builders of the distribution API (registry/endpoints.ts): what each endpoint's path is,
 * how path parts and query values are escaped, and that nothing else in src/ writes a `/v2/` URL.
 */
import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import {
  blobPath,
  blobUploadPath,
  manifestDeletePath,
  manifestPath,
  pingPath,
  referrersPath,
  tagDeletePath,
  tagListPath,
  uploadSessionUrl
} from '../../src/registry/index.js'

const D = `sha256:${'a'.repeat(64)}`

describe('endpoint builders', () => {
  test.each([
    ['end-1 ping', pingPath(), '/v2/'],
    ['end-3 manifest by tag', manifestPath('library/nginx', 'latest'), '/v2/library/nginx/manifests/latest'],
    ['end-3 manifest by digest', manifestPath('nginx', D), `/v2/nginx/manifests/${D}`],
    ['end-3 deep name', manifestPath('a/b/c/d', 'v1.2_3-x'), '/v2/a/b/c/d/manifests/v1.2_3-x'],
    ['end-9 tag delete', tagDeletePath('org/app', 'v1.2'), '/v2/org/app/manifests/v1.2'],
    ['end-9 manifest delete', manifestDeletePath('org/app', D), `/v2/org/app/manifests/${D}`],
    ['end-2 blob', blobPath('org/app', D), `/v2/org/app/blobs/${D}`],
    ['end-4a upload start', blobUploadPath('org/app'), '/v2/org/app/blobs/uploads/'],
    [
      'end-11 mount',
      blobUploadPath('org/app', { digest: D, from: 'other/repo' }),
      `/v2/org/app/blobs/uploads/?mount=sha256%3A${'a'.repeat(64)}&from=other%2Frepo`
    ],
    ['end-8a tags', tagListPath('org/app'), '/v2/org/app/tags/list'],
    ['end-8b tags page', tagListPath('org/app', { n: 100 }), '/v2/org/app/tags/list?n=100'],
    [
      'end-8b tags after',
      tagListPath('a/b', { n: 50, last: 'v1.0+x' }),
      '/v2/a/b/tags/list?n=50&last=v1.0%2Bx'
    ],
    ['end-12a referrers', referrersPath('org/app', D), `/v2/org/app/referrers/${D}`],
    [
      'end-12b referrers by type',
      referrersPath('org/app', D, 'application/vnd.dev.cosign.artifact.sig.v1+json'),
      `/v2/org/app/referrers/${D}?artifactType=application%2Fvnd.dev.cosign.artifact.sig.v1%2Bjson`
    ],
    // Characters no valid name or tag has: escaped, so they cannot add a query or a fragment.
    ['query in a tag', manifestPath('app', 'x?n=1#f'), '/v2/app/manifests/x%3Fn%3D1%23f'],
    ['percent and space', manifestPath('my app', '50%'), '/v2/my%20app/manifests/50%25'],
    ['query value with &', tagListPath('app', { last: 'a&n=9' }), '/v2/app/tags/list?last=a%26n%3D9']
  ])('%s', (_, got, want) => {
    expect(got).toBe(want)
  })

  test.each([
    ['..', 'latest'],
    ['org/../secret', 'latest'],
    ['org//app', 'latest'],
    ['/app', 'latest'],
    ['app/', 'latest'],
    ['app', '..'],
    ['app', '.'],
    ['app', '']
  ])('refuses name %j reference %j instead of sending a normalised URL', (name, reference) => {
    expect(() => manifestPath(name, reference)).toThrow(/invalid/)
  })

  test.each([
    // end-5 PATCH / end-14 DELETE: the Location as given, resolved against the response's URL.
    [
      'relative',
      '/v2/app/blobs/uploads/u1?_state=s',
      'http://r:5000/v2/app/blobs/uploads/',
      undefined,
      'http://r:5000/v2/app/blobs/uploads/u1?_state=s'
    ],
    ['absolute', 'https://cdn.example/up/u1', 'http://r:5000/v2/', undefined, 'https://cdn.example/up/u1'],
    // end-6 PUT: the registry's own parameters kept, digest added (or replaced, never duplicated).
    [
      'close',
      '/v2/app/blobs/uploads/u1?_state=s',
      'http://r:5000/x',
      D,
      `http://r:5000/v2/app/blobs/uploads/u1?_state=s&digest=sha256%3A${'a'.repeat(64)}`
    ],
    [
      'close replaces digest',
      'http://r/u?digest=old',
      'http://r/',
      D,
      `http://r/u?digest=sha256%3A${'a'.repeat(64)}`
    ]
  ])('upload session URL: %s', (_, location, base, digest, want) => {
    expect(uploadSessionUrl(location, base, digest)).toBe(want)
  })
})

describe('one set of builders', () => {
  const ROOT = resolve(import.meta.dirname, '../..')
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap(n => {
      const p = join(dir, n)
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : []
    })
  // Comments may name endpoints; code may not spell their paths.
  const code = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')

  test('no module of src/ but registry/endpoints.ts writes a /v2/ path', () => {
    const offenders = walk(join(ROOT, 'src'))
      .map(f => relative(ROOT, f))
      .filter(f => f !== join('src', 'registry', 'endpoints.ts'))
      .filter(f => code(readFileSync(join(ROOT, f), 'utf8')).includes('/v2/'))
    expect(offenders).toEqual([])
  })
})

describe('delete builders keep a tag and a digest apart', () => {
  test.each([
    ['a digest sent as a tag', () => tagDeletePath('org/app', D), /is a digest, not a tag/],
    ['a tag sent as a digest', () => manifestDeletePath('org/app', 'latest'), /is not a digest/],
    ['an empty digest', () => manifestDeletePath('org/app', ''), /is not a digest/]
  ])('%s is refused', (_n, build, want) => {
    expect(build).toThrow(want)
  })
})
