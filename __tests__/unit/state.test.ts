import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StateStore, stateKey, STATE_VERSION } from '../../src/sync/index.js'

const D1 = 'sha256:' + '1'.repeat(64)
const D2 = 'sha256:' + '2'.repeat(64)
const W1 = 'sha256:' + 'a'.repeat(64)

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'state-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('StateStore', () => {
  test('missing file: empty, no warning', async () => {
    const s = await StateStore.load(join(dir, 'nope.json'))
    expect(s.size).toBe(0)
    expect(s.warnings).toEqual([])
  })

  test.each([
    ['not JSON', '{"version":1,', /not valid JSON/],
    ['no entries', '{"version":1}', /no entries/],
    ['null', 'null', /no entries/],
    ['future version', '{"version":99,"entries":{}}', /version 99/]
  ])('%s: warns and starts empty', async (_name, text, warning) => {
    const f = join(dir, 's.json')
    await writeFile(f, text)
    const s = await StateStore.load(f)
    expect(s.size).toBe(0)
    expect(s.warnings.join('\n')).toMatch(warning)
  })

  test('malformed entries are dropped, good ones kept', () => {
    const good = {
      source: 'r/a:1',
      sourceDigest: D1,
      target: 't/a:1',
      digest: W1,
      at: '2026-01-01T00:00:00.000Z'
    }
    const s = StateStore.fromJSON(
      JSON.stringify({
        version: STATE_VERSION,
        entries: { x: good, y: { ...good, digest: 'nope' }, z: { ...good, at: 'yesterday' }, w: 5 }
      })
    )
    expect(s.size).toBe(1)
    expect(s.get('r/a:1', D1, 't/a:1')).toEqual(good)
    expect(s.warnings).toEqual(['state: dropped 3 malformed state entries'])
  })

  test('set/get/save/load round trip, atomic (no temp file left), keyed source@digest→target', async () => {
    const s = StateStore.empty()
    s.set({
      source: 'r/a:1',
      sourceDigest: D1,
      target: 't/a:1',
      digest: W1,
      options: 'platforms=linux/amd64',
      at: new Date(0)
    })
    expect(s.dirty).toBe(true)
    const f = join(dir, 'sub', 'state.json')
    await s.save(f)
    expect(s.dirty).toBe(false)
    expect(await readdir(join(dir, 'sub'))).toEqual(['state.json'])
    const doc = JSON.parse(await readFile(f, 'utf8'))
    expect(doc.version).toBe(STATE_VERSION)
    expect(Object.keys(doc.entries)).toEqual([stateKey('r/a:1', D1, 't/a:1')])
    expect(Object.keys(doc.entries)[0]).toBe(`r/a:1@${D1}→t/a:1`)
    const back = await StateStore.load(f)
    expect(back.get('r/a:1', D1, 't/a:1')).toEqual({
      source: 'r/a:1',
      sourceDigest: D1,
      target: 't/a:1',
      digest: W1,
      options: 'platforms=linux/amd64',
      at: '1970-01-01T00:00:00.000Z'
    })
    expect(back.get('r/a:1', D2, 't/a:1')).toBeUndefined()
    expect(back.get('r/a:1', D1, 't/a:2')).toBeUndefined()
  })

  test('a new source digest replaces the old entry for the same source → target; latest() finds it', () => {
    const s = StateStore.empty()
    s.set({ source: 'r/a:1', sourceDigest: D1, target: 't/a:1', digest: D1, at: new Date(1000) })
    s.set({ source: 'r/a:1', sourceDigest: D1, target: 'u/a:1', digest: D1, at: new Date(1000) })
    expect(s.latest('r/a:1', 't/a:1')?.sourceDigest).toBe(D1)
    s.set({ source: 'r/a:1', sourceDigest: D2, target: 't/a:1', digest: D2, at: new Date(2000) })
    expect(s.get('r/a:1', D1, 't/a:1')).toBeUndefined()
    expect(s.get('r/a:1', D1, 'u/a:1')).toBeDefined()
    expect(s.latest('r/a:1', 't/a:1')?.sourceDigest).toBe(D2)
    expect(s.size).toBe(2)
  })

  test('prune by predicate', () => {
    const s = StateStore.empty()
    s.set({ source: 'b', sourceDigest: D1, target: 'x', digest: D1 })
    s.set({ source: 'c', sourceDigest: D1, target: 'x', digest: D1 })
    expect(s.prune({ keep: e => e.source !== 'c' })).toBe(1)
    expect(s.list().map(e => e.source)).toEqual(['b'])
  })

  test('save over an existing file replaces it', async () => {
    const f = join(dir, 'state.json')
    await writeFile(f, 'garbage')
    const s = await StateStore.load(f)
    expect(s.warnings).toHaveLength(1)
    s.set({ source: 'a', sourceDigest: D1, target: 'x', digest: D1 })
    await s.save(f)
    const back = await StateStore.load(f)
    expect(back.warnings).toEqual([])
    expect(back.size).toBe(1)
  })
})

describe('a state file shared by several runs', () => {
  const entry = (source: string, sourceDigest = D1) => ({
    source,
    sourceDigest,
    target: `t/${source}`,
    digest: sourceDigest
  })
  const sources = async (f: string) =>
    (await StateStore.load(f))
      .list()
      .map(e => e.source)
      .sort()

  test('two stores loaded before either saves: the file keeps both runs’ entries', async () => {
    const f = join(dir, 'state.json')
    const seed = StateStore.empty({ owner: 'seed.yaml' })
    seed.set(entry('old'))
    await seed.save(f)
    const [one, two] = await Promise.all([
      StateStore.load(f, { owner: 'one.yaml' }),
      StateStore.load(f, { owner: 'two.yaml' })
    ])
    one.set(entry('a'))
    two.set(entry('b'))
    await one.save(f)
    await two.save(f)
    expect(await sources(f)).toEqual(['a', 'b', 'old'])
    // After its save a store holds the merged file, as a fresh load would.
    expect(
      two
        .list()
        .map(e => e.source)
        .sort()
    ).toEqual(['a', 'b', 'old'])
    expect(
      (await StateStore.load(f))
        .list()
        .map(e => [e.source, e.config])
        .sort()
    ).toEqual([
      ['a', 'one.yaml'],
      ['b', 'two.yaml'],
      ['old', 'seed.yaml']
    ])
  })

  test('saves at the same moment are serialised by the lock: none is lost', async () => {
    const f = join(dir, 'state.json')
    const stores = await Promise.all(
      Array.from({ length: 8 }, (_, i) => StateStore.load(f, { owner: `c${i}.yaml` }))
    )
    stores.forEach((s, i) => s.set(entry(`s${i}`)))
    await Promise.all(stores.map(s => s.save(f)))
    expect(await sources(f)).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'])
    expect(await readdir(dir)).toEqual(['state.json'])
  })

  test('what a run removes leaves the file; entries it did not touch stay as the file has them', async () => {
    const f = join(dir, 'state.json')
    const seed = StateStore.empty()
    seed.set({ ...entry('mine'), config: 'one.yaml' })
    seed.set({ ...entry('theirs'), config: 'two.yaml' })
    await seed.save(f)
    const one = await StateStore.load(f, { owner: 'one.yaml' })
    const two = await StateStore.load(f, { owner: 'two.yaml' })
    // "Images no longer in this config" may only ever mean this config's own entries.
    expect(one.prune({ keep: e => e.config !== one.owner })).toBe(1)
    two.set(entry('theirs', D2))
    two.set(entry('new'))
    await two.save(f)
    await one.save(f)
    const back = await StateStore.load(f)
    expect(
      back
        .list()
        .map(e => [e.source, e.sourceDigest])
        .sort()
    ).toEqual([
      ['new', D1],
      ['theirs', D2]
    ])
  })

  test('the same source → target from two runs: one entry, the last saver’s', async () => {
    const f = join(dir, 'state.json')
    const [one, two] = [StateStore.empty({ owner: 'one' }), StateStore.empty({ owner: 'two' })]
    one.set(entry('x', D1))
    two.set(entry('x', D2))
    await one.save(f)
    await two.save(f)
    const back = await StateStore.load(f)
    expect(back.list().map(e => [e.sourceDigest, e.config])).toEqual([[D2, 'two']])
  })

  test('a save that fails keeps its changes for the next attempt', async () => {
    const blocked = join(dir, 'file')
    await writeFile(blocked, 'not a directory')
    const s = StateStore.empty()
    s.set(entry('a'))
    await expect(s.save(join(blocked, 'state.json'))).rejects.toThrow(/cannot save the state/)
    const f = join(dir, 'state.json')
    await writeFile(f, JSON.stringify({ version: STATE_VERSION, entries: {} }))
    await s.save(f)
    expect(await sources(f)).toEqual(['a'])
  })

  test('a lock left by a process that is gone is taken over', async () => {
    const f = join(dir, 'state.json')
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))'
    ]).stdout.toString()
    await writeFile(`${f}.lock`, `${dead}\n`)
    const s = StateStore.empty()
    s.set(entry('a'))
    await s.save(f)
    expect(await sources(f)).toEqual(['a'])
    expect(await readdir(dir)).toEqual(['state.json'])
  })
})

describe('first-seen records (min-age)', () => {
  const t0 = new Date('2026-03-01T00:00:00.000Z')
  const t1 = new Date('2026-03-02T00:00:00.000Z')

  test('kept across save and load; another digest starts again; a write removes the record', async () => {
    const f = join(dir, 's.json')
    const a = StateStore.empty({ owner: 'one' })
    expect(a.firstSeen('r/a:1', 't/a:1', D1, t0)).toEqual(t0)
    expect(a.dirty).toBe(true)
    await a.save(f)
    expect(JSON.parse(await readFile(f, 'utf8')).seen).toEqual({
      'r/a:1→t/a:1': {
        source: 'r/a:1',
        target: 't/a:1',
        sourceDigest: D1,
        at: t0.toISOString(),
        config: 'one'
      }
    })

    const b = await StateStore.load(f, { owner: 'one' })
    expect(b.firstSeen('r/a:1', 't/a:1', D1, t1)).toEqual(t0)
    expect(b.dirty).toBe(false)
    expect(b.firstSeen('r/a:1', 't/a:1', D2, t1)).toEqual(t1)
    b.set({ source: 'r/a:1', sourceDigest: D2, target: 't/a:1', digest: D2 })
    await b.save(f)
    expect(JSON.parse(await readFile(f, 'utf8')).seen).toBeUndefined()
  })

  test('a run sharing the file keeps the other run’s records; pruning drops only its own unselected ones', async () => {
    const f = join(dir, 's.json')
    const one = StateStore.empty({ owner: 'one' })
    const two = StateStore.empty({ owner: 'two' })
    one.firstSeen('r/a:1', 't/a:1', D1, t0)
    one.firstSeen('r/b:1', 't/b:1', D1, t0)
    two.firstSeen('r/c:1', 't/c:1', D1, t0)
    await one.save(f)
    await two.save(f)
    const again = await StateStore.load(f, { owner: 'one' })
    expect(again.prune({ keep: e => e.source === 'r/a:1' })).toBe(1)
    await again.save(f)
    expect(Object.keys(JSON.parse(await readFile(f, 'utf8')).seen).sort()).toEqual([
      'r/a:1→t/a:1',
      'r/c:1→t/c:1'
    ])
  })

  test('malformed records are dropped with a warning', () => {
    const s = StateStore.fromJSON(
      JSON.stringify({ version: STATE_VERSION, entries: {}, seen: { x: { source: 'r/a:1' } } })
    )
    expect(s.warnings.join('\n')).toMatch(/dropped 1 malformed/)
  })
})
