/**
 * `overwrite:` against real registries: a target tag someone else replaced is reported `drifted` and
 * left alone (if-ours), replaced with `always`, and `never` keeps even the mirror's own old write;
 * a tag only the upstream moved is updated. Drift is no failure: exit 0.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RegistryClient } from '../../src/registry/index.js'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { cli, clientFor, isWrite, stderrProblems } from './sync-helpers.js'

jest.setTimeout(180_000)

interface Row {
  target: string
  status: string
  digest?: string
  note?: string
}

describe('sync overwrite policy', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  const dir = mkdtempSync(join(tmpdir(), 'sync-overwrite-'))
  const state = join(dir, 'state.json')
  const reportFile = join(dir, 'report.json')

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

  const image = (seed: string) => buildImage({ seed: `overwrite-${seed}`, layerSizes: [256] })
  const at = async (repo: string, tag: string) =>
    (await client.manifestHead({ registry: dst.host, repository: repo, tag }))?.digest
  const sync = async (lines: string[]) => {
    const file = join(dir, 'mirror.yaml')
    writeFileSync(file, `version: 1\nimages:\n${lines.join('\n')}\n`)
    const r = await cli(['sync', '--config', file, '--state', state, '--report', reportFile])
    expect(stderrProblems(r.stderr)).toEqual([])
    const rows = (JSON.parse(readFileSync(reportFile, 'utf8')) as { images: Row[] }).images
    return { ...r, rows: Object.fromEntries(rows.map(i => [i.target.slice(dst.host.length + 1), i])) }
  }
  const entry = (repo: string, policy?: string) =>
    policy
      ? `  ${src.host}/lib/${repo}:v1:\n    target: ${dst.host}/m/${repo}:v1\n    overwrite: ${policy}`
      : `  ${src.host}/lib/${repo}:v1: ${dst.host}/m/${repo}:v1`

  test('if-ours leaves a replaced tag alone and reports it; always replaces it; never keeps it', async () => {
    for (const r of ['drift', 'moved', 'kept', 'forced'])
      await pushImage(src, `lib/${r}`, 'v1', image(`${r}-1`))
    const first = await sync([
      entry('drift'),
      entry('moved'),
      entry('kept', 'never'),
      entry('forced', 'always')
    ])
    expect(first.code).toBe(0)
    expect(Object.values(first.rows).map(r => r.status)).toEqual(['copied', 'copied', 'copied', 'copied'])

    // Someone pushes over two mirrored tags; then every source tag moves upstream.
    const foreign = await pushImage(dst, 'm/drift', 'v1', image('foreign-a'))
    await pushImage(dst, 'm/forced', 'v1', image('foreign-b'))
    const now: Record<string, string> = {}
    for (const r of ['drift', 'moved', 'kept', 'forced'])
      now[r] = await pushImage(src, `lib/${r}`, 'v1', image(`${r}-2`))
    const kept = await at('m/kept', 'v1')

    await dst.clearAccessLog()
    const second = await sync([
      entry('drift'),
      entry('moved'),
      entry('kept', 'never'),
      entry('forced', 'always')
    ])
    expect(second.code).toBe(0)
    expect(second.rows['m/drift:v1']).toMatchObject({ status: 'drifted', digest: foreign })
    expect(second.rows['m/drift:v1'].note).toMatch(/left alone \(overwrite: if-ours/)
    expect(second.rows['m/moved:v1']).toMatchObject({ status: 'copied', digest: now.moved })
    expect(second.rows['m/kept:v1']).toMatchObject({ status: 'skipped', digest: kept })
    expect(second.rows['m/kept:v1'].note).toMatch(/overwrite: never keeps it/)
    expect(second.rows['m/forced:v1']).toMatchObject({ status: 'copied', digest: now.forced })
    expect(second.stdout).toMatch(
      /^drifted +\S+lib\/drift:v1 → \S+m\/drift:v1 .*: the target tag holds sha256:/m
    )
    expect(second.stdout).toMatch(/^total: 4 images: 2 copied, 1 skipped, 0 failed, 1 drifted;/m)

    // Left alone means no request writes to those repositories.
    const writes = (await dst.accessLog()).filter(isWrite).map(e => e.path)
    expect(writes.filter(p => p.includes('/m/drift/') || p.includes('/m/kept/'))).toEqual([])
    expect(await at('m/drift', 'v1')).toBe(foreign)
    expect(await at('m/kept', 'v1')).toBe(kept)

    // A rerun says the same: the drifted tag does not become "ours" by being looked at.
    const third = await sync([
      entry('drift'),
      entry('moved'),
      entry('kept', 'never'),
      entry('forced', 'always')
    ])
    expect(third.rows['m/drift:v1'].status).toBe('drifted')
    expect(await at('m/drift', 'v1')).toBe(foreign)
  })
})
