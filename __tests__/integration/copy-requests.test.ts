// What a cold copy asks of the target, counted in the real registry's access log: one look at the
// tag before anything is written (the sync plan's, when there is one), one confirmation after; the
// top manifest PUT once, by tag, unless referrers must land before the tag.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CopyEngine } from '../../src/copy/index.js'
import { sync } from '../../src/sync/index.js'
import {
  buildArtifact,
  buildImage,
  pushImage,
  startRegistry,
  type AccessLogEntry,
  type StartedRegistry
} from '../harness/index.js'
import { clientFor, destination, manifestPuts, rawManifest, source } from './copy-helpers.js'
import { config } from './sync-helpers.js'

jest.setTimeout(60_000)

const tagHeads = (log: AccessLogEntry[], repo: string, tag: string) =>
  log.filter(e => e.method === 'HEAD' && e.path === `/v2/${repo}/manifests/${tag}`)

describe('requests of a cold copy', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  const dir = mkdtempSync(join(tmpdir(), 'copy-requests-'))
  const img = buildImage({ seed: 'requests', platforms: ['linux/amd64', 'linux/arm64'] })

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    await pushImage(src, 'req/app', 'v1', img)
  })
  afterAll(async () => {
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  test.each([
    ['copy() looks itself', 'engine'],
    ['sync: the plan looks, the copy reuses its answer', 'sync']
  ])('the target tag is HEADed once before the write and once after (%s)', async (_what, how) => {
    const repo = `req/${how}`
    const { client, done } = await clientFor([src, dst])
    try {
      await dst.clearAccessLog()
      if (how === 'engine') {
        await new CopyEngine().copy(
          source(client, src, 'req/app:v1'),
          destination(client, dst, `${repo}:v1`),
          'v1'
        )
      } else {
        const cfg = config(`version: 1\nimages:\n  ${src.host}/req/app:v1: ${dst.host}/${repo}:v1\n`, dir)
        const r = await sync(cfg, { client })
        expect(r.images.map(i => [i.status, i.change])).toEqual([['copied', 'new']])
      }
      const log = await dst.accessLog()
      expect(tagHeads(log, repo, 'v1').map(e => e.status)).toEqual([404, 200])
      expect((await rawManifest(dst, `${repo}:v1`)).equals(img.manifest.bytes)).toBe(true)
    } finally {
      await done()
    }
  })

  test('an index without referrers: its children by digest, then the index by tag only', async () => {
    const { client, done } = await clientFor([src, dst])
    try {
      await dst.clearAccessLog()
      await new CopyEngine().copy(
        source(client, src, 'req/app:v1'),
        destination(client, dst, 'req/plain:v1'),
        'v1'
      )
      const puts = manifestPuts(await dst.accessLog())
      expect(puts.slice(0, -1).sort()).toEqual(img.children.map(c => c.digest).sort())
      expect(puts.at(-1)).toBe('v1')
      expect((await rawManifest(dst, 'req/plain:v1')).equals(img.manifest.bytes)).toBe(true)
    } finally {
      await done()
    }
  })

  test('an index with a referrer: by digest, then the referrer, then the tag', async () => {
    const other = buildImage({ seed: 'requests-signed', platforms: ['linux/amd64', 'linux/arm64'] })
    const m = other.manifest
    const sig = buildArtifact({
      seed: 'requests-sig',
      subject: { digest: m.digest, size: m.bytes.length, mediaType: m.mediaType }
    })
    await pushImage(src, 'req/signed', 'v1', other)
    await pushImage(src, 'req/signed', undefined, sig)
    const { client, done } = await clientFor([src, dst])
    try {
      await dst.clearAccessLog()
      const r = await new CopyEngine().copy(
        source(client, src, 'req/signed:v1'),
        destination(client, dst, 'req/signed:v1'),
        'v1'
      )
      expect(r.referrers).toBe(1)
      const puts = manifestPuts(await dst.accessLog())
      const at = (ref: string) => puts.indexOf(ref)
      expect(puts).toHaveLength(other.children.length + 4) // + index, signature, its fallback index, tag
      expect(at(m.digest)).toBeGreaterThanOrEqual(0)
      expect(at(m.digest)).toBeLessThan(at(sig.manifest.digest))
      expect(at(sig.manifest.digest)).toBeLessThan(at('v1'))
      expect(at('v1')).toBe(puts.length - 1)
    } finally {
      await done()
    }
  })
})
