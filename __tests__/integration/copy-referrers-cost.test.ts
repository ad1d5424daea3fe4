// What looking for referrers costs a registry without the referrers API (registry 2.8), counted in
// its access log: Docker Hub bills every manifest GET, so a missing `sha256-<hex>` tag must cost a HEAD.
import { describe, expect, test } from '@jest/globals'
import { CopyEngine } from '../../src/copy/index.js'
import { buildImage, pushImage, type AccessLogEntry } from '../harness/index.js'
import { startFront, testClient } from './client-helpers.js'
import { clientFor, destination, OCI_INDEX, rawManifest, source, useRegistries } from './copy-helpers.js'

const t = useRegistries()

const manifestRequests = (log: AccessLogEntry[], method: string) =>
  log.filter(e => e.method === method && /^\/v2\/.+\/manifests\//.test(e.path))
const referrersGets = (log: AccessLogEntry[]) =>
  log.filter(e => e.method === 'GET' && /^\/v2\/.+\/referrers\/sha256:/.test(e.path))
const fallbackHeads = (log: AccessLogEntry[]) =>
  manifestRequests(log, 'HEAD').filter(e => /\/manifests\/sha256-[0-9a-f]{64}$/.test(e.path))

describe('referrers lookup on a registry without the API', () => {
  const first = buildImage({ seed: 'cost-a', platforms: ['linux/amd64', 'linux/arm64'] })
  const second = buildImage({ seed: 'cost-b', platforms: ['linux/amd64', 'linux/arm64'] })

  test('no manifest GET answered 404; the referrers API is asked once per client; a HEAD per subject', async () => {
    await pushImage(t.src, 'cost/a', 'v1', first)
    await pushImage(t.src, 'cost/b', 'v1', second)
    const { client, done } = await clientFor([t.src, t.dst])
    try {
      await t.src.clearAccessLog()
      const r1 = await new CopyEngine().copy(
        source(client, t.src, 'cost/a:v1'),
        destination(client, t.dst, 'cost/a:v1'),
        'v1'
      )
      expect(r1.referrers).toBe(0)
      expect((await rawManifest(t.dst, 'cost/a:v1')).equals(first.manifest.bytes)).toBe(true)
      const log1 = await t.src.accessLog()
      expect(manifestRequests(log1, 'GET').filter(e => e.status === 404)).toEqual([])
      // The subjects (the index and its 2 children) are looked up together; one learns for all.
      expect(referrersGets(log1)).toHaveLength(1)
      expect(fallbackHeads(log1).map(e => e.status)).toEqual([404, 404, 404])

      // Another image, same client: the registry is known to lack the API.
      await t.src.clearAccessLog()
      await new CopyEngine().copy(
        source(client, t.src, 'cost/b:v1'),
        destination(client, t.dst, 'cost/b:v1'),
        'v1'
      )
      const log2 = await t.src.accessLog()
      expect(referrersGets(log2)).toHaveLength(0)
      expect(manifestRequests(log2, 'GET').filter(e => e.status === 404)).toEqual([])
      expect(fallbackHeads(log2)).toHaveLength(1 + second.children.length)
    } finally {
      await done()
    }
  })

  test('a registry with the API is asked for every subject, even when it has none (200, empty index)', async () => {
    const subjects = [first.manifest.digest, ...first.children.map(c => c.digest)]
    const seen: string[] = []
    const front = await startFront(t.src, (req, res) => {
      seen.push(`${req.method} ${req.url}`)
      if (req.method !== 'GET' || !req.url?.startsWith('/v2/cost/a/referrers/')) return false
      res.writeHead(200, { 'content-type': OCI_INDEX })
      res.end(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] }))
      return true
    })
    const { client, done } = await testClient()
    try {
      const lists = await Promise.all(subjects.map(d => client.referrers(front.host, 'cost/a', d)))
      expect(lists).toEqual([[], [], []])
      expect(await client.referrers(front.host, 'cost/a', subjects[0])).toEqual([])
      expect(seen.filter(s => s.includes('/referrers/'))).toHaveLength(subjects.length + 1)
      expect(seen.filter(s => s.includes('/manifests/'))).toEqual([])
    } finally {
      await done()
      await front.stop()
    }
  })
})
