/**
 * `sync --state` remembers which target repositories hold which blobs: a later run mounts a known
 * base into a new repository instead of uploading it; a stale location costs one refused mount and
 * is dropped; locations leave the state with the images' entries.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buildImage,
  pushImage,
  skopeo,
  startRegistry,
  type AccessLogEntry,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import { cli, stderrProblems } from './sync-helpers.js'

jest.setTimeout(180_000)

const images = Array.from({ length: 5 }, (_, i) =>
  buildImage({ seed: `stmount-${i}`, sharedBaseSeed: 'state-base', layerSizes: [200_000, 1000] })
)
const layersOf = (img: BuiltImage): string[] =>
  (JSON.parse(img.manifest.bytes.toString()) as { layers: { digest: string }[] }).layers.map(l => l.digest)
const base = layersOf(images[0]!)[0]!

const param = (e: AccessLogEntry, name: string): string | null =>
  new URL(e.path, 'http://x').searchParams.get(name)
const basePuts = (log: AccessLogEntry[]): number =>
  log.filter(e => e.method === 'PUT' && e.path.includes('/blobs/uploads/') && param(e, 'digest') === base)
    .length
const baseMounts = (log: AccessLogEntry[], status: number): string[] =>
  log
    .filter(e => e.method === 'POST' && e.status === status && param(e, 'mount') === base)
    .map(e => param(e, 'from') ?? '?')

describe('sync --state: blob locations across runs', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  const dir = mkdtempSync(join(tmpdir(), 'sync-mount-state-'))
  const state = join(dir, 'state.json')
  type Blobs = Record<string, Record<string, Record<string, string>>>
  const blobs = (): Blobs => (JSON.parse(readFileSync(state, 'utf8')) as { blobs?: Blobs }).blobs ?? {}

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    for (const [i, img] of images.entries()) await pushImage(src, 'lib/app', `v${i}`, img)
  })
  afterAll(async () => {
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  /** Sync images `which` (lib/app:v<i> → st/img<i>) with the state file; returns the target's access log. */
  const syncImages = async (which: number[]): Promise<AccessLogEntry[]> => {
    const config = join(dir, 'mirror.yaml')
    const lines = which.map(i => `  ${src.host}/lib/app:v${i}: ${dst.host}/st/img${i}`)
    writeFileSync(config, `version: 1\nimages:\n${lines.join('\n')}\n`)
    await dst.clearAccessLog()
    const r = await cli(['sync', '--config', config, '--state', state])
    expect(stderrProblems(r.stderr)).toEqual([])
    expect(r.code).toBe(0)
    for (const i of which) {
      const seen = await skopeo(['inspect', '--raw', `docker://${dst.host}/st/img${i}:v${i}`], { reg: dst })
      expect(seen.code).toBe(0)
    }
    return dst.accessLog()
  }

  test('a later run mounts the known base into a new repository instead of uploading it', async () => {
    const first = await syncImages([0, 1])
    expect(basePuts(first)).toBe(1)
    expect(Object.keys(blobs()[dst.host]?.[base] ?? {}).sort()).toEqual(['st/img0', 'st/img1'])

    const second = await syncImages([0, 1, 2])
    expect(basePuts(second)).toBe(0)
    expect(baseMounts(second, 201)).toHaveLength(1)
    expect(['st/img0', 'st/img1']).toContain(baseMounts(second, 201)[0])
    expect(baseMounts(second, 202)).toEqual([])
  })

  test('a stale location costs one mount that does not happen, and leaves the state', async () => {
    // The state claims the base lives only in a repository that never held it.
    const doc = JSON.parse(readFileSync(state, 'utf8')) as { blobs: Blobs }
    doc.blobs[dst.host]![base] = { 'st/nothing': new Date().toISOString() }
    writeFileSync(state, JSON.stringify(doc))

    const log = await syncImages([0, 1, 2, 3])
    expect(baseMounts(log, 202)).toEqual(['st/nothing'])
    expect(baseMounts(log, 201)).toEqual([])
    expect(basePuts(log)).toBe(1)
    expect(Object.keys(blobs()[dst.host]![base]!)).toEqual(['st/img3'])
  })

  test('locations leave the state with the entries of the images dropped from the config', async () => {
    await syncImages([3, 4])
    const repos = new Set(Object.values(blobs()[dst.host] ?? {}).flatMap(r => Object.keys(r)))
    expect([...repos].sort()).toEqual(['st/img3', 'st/img4'])
  })
})
