// The state's blob locations: read strictly, bounded, merged between runs, kept only with entries.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StateStore } from '../../src/sync/index.js'

const REG = '127.0.0.1:5000'
const digest = (n: number): string => 'sha256:' + n.toString(16).padStart(64, '0')
const AT = '2026-01-01T00:00:00.000Z'
const entry = (repo: string, n = 1) => ({
  source: `src.example/lib/x:${n}`,
  sourceDigest: digest(900 + n),
  target: `${REG}/${repo}:${n}`,
  digest: digest(900 + n)
})

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'state-blobs-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const doc = (blobs: unknown): string => JSON.stringify({ version: 1, entries: {}, blobs })

describe('state blob locations', () => {
  test.each([
    ['a repository outside the grammar', { [REG]: { [digest(1)]: { '../x?y=1': AT } } }],
    ['a digest that is none', { [REG]: { 'sha256:zz': { 'ns/a': AT } } }],
    ['a time that is none', { [REG]: { [digest(1)]: { 'ns/a': 'yesterday' } } }],
    ['a registry with a path', { 'host/evil': { [digest(1)]: { 'ns/a': AT } } }],
    ['not an object', 'nope']
  ])('%s is dropped with a warning', (_what, blobs) => {
    const s = StateStore.fromJSON(doc(blobs))
    expect(s.warnings.join('\n')).toMatch(/malformed blob locations/)
    expect(s.blobs.candidates(REG, digest(1))).toEqual([])
  })

  test('candidates: most recently seen first, at most four per blob kept', () => {
    const repos = Object.fromEntries(
      ['ns/a', 'ns/b', 'ns/c', 'ns/d', 'ns/e'].map((r, i) => [r, `2026-01-0${i + 1}T00:00:00.000Z`])
    )
    const s = StateStore.fromJSON(doc({ [REG]: { [digest(1)]: repos } }))
    expect(s.warnings).toEqual([])
    expect(s.blobs.candidates(REG, digest(1))).toEqual(['ns/e', 'ns/d', 'ns/c', 'ns/b'])
  })

  test('a file claiming more blobs than the cap is cut to the most recent on load', () => {
    const many: Record<string, Record<string, string>> = {}
    for (let i = 0; i < 10_050; i++)
      many[digest(i)] = { 'ns/a': new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() }
    const s = StateStore.fromJSON(doc({ [REG]: many }))
    expect(s.blobs.candidates(REG, digest(0))).toEqual([])
    expect(s.blobs.candidates(REG, digest(10_049))).toEqual(['ns/a'])
    expect(Object.keys(s.toJSON().blobs![REG]!)).toHaveLength(10_000)
  })

  test('save keeps locations only in repositories some entry targets; two runs merge', async () => {
    const f = join(dir, 'state.json')
    const one = await StateStore.load(f)
    const two = await StateStore.load(f)
    one.set(entry('ns/a'))
    one.blobs.held(REG, 'ns/a', digest(1))
    one.blobs.held(REG, 'ns/orphan', digest(1))
    two.set(entry('ns/b', 2))
    two.blobs.held(REG, 'ns/b', digest(1))
    expect(two.dirty).toBe(true)
    await one.save(f)
    await two.save(f)
    const saved = JSON.parse(await readFile(f, 'utf8')) as { blobs: Record<string, Record<string, object>> }
    expect(Object.keys(saved.blobs[REG]![digest(1)]!).sort()).toEqual(['ns/a', 'ns/b'])

    // A stale location found by a third run leaves the file; the others stay.
    const three = await StateStore.load(f)
    three.blobs.stale(REG, 'ns/a', digest(1))
    expect(three.dirty).toBe(true)
    await three.save(f)
    expect((await StateStore.load(f)).blobs.candidates(REG, digest(1))).toEqual(['ns/b'])
  })
})
