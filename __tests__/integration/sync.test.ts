/**
 * sync against real registries: first run copies, reruns of an unchanged config cost only HEADs
 * (counted in the registries' access logs), dry runs write nothing, failures do not stop the rest.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StateStore } from '../../src/sync/index.js'
import { exitCodeFor, sync, type SyncReport } from '../../src/sync/index.js'
import type { RegistryClient } from '../../src/registry/index.js'
import { buildImage, pushImage, skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'
import { clientFor, config, counts, isApi } from './sync-helpers.js'

// Real registries and child processes: far slower than Jest's 5 s default on a busy 2-core runner.
jest.setTimeout(120_000)

const sha = (b: string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`
const statuses = (r: SyncReport) => Object.fromEntries(r.images.map(i => [i.target, i.status]))

describe('sync registry → registry', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  const dir = mkdtempSync(join(tmpdir(), 'sync-test-'))
  const digests: Record<string, string> = {}

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    ;({ client, done } = await clientFor([src, dst]))
    const multi = buildImage({
      seed: 'sync-multi',
      platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
      attestations: true
    })
    digests.multi = await pushImage(src, 'lib/multi', '1.0', multi)
    digests.single = await pushImage(src, 'lib/single', '1.0', buildImage({ seed: 'sync-single' }))
    digests.dock10 = await pushImage(
      src,
      'lib/dock',
      '1.0',
      buildImage({ seed: 'sync-dock-1.0', format: 'docker', sharedBaseSeed: 'base' })
    )
    digests.dock11 = await pushImage(
      src,
      'lib/dock',
      '1.1',
      buildImage({ seed: 'sync-dock-1.1', format: 'docker', sharedBaseSeed: 'base' })
    )
    await pushImage(src, 'lib/dock', '2.0', buildImage({ seed: 'sync-dock-2.0', format: 'docker' }))
  })
  afterAll(async () => {
    await done?.()
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  const yaml = (prefix: string) => `version: 1
images:
  ${src.host}/lib/multi:1.0: ${dst.host}/${prefix}/multi:1.0
  ${src.host}/lib/single:1.0: ${dst.host}/${prefix}/single
  ${src.host}/lib/dock:
    target: ${dst.host}/${prefix}/dock
    tags: ["1.*"]
`

  test('first run copies; reruns make zero manifest GETs and zero writes; with state, zero target requests', async () => {
    const cfg = config(yaml('m'), dir)
    const state = StateStore.empty()
    const first = await sync(cfg, { client, state })
    const bySource = (r: SyncReport) => [...r.images].sort((a, b) => a.source.localeCompare(b.source))
    expect(bySource(first).map(i => [i.source, i.status, i.change])).toEqual([
      [`${src.host}/lib/dock:1.0`, 'copied', 'new'],
      [`${src.host}/lib/dock:1.1`, 'copied', 'new'],
      [`${src.host}/lib/multi:1.0`, 'copied', 'new'],
      [`${src.host}/lib/single:1.0`, 'copied', 'new']
    ])
    expect(first.totals).toMatchObject({ copied: 4, skipped: 0, failed: 0 })
    expect(first.totals.bytes).toBeGreaterThan(0)
    expect(exitCodeFor(first)).toBe(0)
    // The independent checker sees the source digests at the targets.
    for (const [repo, tag, want] of [
      ['multi', '1.0', digests.multi],
      ['single', '1.0', digests.single],
      ['dock', '1.0', digests.dock10],
      ['dock', '1.1', digests.dock11]
    ]) {
      const r = await skopeo(['inspect', '--raw', `docker://${dst.host}/m/${repo}:${tag}`], { reg: dst })
      expect(r.code).toBe(0)
      expect(sha(r.stdout)).toBe(want)
    }
    expect(first.images.map(i => i.digest).sort()).toEqual(
      [digests.multi, digests.single, digests.dock10, digests.dock11].sort()
    )
    expect(state.size).toBe(4)

    // Rerun without the state: one HEAD per image on each side, nothing else.
    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const second = await sync(cfg, { client })
    expect(second.images.every(i => i.status === 'skipped' && i.change === 'unchanged')).toBe(true)
    expect(second.images).toHaveLength(4)
    const [s2, d2] = await Promise.all([src.accessLog(), dst.accessLog()])
    expect(counts(s2)).toMatchObject({ manifestGets: 0, writes: 0, manifestHeads: 4 })
    expect(counts(d2)).toMatchObject({ manifestGets: 0, writes: 0, manifestHeads: 4 })

    // Rerun with the state: the target is not asked anything at all.
    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const third = await sync(cfg, { client, state })
    expect(third.images.map(i => i.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped'])
    expect(third.images.map(i => i.digest).sort()).toEqual(
      [digests.multi, digests.single, digests.dock10, digests.dock11].sort()
    )
    const [s3, d3] = await Promise.all([src.accessLog(), dst.accessLog()])
    expect(counts(s3)).toMatchObject({ manifestGets: 0, writes: 0, manifestHeads: 4 })
    expect(d3).toEqual([])

    // verify: true sends exactly one HEAD per image to the target, even with the state.
    const verifying = config(
      yaml('m').replace('version: 1\n', 'version: 1\ndefaults:\n  verify: true\n'),
      dir
    )
    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const fourth = await sync(verifying, { client, state })
    expect(fourth.totals.skipped).toBe(4)
    const d4 = await dst.accessLog()
    expect(counts(d4)).toMatchObject({ manifestGets: 0, writes: 0, manifestHeads: 4 })
    expect(d4.filter(isApi)).toHaveLength(4)
  })

  test('a changed source tag is copied again; the others stay skipped', async () => {
    const cfg = config(yaml('chg'), dir)
    const state = StateStore.empty()
    await sync(cfg, { client, state })
    const moved = await pushImage(src, 'lib/single', '1.0', buildImage({ seed: 'sync-single-v2' }))
    try {
      const r = await sync(cfg, { client, state })
      expect(statuses(r)).toEqual({
        [`${dst.host}/chg/multi:1.0`]: 'skipped',
        [`${dst.host}/chg/single:1.0`]: 'copied',
        [`${dst.host}/chg/dock:1.0`]: 'skipped',
        [`${dst.host}/chg/dock:1.1`]: 'skipped'
      })
      expect(r.images[1]).toMatchObject({ change: 'changed', digest: moved, sourceDigest: moved })
    } finally {
      await pushImage(src, 'lib/single', '1.0', buildImage({ seed: 'sync-single' }))
    }
  })

  test('dry run: full plan, nothing written, state untouched', async () => {
    const cfg = config(yaml('dry'), dir)
    const state = StateStore.empty()
    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const r = await sync(cfg, { client, state, dryRun: true })
    expect(r.images.map(i => [i.status, i.change])).toEqual([
      ['planned', 'new'],
      ['planned', 'new'],
      ['planned', 'new'],
      ['planned', 'new']
    ])
    expect(r.images.map(i => i.sourceDigest).sort()).toEqual(
      [digests.multi, digests.single, digests.dock10, digests.dock11].sort()
    )
    expect(state.size).toBe(0)
    expect(state.dirty).toBe(false)
    const [s, d] = await Promise.all([src.accessLog(), dst.accessLog()])
    expect(counts(s)).toMatchObject({ manifestGets: 0, writes: 0 })
    expect(counts(d).writes).toBe(0)
    const ls = await skopeo(['list-tags', `docker://${dst.host}/dry/multi`], { reg: dst })
    expect(ls.code).not.toBe(0)

    // A dry run over a mirrored config reports skips, still with no writes.
    const mirrored = await sync(config(yaml('m'), dir), { client, dryRun: true })
    expect(mirrored.images.map(i => i.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped'])
    expect(counts(await dst.accessLog()).writes).toBe(0)
  })

  test('checkTargets: false never contacts the target', async () => {
    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const r = await sync(config(yaml('m'), dir), { client, dryRun: true, checkTargets: false })
    expect(r.images.map(i => [i.status, i.change])).toEqual(Array(4).fill(['planned', 'unknown']))
    expect(await dst.accessLog()).toEqual([])
  })

  test('a failed image does not stop the others; exit code 1; no secret in the message', async () => {
    const locked = await startRegistry({ mode: 'basic' })
    const secret = 'wrong-password-that-must-not-leak'
    const { client: c, done: d } = await clientFor([src, { ...locked, password: secret }])
    try {
      const cfg = config(
        `version: 1
images:
  ${src.host}/lib/single:nope: ${dst.host}/fail/single:nope
  ${src.host}/lib/single:1.0: ${locked.host}/fail/single:1.0
  ${src.host}/lib/multi:1.0: ${dst.host}/fail/multi:1.0
`,
        dir
      )
      const r = await sync(cfg, { client: c })
      expect(r.images.map(i => i.status)).toEqual(['failed', 'failed', 'copied'])
      expect(r.images[0].error).toMatch(/not found|manifest unknown/i)
      expect(r.images[1].error).toMatch(/denied|401|unauthorized/i)
      expect(JSON.stringify(r)).not.toContain(secret)
      expect(exitCodeFor(r)).toBe(1)
      expect(r.images[0].position).toEqual({ line: 3, col: 3 })
    } finally {
      await d()
      await locked.stop()
    }
  })

  test('a digest-pinned source needs no source request once mirrored; max-age re-checks the target', async () => {
    const cfg = config(
      `version: 1\nimages:\n  ${src.host}/lib/single@${digests.single}:\n    target: ${dst.host}/pin/single:stable\n    max-age: 7\n`,
      dir
    )
    const state = StateStore.empty()
    const first = await sync(cfg, { client, state })
    expect(first.images.map(i => [i.source, i.target, i.status, i.digest])).toEqual([
      [`${src.host}/lib/single@${digests.single}`, `${dst.host}/pin/single:stable`, 'copied', digests.single]
    ])
    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const again = await sync(cfg, { client, state })
    expect(again.images[0].status).toBe('skipped')
    expect(await src.accessLog()).toEqual([])
    expect(await dst.accessLog()).toEqual([])
    // Eight days later the entry is stale: one HEAD on the target, still no write.
    const later = new Date(Date.now() + 8 * 86_400_000)
    const stale = await sync(cfg, { client, state, now: later })
    expect(stale.images[0]).toMatchObject({ status: 'skipped', change: 'unchanged' })
    expect(counts(await dst.accessLog())).toMatchObject({ manifestHeads: 1, writes: 0, total: 1 })
  })

  test('without max-age a cached skip is re-checked after a week: an out-of-band overwrite is noticed (drifted), and put back with overwrite: always', async () => {
    const entry = `version: 1\nimages:\n  ${src.host}/lib/single@${digests.single}:\n    target: ${dst.host}/drift/single:stable\n`
    const cfg = config(entry, dir)
    const state = StateStore.empty()
    expect((await sync(cfg, { client, state })).images[0].status).toBe('copied')
    const cached = await sync(cfg, { client, state })
    // Skipped on the cache's word: the report says so, the summary shows "cached".
    expect(cached.images[0]).toMatchObject({ status: 'skipped', cached: true })
    await pushImage(dst, 'drift/single', 'stable', buildImage({ seed: 'sync-drift-overwrite' }))
    await dst.clearAccessLog()
    const weekLater = new Date(Date.now() + 8 * 86_400_000)
    const noticed = await sync(cfg, { client, state, now: weekLater })
    // The default overwrite policy (if-ours) reports a tag someone else changed and leaves it alone.
    expect(noticed.images[0]).toMatchObject({ status: 'drifted' })
    expect(noticed.images[0].cached).toBeUndefined()
    expect(counts(await dst.accessLog())).toMatchObject({ writes: 0 })
    expect(counts(await dst.accessLog()).manifestHeads).toBeGreaterThanOrEqual(1)
    const always = config(`${entry}    overwrite: always\n`, dir)
    const putBack = await sync(always, { client, state, now: weekLater })
    expect(putBack.images[0]).toMatchObject({ status: 'copied', change: 'changed', digest: digests.single })
  })

  test('platform subset: the state maps source → written digest, reruns skip', async () => {
    const cfg = (extra: string) =>
      config(
        `version: 1
images:
  ${src.host}/lib/multi:1.0:
    target: ${dst.host}/subset/multi:1.0
    platforms: [linux/amd64]
${extra}`,
        dir
      )
    const state = StateStore.empty()
    const first = await sync(cfg(''), { client, state })
    expect(first.images[0]).toMatchObject({
      status: 'copied',
      sourceDigest: digests.multi,
      digestChanged: true
    })
    const written = first.images[0].digest!
    expect(written).not.toBe(digests.multi)
    const raw = await skopeo(['inspect', '--raw', `docker://${dst.host}/subset/multi:1.0`], { reg: dst })
    expect(sha(raw.stdout)).toBe(written)
    const index = JSON.parse(raw.stdout) as { manifests: { platform?: { architecture: string } }[] }
    expect(
      index.manifests.filter(m => m.platform?.architecture !== 'unknown').map(m => m.platform?.architecture)
    ).toEqual(['amd64'])
    expect(
      state.get(`${src.host}/lib/multi:1.0`, digests.multi, `${dst.host}/subset/multi:1.0`)?.digest
    ).toBe(written)

    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const again = await sync(cfg(''), { client, state })
    expect(again.images[0]).toMatchObject({ status: 'skipped', digest: written })
    expect(await dst.accessLog()).toEqual([])
    expect(counts(await src.accessLog()).manifestGets).toBe(0)

    // verify compares the target with the digest we wrote, not the source's.
    await dst.clearAccessLog()
    const verified = await sync(cfg('    verify: true\n'), { client, state })
    expect(verified.images[0]).toMatchObject({ status: 'skipped', change: 'unchanged' })
    expect(counts(await dst.accessLog())).toMatchObject({ manifestHeads: 1, writes: 0 })
  })
})
