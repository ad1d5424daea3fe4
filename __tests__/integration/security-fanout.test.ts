/**
 * A hostile index graph: indexes of indexes of indexes, 16 entries at each level, all naming the
 * same few manifests. Walked as a tree that is 16 + 256 + 4096 manifest GETs; walked as a graph,
 * each digest is fetched once per run, however many paths and images reach it. A chain deeper than
 * the limit, an index that names itself, and a per-image budget fail fast, naming the limit.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { CopyEngine, DEFAULT_PER_REGISTRY_CONCURRENCY } from '../../src/copy/index.js'
import {
  buildImage,
  pushImage,
  regRequest,
  startRegistry,
  type AccessLogEntry,
  type StartedRegistry
} from '../harness/index.js'
import { clientFor, destination, OCI_INDEX, source } from './copy-helpers.js'
import { startHostileFront } from './reliability-helpers.js'
import type { RegistryClient } from '../../src/registry/index.js'

jest.setTimeout(120_000)

interface Pushed {
  mediaType: string
  digest: string
  size: number
}

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

/** An index of `entries`, made distinct from its siblings by `name`. */
function indexBytes(name: string, entries: Pushed[]): Buffer {
  const json = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: entries, annotations: { name } }
  return Buffer.from(JSON.stringify(json))
}

async function putIndex(reg: StartedRegistry, repo: string, ref: string, bytes: Buffer): Promise<Pushed> {
  const res = await regRequest(reg, {
    method: 'PUT',
    path: `/v2/${repo}/manifests/${ref}`,
    repo,
    headers: { 'content-type': OCI_INDEX },
    body: bytes
  })
  const text = await res.body.text()
  if (res.statusCode !== 201) throw new Error(`PUT ${repo}:${ref}: ${res.statusCode} ${text}`)
  return { mediaType: OCI_INDEX, digest: sha256(bytes), size: bytes.length }
}

/** Manifest GETs by digest (or tag), as the source registry logged them. */
function manifestGets(log: AccessLogEntry[], repo: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const e of log) {
    if (e.method !== 'GET' || !e.path.startsWith(`/v2/${repo}/manifests/`)) continue
    const ref = decodeURIComponent(e.path.slice(`/v2/${repo}/manifests/`.length))
    counts.set(ref, (counts.get(ref) ?? 0) + 1)
  }
  return counts
}

const WIDTH = 16

describe('a hostile index graph', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  /** Every distinct manifest of the fan-out image. */
  const distinct: string[] = []

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    ;({ client, done } = await clientFor([src, dst]))
    // Two images at the bottom, two distinct indexes at each level above, each of 16 entries.
    let level: Pushed[] = []
    for (const seed of ['fan-a', 'fan-b']) {
      const img = buildImage({ seed, layerSizes: [512] })
      await pushImage(src, 'fan/app', undefined, img)
      level.push({
        mediaType: img.manifest.mediaType,
        digest: img.manifest.digest,
        size: img.manifest.bytes.length
      })
    }
    for (let depth = 3; depth >= 1; depth--) {
      const entries = Array.from({ length: WIDTH }, (_, i) => level[i % 2]!)
      level = [
        await putIndex(src, 'fan/app', `l${depth}a`, indexBytes(`l${depth}a`, entries)),
        await putIndex(src, 'fan/app', `l${depth}b`, indexBytes(`l${depth}b`, entries))
      ]
      distinct.push(...entries.slice(0, 2).map(e => e.digest))
    }
    const top = Array.from({ length: WIDTH }, (_, i) => level[i % 2]!)
    distinct.push(...level.map(e => e.digest))
    await putIndex(src, 'fan/app', 'v1', indexBytes('top', top))

    // 50 indexes, each the only entry of the next (in the same repository: a registry checks).
    let inner: Pushed = level[0]!
    for (let i = 0; i < 50; i++)
      inner = await putIndex(src, 'fan/app', i === 49 ? 'chain' : `c${i}`, indexBytes(`c${i}`, [inner]))
  })
  afterAll(async () => {
    await done?.()
    await Promise.all([src?.stop(), dst?.stop()])
  })

  test('16×16×16 copies with each manifest fetched once in the run, across two images', async () => {
    await src.clearAccessLog()
    const engine = new CopyEngine()
    let peak = 0
    const base = process.memoryUsage().rss
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss - base)), 20)
    try {
      // Two destinations, so the second copy has to read the source again: the run's cache answers.
      for (const repo of ['fan/one', 'fan/two']) {
        await engine.copy(source(client, src, 'fan/app:v1'), destination(client, dst, `${repo}:v1`), 'v1')
      }
    } finally {
      clearInterval(sampler)
    }
    const gets = manifestGets(await src.accessLog(), 'fan/app')
    const byDigest = [...gets].filter(([ref]) => ref.startsWith('sha256:'))
    expect(byDigest.map(([ref]) => ref).sort()).toEqual([...new Set(distinct)].sort())
    expect(byDigest.filter(([, n]) => n !== 1)).toEqual([])
    // The walk holds one node per distinct manifest, not one per path.
    expect(peak).toBeLessThan(64 * 2 ** 20)
  })

  // A manifest budget is checked as each read lands, while sibling reads are already in flight (up
  // to the per-registry limit): the copy stops within the budget plus those, never the 4,000-odd
  // reads of the whole graph. A request budget is checked before each request is sent.
  const inFlight = DEFAULT_PER_REGISTRY_CONCURRENCY
  test.each([
    [{ maxImageManifests: 5 }, /more than 5 distinct manifests \(limit maxImageManifests\)/, 6 + inFlight],
    [{ maxImageRequests: 4 }, /more than 4 requests to the source \(limit maxImageRequests\)/, 4],
    [
      { maxImageManifestBytes: 4000 },
      /more than 4000 bytes together \(limit maxImageManifestBytes\)/,
      6 + inFlight
    ]
  ])('a per-image budget %j fails the copy naming the limit', async (limits, message, maxGets) => {
    await src.clearAccessLog()
    const copy = new CopyEngine({ limits }).copy(
      source(client, src, 'fan/app:v1'),
      destination(client, dst, 'fan/budget:v1'),
      'v1'
    )
    await expect(copy).rejects.toThrow(message)
    const gets = [...manifestGets(await src.accessLog(), 'fan/app').values()].reduce((a, b) => a + b, 0)
    expect(gets).toBeLessThanOrEqual(maxGets)
  })

  test('a 50-deep chain fails at the depth limit after a handful of reads', async () => {
    await src.clearAccessLog()
    const copy = new CopyEngine().copy(
      source(client, src, 'fan/app:chain'),
      destination(client, dst, 'fan/chain:v1'),
      'v1'
    )
    await expect(copy).rejects.toThrow(/nested 5 levels below the top manifest, more than the limit of 4/)
    const gets = [...manifestGets(await src.accessLog(), 'fan/app').values()].reduce((a, b) => a + b, 0)
    expect(gets).toBeLessThanOrEqual(5)
  })

  test('an index served as its own child fails at once', async () => {
    const self = indexBytes('self', [])
    const selfDigest = sha256(self)
    const loop = indexBytes('loop', [{ mediaType: OCI_INDEX, digest: selfDigest, size: self.length }])
    let served = 0
    const front = await startHostileFront(src.url, (req, res) => {
      if (req.method !== 'GET' || !req.url?.startsWith('/v2/fan/self/manifests/')) return false
      // The tag and the digest it names both answer the index that names that digest.
      served++
      res.writeHead(200, { 'content-type': OCI_INDEX, 'content-length': String(loop.length) })
      res.end(loop)
      return true
    })
    try {
      const copy = new CopyEngine().copy(
        source(client, { ...src, host: front.host }, 'fan/self:v1'),
        destination(client, dst, 'fan/self:v1'),
        'v1'
      )
      await expect(copy).rejects.toThrow(new RegExp(`${selfDigest}.*(does not match|cycle)`))
      expect(served).toBeLessThanOrEqual(2)
    } finally {
      await front.stop()
    }
  })
})
