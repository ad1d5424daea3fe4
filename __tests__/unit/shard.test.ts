import { describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { assignShards, parseShard, selectShard } from '../../src/sync/index.js'

// Deterministic pseudo-random repository names: a test must be reproducible.
function names(seed: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const h = createHash('sha256').update(`${seed}:${i}`).digest('hex')
    return `reg${h[0]}.example:5000/ns-${h.slice(1, 4)}/repo-${h.slice(4, 12)}`
  })
}

describe('parseShard', () => {
  test.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/4', { index: 2, count: 4 }],
    [' 3 / 3 ', { index: 3, count: 3 }]
  ])('%s', (s, want) => expect(parseShard(s)).toEqual(want))

  test.each(['0/4', '5/4', '1/0', 'a/b', '1', '1/2/3', '-1/2', ''])('rejects %j', s => {
    expect(() => parseShard(s)).toThrow(/invalid shard/)
  })
})

describe('selectShard', () => {
  test.each([
    [2, 7, 'a'],
    [3, 50, 'b'],
    [4, 200, 'c'],
    [7, 333, 'd'],
    [16, 1000, 'e'],
    [5, 3, 'f']
  ])('%i shards over %i repos partition the plan exactly', (count, repoCount, seed) => {
    const repos = names(seed, repoCount)
    // Several tags per repository, as filters expand them.
    const items = repos.flatMap((r, i) =>
      Array.from({ length: 1 + (i % 4) }, (_, t) => ({ repo: r, tag: `v${t}` }))
    )
    const shards = Array.from({ length: count }, (_, i) =>
      selectShard(items, { index: i + 1, count }, x => x.repo)
    )
    const seen = new Set<string>()
    for (const s of shards) {
      for (const it of s) {
        const k = `${it.repo}:${it.tag}`
        expect(seen.has(k)).toBe(false)
        seen.add(k)
      }
    }
    expect(seen.size).toBe(items.length)
    // All tags of one repository in one shard.
    for (const r of repos) {
      const holders = shards.filter(s => s.some(it => it.repo === r))
      expect(holders).toHaveLength(1)
    }
    // Balanced: greedy placement keeps every shard within the heaviest repository's weight of the mean.
    if (repoCount >= count) {
      const sizes = shards.map(s => s.length)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(4)
    }
  })

  test('stable: input order does not matter, and the same input gives the same split', () => {
    const repos = names('stable', 40)
    const a = assignShards(new Map(repos.map(r => [r, 1])), 4)
    const b = assignShards(new Map([...repos].reverse().map(r => [r, 1])), 4)
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort())
  })

  test('a fixed split, so it cannot drift between machines or releases', () => {
    const a = assignShards(new Map(['x/a', 'x/b', 'x/c', 'x/d', 'x/e'].map(r => [r, 1])), 2)
    const bySha = ['x/a', 'x/b', 'x/c', 'x/d', 'x/e'].sort((p, q) =>
      createHash('sha256').update(p).digest('hex') < createHash('sha256').update(q).digest('hex') ? -1 : 1
    )
    // Equal weights: sha256 order, alternating onto the lighter shard.
    expect(bySha.map(r => a.get(r))).toEqual([1, 2, 1, 2, 1])
  })

  test('one shard, or none, is the whole plan', () => {
    const items = [{ r: 'a' }, { r: 'b' }]
    expect(selectShard(items, undefined, x => x.r)).toBe(items)
    expect(selectShard(items, { index: 1, count: 1 }, x => x.r)).toBe(items)
  })

  test('heavier repositories spread first', () => {
    const w = new Map([
      ['big', 10],
      ['small1', 1],
      ['small2', 1],
      ['mid', 5]
    ])
    const a = assignShards(w, 2)
    expect(a.get('big')).not.toBe(a.get('mid'))
  })
})
