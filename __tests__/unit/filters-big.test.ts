/**
 * Tag filters over big lists (issue 18: 20,000 tags in bounded memory). Without --explain the
 * selection builds no per-tag verdict, and with `latest: N` it cuts the versions back to the N
 * newest as it gathers them; both must select exactly what the explaining path selects.
 */
import { describe, expect, test } from '@jest/globals'
import { explainTags, selectTags } from '../../src/config/index.js'
import type { TagFilter } from '../../src/config/index.js'

/** `count` tags in a fixed shuffled order: releases, prereleases, `v` prefixes, non-versions. */
function bigList(count: number): string[] {
  const tags: string[] = []
  for (let i = 0; tags.length < count; i++) {
    const v = `${i % 7}.${Math.floor(i / 7) % 50}.${Math.floor(i / 350)}`
    tags.push(i % 11 === 0 ? `v${v}` : v)
    if (i % 13 === 0) tags.push(`${v}-rc.${i % 3}`)
    if (i % 17 === 0) tags.push(`${v}-alpine`)
    if (i % 19 === 0) tags.push(`build-${i}`)
  }
  tags.length = count
  // A fixed shuffle (linear congruential): the registry's order is not the version order.
  let seed = 42
  for (let i = tags.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    const j = seed % (i + 1)
    ;[tags[i], tags[j]] = [tags[j]!, tags[i]!]
  }
  return tags
}

const TAGS = bigList(6000)

describe('selectTags on a big list', () => {
  // latest values below, at and far above the cut-back slack, with and without a range.
  test.each<[string, TagFilter]>([
    ['latest 1', { latest: 1 }],
    ['latest 5', { latest: 5 }],
    ['semver + latest 5', { semver: '>=1.0.0', latest: 5 }],
    ['semver with prereleases + latest 7', { semver: '>=2.0.0-0', latest: 7 }],
    ['latest 1000', { latest: 1000 }],
    ['latest 1500, exclude', { latest: 1500, exclude: ['v*'] }],
    ['latest above the versions there are', { latest: 100_000 }],
    ['semver alone', { semver: '^3.1.0' }],
    ['globs alone', { tags: ['1.*', 'build-*'], exclude: ['*-rc.*'] }]
  ])('%s: the same tags in the same order as the explaining path', (_, filter) => {
    const kept = selectTags(TAGS, filter)
    expect(kept).toEqual(explainTags(TAGS, filter).kept)
    expect(kept.length).toBeGreaterThan(0)
  })

  test('latest 5 keeps the 5 newest releases, newest first', () => {
    expect(selectTags(TAGS, { semver: '>=1.0.0', latest: 5 })).toEqual(
      explainTags(TAGS, { semver: '>=1.0.0' }).kept.slice(0, 5)
    )
  })
})

describe('no per-tag explanation unless explaining', () => {
  /** A filter that counts how often its settings are read: each verdict's sentence quotes them. */
  function countingFilter(): { filter: TagFilter; reads: () => number } {
    let reads = 0
    const settings: TagFilter = { tags: ['*'], exclude: ['build-*'], semver: '>=0.0.0', latest: 5 }
    const filter = {} as TagFilter
    for (const key of Object.keys(settings) as (keyof TagFilter)[]) {
      Object.defineProperty(filter, key, {
        enumerable: true,
        get: () => {
          reads++
          return settings[key]
        }
      })
    }
    return { filter, reads: () => reads }
  }

  test('selectTags reads the filter as often for 6,000 tags as for 10', () => {
    const small = countingFilter()
    const big = countingFilter()
    expect(selectTags(TAGS.slice(0, 10), small.filter)).toHaveLength(5)
    expect(selectTags(TAGS, big.filter)).toHaveLength(5)
    expect(big.reads()).toBe(small.reads())
  })

  test('explainTags, which writes a sentence per tag, reads it per tag (the count sees them)', () => {
    const x = countingFilter()
    const { verdicts } = explainTags(TAGS, x.filter)
    expect(verdicts).toHaveLength(new Set(TAGS).size)
    expect(x.reads()).toBeGreaterThan(TAGS.length / 2)
  })
})
