/**
 * `min-age` against real registries, with an injected clock: a digest first seen upstream waits
 * (reported `waiting` with the date it becomes eligible, nothing written to the target), the
 * first-seen time survives in the state file and costs no request, and the copy happens once the
 * digest is old enough. A tag that moves upstream starts its cooldown again.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RegistryClient } from '../../src/registry/index.js'
import { exitCodeFor, StateStore, sync, type SyncReport } from '../../src/sync/index.js'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { clientFor, config, counts } from './sync-helpers.js'

jest.setTimeout(120_000)

describe('sync min-age', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  const dir = mkdtempSync(join(tmpdir(), 'sync-cooldown-'))
  const file = join(dir, 'state.json')
  const t0 = Date.parse('2026-03-01T00:00:00.000Z')
  const day = 86_400_000

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    ;({ client, done } = await clientFor([src, dst]))
  })
  afterAll(async () => {
    await done?.()
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  /** One run as the CLI does it: load the state, sync at `now`, save. */
  const run = async (now: number): Promise<SyncReport> => {
    const cfg = config(
      `version: 1\nimages:\n  ${src.host}/lib/app:v1:\n    target: ${dst.host}/m/app:v1\n    min-age: 3d\n` +
        `  ${src.host}/lib/other:v1: ${dst.host}/m/other:v1\n`,
      dir
    )
    const state = await StateStore.load(file, { owner: 'cooldown' })
    const report = await sync(cfg, { client, state, now: new Date(now) })
    await state.save(file)
    expect(report.warnings).toEqual([])
    return report
  }
  const row = (r: SyncReport, repo: string) => r.images.find(i => i.target.endsWith(`/m/${repo}:v1`))!
  const at = async () =>
    (await client.manifestHead({ registry: dst.host, repository: 'm/app', tag: 'v1' }))?.digest

  test('holds a new digest back until it is old enough, then copies it; a moved tag waits again', async () => {
    const v1 = await pushImage(src, 'lib/app', 'v1', buildImage({ seed: 'cooldown-1', layerSizes: [256] }))
    await pushImage(src, 'lib/other', 'v1', buildImage({ seed: 'cooldown-other', layerSizes: [256] }))

    const first = await run(t0)
    expect(row(first, 'app')).toMatchObject({
      status: 'waiting',
      sourceDigest: v1,
      eligibleAt: new Date(t0 + 3 * day).toISOString()
    })
    // An entry without min-age is not held back; waiting is no failure.
    expect(row(first, 'other').status).toBe('copied')
    expect(exitCodeFor(first)).toBe(0)
    expect(first.totals.waiting).toBe(1)
    expect(await at()).toBeUndefined()

    // A day later: still waiting, eligible at the same time (first seen is remembered, not reset),
    // and remembering costs nothing: one HEAD at the source, one at the target, no write.
    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const second = await run(t0 + day)
    expect(row(second, 'app')).toMatchObject({
      status: 'waiting',
      eligibleAt: new Date(t0 + 3 * day).toISOString()
    })
    const srcLog = (await src.accessLog()).filter(e => e.path.includes('/lib/app/'))
    const dstLog = (await dst.accessLog()).filter(e => e.path.includes('/m/app/'))
    expect(counts(srcLog)).toMatchObject({ manifestHeads: 1, manifestGets: 0, total: 1 })
    expect(counts(dstLog)).toMatchObject({ manifestHeads: 1, writes: 0, total: 1 })

    const third = await run(t0 + 3 * day + 60_000)
    expect(row(third, 'app')).toMatchObject({ status: 'copied', digest: v1 })
    expect(await at()).toBe(v1)

    // The tag moves upstream: the new digest starts its own cooldown; the mirror keeps v1 meanwhile.
    const v2 = await pushImage(src, 'lib/app', 'v1', buildImage({ seed: 'cooldown-2', layerSizes: [256] }))
    const fourth = await run(t0 + 4 * day)
    expect(row(fourth, 'app')).toMatchObject({
      status: 'waiting',
      sourceDigest: v2,
      eligibleAt: new Date(t0 + 7 * day).toISOString()
    })
    expect(await at()).toBe(v1)
    const fifth = await run(t0 + 7 * day)
    expect(row(fifth, 'app')).toMatchObject({ status: 'copied', digest: v2 })
    expect(await at()).toBe(v2)
  })
})
