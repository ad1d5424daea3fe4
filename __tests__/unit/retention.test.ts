/**
 * Retention's choice (sync/retention.ts): which stale state entries become tags to delete, who
 * decides for each (its entry, or defaults for a removed entry), `keep`, and `prune-limit`.
 */
import { describe, expect, test } from '@jest/globals'
import { parseConfig, type MirrorConfig } from '../../src/config/index.js'
import { pruneCandidates, REMOVED_GROUP, type StateEntry } from '../../src/sync/index.js'

type Run = Parameters<typeof pruneCandidates>[0]['run']

const D = 'sha256:' + '1'.repeat(64)
const W = 'sha256:' + 'a'.repeat(64)
const SRC = 'src.example.com'
const DST = 'dst.example.com'

function config(defaultsPrune: boolean): MirrorConfig {
  return parseConfig(
    `version: 1
defaults:
  prune: ${defaultsPrune}
  keep: ["lts-*"]
images:
  ${SRC}/lib/app:
    target: ${DST}/m/app
    tags: ["*"]
    latest: 2
    prune-limit: 3
  ${SRC}/lib/off:
    target: ${DST}/m/off
    tags: ["*"]
    prune: false
  ${SRC}/lib/layout:1: oci:./out:v1
`,
    'mirror.yaml'
  )
}

const entry = (source: string, target: string): StateEntry => ({
  source,
  sourceDigest: D,
  target,
  digest: W,
  at: '2026-01-01T00:00:00.000Z'
})

/** The run selected app:9 and off:9 (and wrote m/moved:1 from a new source). */
function run(c: MirrorConfig): Run {
  const items = [`${DST}/m/app:9`, `${DST}/m/off:9`, `${DST}/m/moved:1`].map(target => ({ target }))
  return { entries: c.images, items, failures: [] } as unknown as Run
}

describe('pruneCandidates', () => {
  test.each([
    ['a tag the filter dropped', `${SRC}/lib/app:1`, `${DST}/m/app:1`, true, 'delete', `${DST}/m/app`],
    [
      'a dropped tag matching defaults keep',
      `${SRC}/lib/app:lts-1`,
      `${DST}/m/app:lts-1`,
      true,
      'keep',
      `${DST}/m/app`
    ],
    ['an entry with prune: false', `${SRC}/lib/off:1`, `${DST}/m/off:1`, true, undefined, undefined],
    [
      'a tag the run writes from another source',
      `${SRC}/lib/old:1`,
      `${DST}/m/moved:1`,
      true,
      undefined,
      undefined
    ],
    [
      'a removed entry, defaults.prune on',
      `${SRC}/lib/gone:1`,
      `${DST}/m/gone:1`,
      true,
      'delete',
      REMOVED_GROUP
    ],
    [
      'a removed entry, defaults.prune off',
      `${SRC}/lib/gone:1`,
      `${DST}/m/gone:1`,
      false,
      undefined,
      undefined
    ],
    [
      'a removed entry writing into a repository of a pruning entry',
      `${SRC}/lib/other:1`,
      `${DST}/m/app:x`,
      false,
      undefined,
      undefined
    ],
    ['an OCI layout target', `${SRC}/lib/layout:0`, 'oci:./out:v0', true, undefined, undefined]
  ])('%s', (_name, source, target, defaultsPrune, action, group) => {
    const c = config(defaultsPrune)
    const got = pruneCandidates({ stale: [entry(source, target)], config: c, run: run(c) })
    if (action === undefined) {
      expect(got).toEqual([])
      return
    }
    expect(got).toHaveLength(1)
    expect(got[0]!.verdict.action).toBe(action)
    expect(got[0]!.group).toBe(group)
    expect(got[0]!.ref.tag).toBe(target.split(':').pop())
  })

  test.each([
    [1, true],
    [2, true],
    [3, false]
  ])('a repository no entry names is judged by shard 1 only (shard %i/3)', (index, judged) => {
    const c = config(true)
    const got = pruneCandidates({
      stale: [entry(`${SRC}/lib/gone:1`, `${DST}/m/gone:1`)],
      config: c,
      run: run(c),
      shard: { index, count: 3 }
    })
    expect(got.length > 0).toBe(index === 1 && judged)
  })

  test.each([
    [3, 'delete'],
    [4, 'keep']
  ])('%i dropped tags against prune-limit 3: %s', (n, action) => {
    const c = config(true)
    const stale = Array.from({ length: n }, (_, i) => entry(`${SRC}/lib/app:${i}`, `${DST}/m/app:${i}`))
    const got = pruneCandidates({ stale, config: c, run: run(c) })
    expect(got.map(g => g.verdict.action)).toEqual(Array(n).fill(action))
    if (action === 'keep') {
      const why = (got[0]!.verdict as { why: string }).why
      expect(why).toBe(
        `4 tags to prune in ${DST}/m/app exceed prune-limit 3: nothing there is deleted this run; raise prune-limit (on the entry or in defaults) to 4 to allow it`
      )
    }
  })

  test('tags of removed entries count together against defaults.prune-limit (10)', () => {
    const c = config(true)
    const stale = Array.from({ length: 11 }, (_, i) => entry(`${SRC}/lib/gone${i}:1`, `${DST}/m/gone${i}:1`))
    const got = pruneCandidates({ stale, config: c, run: run(c) })
    expect(new Set(got.map(g => g.verdict.action))).toEqual(new Set(['keep']))
    expect((got[0]!.verdict as { why: string }).why).toMatch(/raise defaults\.prune-limit to 11/)
  })
})
