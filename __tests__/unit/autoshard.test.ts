// `shards: auto` sizing and the merge of shard reports: the plan job must describe exactly the split
// the shard jobs compute (assignShards over the config), and a merge must refuse an incomplete run.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/index.js'
import {
  assignShards,
  configWeights,
  reportRepository,
  selectShard,
  shardMatrix,
  sizeShards,
  type ImageReport
} from '../../src/sync/index.js'
import {
  mergeReportFiles,
  mergeShardReports,
  reportToJson,
  type ShardReport
} from '../../src/report/index.js'
import { parseByteSize, parseShardsInput } from '../../src/action/index.js'

/** `n` entries, one target repository each, `tags[i]` tags planned for copy in repository i. */
function plan(tags: number[]) {
  const yaml = ['images:', ...tags.map((_, i) => `  src.example/lib/r${i}:v: dst.example/m/r${i}:v`)]
  const config = parseConfig(yaml.join('\n'), 'test.yaml')
  const images: ImageReport[] = tags.flatMap((n, i) =>
    Array.from({ length: n }, (_, t) => ({
      source: `src.example/lib/r${i}:t${t}`,
      target: `dst.example/m/r${i}:t${t}`,
      status: 'planned' as const,
      bytes: 0,
      durationMs: 0,
      position: { line: 2 + i, col: 3 }
    }))
  )
  return { config, images }
}

describe('sizeShards', () => {
  test.each([
    // [tags per repository, max images per shard, expected shard count]
    [[10, 10, 10, 10], 20, 2],
    [[10, 10, 10, 10], 10, 4],
    [[10, 10, 10, 10], 100, 1],
    [[1, 1, 1, 1, 1, 1, 1, 1], 3, 3],
    [[0, 0, 0], 5, 1]
  ])('repositories %j, cap %i → %i shards', (tags, maxImages, want) => {
    const { config, images } = plan(tags)
    const s = sizeShards(config, images, { maxImages, maxShards: 16 })
    expect(s.count).toBe(want)
    expect(s.loads.reduce((n, l) => n + l.images, 0)).toBe(tags.reduce((a, b) => a + b, 0))
  })

  test('the loads are those of the split the shard jobs compute from the config alone', () => {
    const { config, images } = plan([7, 1, 1, 1, 5, 2, 9, 3])
    const s = sizeShards(config, images, { maxImages: 12, maxShards: 16 })
    for (let i = 1; i <= s.count; i++) {
      const mine = new Set(
        selectShard(config.images, { index: i, count: s.count }, e => reportRepository(e.target))
      )
      const n = images.filter(r =>
        [...mine].some(e => reportRepository(e.target) === reportRepository(r.target))
      ).length
      expect(s.loads[i - 1].images).toBe(n)
      expect(n).toBeLessThanOrEqual(12)
    }
    expect(assignShards(configWeights(config), s.count).size).toBe(8)
  })

  test('one repository over the cap: the most even split within max-shards, said so', () => {
    const { config, images } = plan([50, 1, 1])
    const s = sizeShards(config, images, { maxImages: 10, maxShards: 8 })
    expect(s.count).toBe(2) // a third shard cannot make the 50-image repository smaller
    expect(s.reason).toMatch(/never split/)
  })

  test('bytes cap uses the estimates given', () => {
    const { config, images } = plan([1, 1, 1, 1])
    const s = sizeShards(config, images, { maxBytes: 250, maxShards: 16 }, () => 100)
    expect(s.count).toBe(2)
    expect(s.total.bytes).toBe(400)
  })

  test('matrix JSON', () => {
    expect(JSON.stringify(shardMatrix(3))).toBe('{"shard":["1/3","2/3","3/3"]}')
  })
})

describe('shards inputs', () => {
  const none = { maxImages: '', maxBytes: '', maxShards: '' }
  test.each([
    ['auto', none, { kind: 'auto', maxImages: 100, maxBytes: undefined, maxShards: 16 }],
    [
      'AUTO',
      { ...none, maxBytes: '2GiB' },
      { kind: 'auto', maxImages: undefined, maxBytes: 2 * 1024 ** 3, maxShards: 16 }
    ],
    [
      'auto',
      { maxImages: '5', maxBytes: '', maxShards: '3' },
      { kind: 'auto', maxImages: 5, maxBytes: undefined, maxShards: 3 }
    ],
    ['4', none, { kind: 'fixed', count: 4 }],
    ['', none, undefined]
  ])('%s %j', (shards, caps, want) => expect(parseShardsInput({ shards, ...caps })).toEqual(want))

  test.each([
    ['many', none, /'auto' or a whole number/],
    ['0', none, /'auto' or a whole number/],
    ['auto', { ...none, maxShards: '300' }, /max-shards/],
    ['', { ...none, maxImages: '3' }, /set 'shards: auto'/],
    ['3', { ...none, maxImages: '3' }, /apply to 'shards: auto' only/],
    ['auto', { ...none, maxBytes: '5 parsecs' }, /shard-max-bytes/]
  ])('rejects %s %j', (shards, caps, re) => expect(() => parseShardsInput({ shards, ...caps })).toThrow(re))

  test.each([
    ['5GB', 5e9],
    ['500MiB', 500 * 1024 ** 2],
    ['1.5kb', 1500],
    ['42', 42]
  ])('size %s', (s, n) => expect(parseByteSize('x', s)).toBe(n))
})

describe('merge reports', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'merge-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const { images } = plan([2, 1, 3])
  const part = (i: number, n: number, ims: ImageReport[]): ShardReport => ({
    file: `r${i}.json`,
    shard: { index: i, count: n },
    dryRun: false,
    report: { images: ims, totals: {} as never, warnings: [`w${i}`, 'same'] }
  })

  test('joins in config order with totals recomputed and warnings once', () => {
    const m = mergeShardReports([part(2, 2, images.slice(0, 2)), part(1, 2, images.slice(2))])
    expect(m.report.images.map(r => r.target)).toEqual(images.map(r => r.target))
    expect(m.report.totals.planned).toBe(6)
    expect(m.report.warnings).toEqual(['w1', 'same', 'w2'])
    expect(m.expected).toBe(2)
  })

  test.each([
    ['a missing shard', [part(1, 3, []), part(3, 3, [])], /1 of 3 shard reports missing \(2\/3\)/],
    ['a shard twice', [part(1, 2, []), part(1, 2, [])], /shard 1\/2 has two reports/],
    ['different splits', [part(1, 2, []), part(1, 3, [])], /different splits/],
    ['nothing', [], /no report files found/]
  ])('refuses %s', (_, parts, re) => expect(() => mergeShardReports(parts)).toThrow(re))

  test('reads report files from subdirectories (download-artifact) and names a foreign file', async () => {
    const ok = join(dir, 'ok')
    for (const [i, ims] of [
      [1, images.slice(0, 3)],
      [2, images.slice(3)]
    ] as const) {
      mkdirSync(join(ok, `report-${i}`), { recursive: true })
      const doc = reportToJson(
        { images: [...ims], totals: {} as never, warnings: [] },
        { shard: { index: i, count: 2 } }
      )
      writeFileSync(join(ok, `report-${i}`, 'r.json'), JSON.stringify(doc))
    }
    const m = await mergeReportFiles(ok)
    expect(m.report.images).toHaveLength(6)
    writeFileSync(join(ok, 'package.json'), '{"name":"x"}')
    await expect(mergeReportFiles(ok)).rejects.toThrow(
      /package\.json: not a mirror-action report: no images list/
    )
  })
})
