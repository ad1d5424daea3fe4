/**
 * StateStore.prune: a run removes only entries its own config owns. Entries from before owners
 * existed are the loader's while no other config has entries in the file, and get its name when kept.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StateStore, stateKey, STATE_VERSION, type StateEntry } from '../../src/sync/index.js'

const D1 = 'sha256:' + '1'.repeat(64)
const AT = '2026-01-01T00:00:00.000Z'

const entry = (source: string, config?: string): StateEntry => ({
  source,
  sourceDigest: D1,
  target: `t/${source}`,
  digest: D1,
  at: AT,
  ...(config === undefined ? {} : { config })
})

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'state-prune-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A state file holding `entries`, loaded by a store for config `owner`. */
async function loaded(entries: StateEntry[], owner?: string): Promise<{ file: string; store: StateStore }> {
  const file = join(dir, 'state.json')
  const doc = { version: STATE_VERSION, entries: {} as Record<string, StateEntry> }
  for (const e of entries) doc.entries[stateKey(e.source, e.sourceDigest, e.target)] = e
  await writeFile(file, JSON.stringify(doc))
  return { file, store: await StateStore.load(file, owner === undefined ? {} : { owner }) }
}

const summary = (s: StateStore) =>
  s
    .list()
    .map(e => `${e.source}:${e.config ?? '-'}`)
    .sort()

describe('StateStore.prune', () => {
  test.each([
    // keep() rejects source 'b': `left` is what stays, `offered` what keep() was asked about.
    {
      name: "its own entries go, another config's stay and are never offered",
      file: [entry('a', 'one'), entry('b', 'one'), entry('c', 'two')],
      owner: 'one',
      left: ['a:one', 'c:two'],
      offered: ['a', 'b'],
      removed: 1
    },
    {
      name: 'entries without an owner are the loader’s while no other config is in the file',
      file: [entry('a'), entry('b'), entry('c', 'one')],
      owner: 'one',
      left: ['a:one', 'c:one'],
      offered: ['a', 'b', 'c'],
      removed: 1
    },
    {
      name: 'entries without an owner are nobody’s once another config is in the file',
      file: [entry('a'), entry('b'), entry('c', 'two')],
      owner: 'one',
      left: ['a:-', 'b:-', 'c:two'],
      offered: [],
      removed: 0
    },
    {
      name: 'a store without an owner prunes only entries without one',
      file: [entry('a'), entry('b'), entry('c', 'two')],
      owner: undefined,
      left: ['a:-', 'c:two'],
      offered: ['a', 'b'],
      removed: 1
    }
  ])('$name', async ({ file, owner, left, offered, removed }) => {
    const { store } = await loaded(file, owner)
    const seen: string[] = []
    const n = store.prune({
      keep: e => {
        seen.push(e.source)
        return e.source !== 'b'
      }
    })
    expect(n).toBe(removed)
    expect(summary(store)).toEqual(left)
    expect(seen.sort()).toEqual(offered)
  })

  test('removals and claims reach the file; what another run saved meanwhile stays', async () => {
    const { file, store } = await loaded([entry('a'), entry('b'), entry('gone')], 'one')
    const other = await StateStore.load(file, { owner: 'two' })
    other.set(entry('theirs'))
    await other.save(file)
    expect(store.prune({ keep: e => e.source !== 'gone' })).toBe(1)
    expect(store.dirty).toBe(true)
    await store.save(file)
    expect(summary(await StateStore.load(file))).toEqual(['a:one', 'b:one', 'theirs:two'])
  })

  test('nothing to prune or claim leaves the store clean (no save needed)', async () => {
    const { store } = await loaded([entry('a', 'one'), entry('b', 'two')], 'one')
    expect(store.prune({ keep: () => true })).toBe(0)
    expect(store.dirty).toBe(false)
  })
})
