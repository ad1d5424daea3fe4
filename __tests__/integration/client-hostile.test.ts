/** The client against hostile or broken registries: loops, lies and tampered content are clear errors. */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import type { RegistryClient } from '../../src/registry/index.js'
import {
  buildImage,
  pushImage,
  startRegistry,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import { blobPath, startFront, testClient } from './client-helpers.js'

jest.setTimeout(120_000)

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

describe('registry client, hostile registries', () => {
  let reg: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  let single: BuiltImage
  const ref = (repo: string, tagOrDigest: string) =>
    tagOrDigest.startsWith('sha256:')
      ? { registry: reg.host, repository: repo, digest: tagOrDigest }
      : { registry: reg.host, repository: repo, tag: tagOrDigest }

  beforeAll(async () => {
    reg = await startRegistry({ mode: 'anonymous' })
    ;({ client, done } = await testClient())
    single = buildImage({ seed: 'hostile-single' })
    await pushImage(reg, 'lib/single', 'v1', single)
  })
  afterAll(async () => {
    await done?.()
    await reg?.stop()
  })

  test.each([
    ['a Link to itself', (path: string) => path, /pagination loops/],
    [
      'pages that repeat the same tags',
      (path: string, i: number) => `${path.split('?')[0]}?page=${i}`,
      /does not advance/
    ]
  ])('tag pagination guard: %s', async (_name, next, msg) => {
    let i = 0
    const front = await startFront(reg, (req, res) => {
      if (!req.url?.includes('/tags/list')) return false
      res.writeHead(200, { 'content-type': 'application/json', link: `<${next(req.url, ++i)}>; rel="next"` })
      res.end(JSON.stringify({ name: 'x', tags: ['a', 'b'] }))
      return true
    })
    try {
      await expect(client.tagList(front.host, 'lib/single')).rejects.toThrow(msg)
      expect(i).toBeLessThan(5)
    } finally {
      await front.stop()
    }
  })

  test.each([
    ['a redirect loop', (n: number) => `/loop?i=${n % 2}`, /redirect loop/],
    ['an endless redirect chain', (n: number) => `/chain?i=${n}`, /too many redirects/]
  ])('blob GET: %s is a clear error', async (_name, target, msg) => {
    let n = 0
    const front = await startFront(reg, (req, res) => {
      if (!/\/blobs\/|\/loop|\/chain/.test(req.url ?? '')) return false
      res.writeHead(307, { location: target(n++), 'content-length': '0' }).end()
      return true
    })
    try {
      await expect(client.blobGet(front.host, 'lib/single', single.blobs[0]!)).rejects.toThrow(msg)
      expect(n).toBeLessThanOrEqual(12)
    } finally {
      await front.stop()
    }
  })

  test.each([
    ['a declared Content-Length over 4 MiB', true],
    ['an undeclared (chunked) body over 4 MiB', false]
  ])('manifest cap: %s is refused while reading', async (_name, declare) => {
    const big = Buffer.alloc(5 * 1024 * 1024, 0x20)
    const front = await startFront(reg, (req, res) => {
      if (!req.url?.includes('/manifests/')) return false
      const headers: Record<string, string> = { 'content-type': OCI_MANIFEST }
      if (declare) headers['content-length'] = String(big.length)
      res.writeHead(200, headers)
      res.end(big)
      return true
    })
    try {
      await expect(
        client.manifestGet({ registry: front.host, repository: 'lib/single', tag: 'v1' })
      ).rejects.toThrow(/4194304/)
    } finally {
      await front.stop()
    }
  })

  test('a manifest whose stored bytes were changed is refused (digest verified)', async () => {
    const img = buildImage({ seed: 'client-tamper-manifest' })
    await pushImage(reg, 'lib/tamper-m', 'v1', img)
    const p = blobPath(reg, img.manifest.digest)
    const bytes = readFileSync(p)
    // Change one hex digit of the config digest: still valid JSON, same size, different content.
    const at = bytes.indexOf('sha256:') + 10
    bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30
    writeFileSync(p, bytes)
    await expect(client.manifestGet(ref('lib/tamper-m', 'v1'))).rejects.toThrow(
      new RegExp(`content does not match digest ${img.manifest.digest}`)
    )
    await expect(client.manifestGet(ref('lib/tamper-m', img.manifest.digest))).rejects.toThrow(/refusing it/)
  })

  test.each([
    [
      'prettyjws Content-Type',
      'application/vnd.docker.distribution.manifest.v1+prettyjws',
      '{"schemaVersion":1,"name":"x"}'
    ],
    ['plain JSON with schemaVersion 1', 'application/json', '{"schemaVersion":1,"name":"x","fsLayers":[]}']
  ])('a schema 1 manifest (%s) is refused with a message that says so', async (_name, type, body) => {
    const front = await startFront(reg, (req, res) => {
      if (!req.url?.includes('/manifests/')) return false
      // distribution signs a schema 1 manifest afresh on every GET: its bytes never match the digest
      // header. The reason to give is the format, not a digest mismatch.
      res
        .writeHead(200, { 'content-type': type, 'docker-content-digest': `sha256:${'0'.repeat(64)}` })
        .end(body)
      return true
    })
    try {
      await expect(
        client.manifestGet({ registry: front.host, repository: 'lib/old', tag: 'v1' })
      ).rejects.toThrow(
        /lib\/old:v1 is a Docker schema 1 manifest: this format is deprecated and not supported/
      )
    } finally {
      await front.stop()
    }
  })

  test('a registry with the referrers API: its index is used, no fallback tag read', async () => {
    const subject = single.manifest.digest
    const referrer = {
      mediaType: OCI_MANIFEST,
      digest: `sha256:${'c'.repeat(64)}`,
      size: 123,
      artifactType: 'application/x.test'
    }
    const paths: string[] = []
    const front = await startFront(reg, (req, res) => {
      paths.push(req.url ?? '')
      if (req.url !== `/v2/lib/single/referrers/${subject}`) return false
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' })
      res.end(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: [referrer]
        })
      )
      return true
    })
    try {
      expect(await client.referrers(front.host, 'lib/single', subject)).toEqual([referrer])
      expect(paths.filter(p => p.includes('/manifests/'))).toEqual([])
    } finally {
      await front.stop()
    }
  })
})
