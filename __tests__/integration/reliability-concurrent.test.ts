/**
 * Concurrent writers: several CLI syncs writing the same targets at the same moment (a full run
 * overlapping both matrix shards of the same config, and a second config sharing half its targets
 * and its base layers). Each must exit 0 with an honest report, and every target must end complete
 * with the source's digest, as skopeo and plain distribution calls see it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SyncReport } from '../../src/sync/index.js'
import {
  buildImage,
  pushImage,
  startRegistry,
  makeTempDir,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import { bundleCli, checkTag, spawnCli, writeCredentials } from './reliability-helpers.js'

const platforms = ['linux/amd64', 'linux/arm64']
const IMAGES: { name: string; tag: string; image: BuiltImage }[] = ['a', 'b', 'c', 'd', 'e', 'f'].map(
  (n, i) => ({
    name: n,
    tag: `1.${i}`,
    image: buildImage({
      seed: `concurrent-${n}`,
      platforms: i % 2 ? platforms : [...platforms, 'linux/arm/v7'],
      attestations: i % 3 === 0,
      layerSizes: [40_000, 60_000 + i * 10_000],
      sharedBaseSeed: 'concurrent-base'
    })
  })
)

describe('syncs writing the same targets at once', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let cli: string
  let dir: string

  beforeAll(async () => {
    ;[src, dst, cli] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'basic' }),
      bundleCli()
    ])
    for (const { name, tag, image } of IMAGES) await pushImage(src, `lib/${name}`, tag, image)
    dir = makeTempDir('concurrent-config')
  }, 120_000)
  afterAll(async () => {
    await Promise.all([src?.stop(), dst?.stop()])
  })

  const configFor = (file: string, names: string[]): string => {
    const lines = IMAGES.filter(i => names.includes(i.name)).map(
      i => `  ${src.host}/lib/${i.name}:${i.tag}: ${dst.host}/shared/${i.name}`
    )
    writeFileSync(join(dir, file), `version: 1\nimages:\n${lines.join('\n')}\n`)
    return join(dir, file)
  }

  test('four overlapping syncs at once: all exit 0, every target complete with the source digest', async () => {
    const creds = writeCredentials(join(dir, 'credentials.yaml'), [[dst.host, dst]])
    const all = configFor('all.yaml', ['a', 'b', 'c', 'd', 'e', 'f'])
    const half = configFor('half.yaml', ['d', 'e', 'f'])
    const runs = [
      ['full', ['--config', all]],
      ['shard 1/2', ['--config', all, '--shard', '1/2']],
      ['shard 2/2', ['--config', all, '--shard', '2/2']],
      ['overlapping config', ['--config', half]]
    ] as const
    const children = runs.map(([name, extra], i) => {
      const report = join(dir, `report-${i}.json`)
      return {
        name,
        report,
        run: spawnCli(cli, ['sync', ...extra, '--credentials', creds, '--report', report])
      }
    })
    const results = await Promise.all(children.map(c => c.run.result))

    const summary: string[] = []
    const copiedBy = new Map<string, number>()
    for (const [i, c] of children.entries()) {
      expect({ run: c.name, code: results[i]!.code, stderr: results[i]!.stderr }).toMatchObject({
        run: c.name,
        code: 0
      })
      const report = JSON.parse(readFileSync(c.report, 'utf8')) as SyncReport
      expect(report.totals.failed).toBe(0)
      for (const line of report.images) {
        const img = IMAGES.find(x => line.target === `${dst.host}/shared/${x.name}:${x.tag}`)!
        expect(img).toBeDefined()
        expect(['copied', 'skipped']).toContain(line.status)
        expect(line.digest ?? line.sourceDigest).toBe(img.image.manifest.digest)
        if (line.status === 'copied') copiedBy.set(img.name, (copiedBy.get(img.name) ?? 0) + 1)
      }
      summary.push(`${c.name}: ${JSON.stringify(report.totals)}`)
    }
    console.log(`concurrent syncs:\n  ${summary.join('\n  ')}`)
    // The shards split the config between them, and the full run and the overlap cover it again.
    const sharded = children
      .slice(1, 3)
      .map(c => (JSON.parse(readFileSync(c.report, 'utf8')) as SyncReport).images.length)
    expect(sharded[0]! + sharded[1]!).toBe(IMAGES.length)
    expect(Math.min(...sharded)).toBeGreaterThan(0)

    for (const { name, tag, image } of IMAGES) {
      const c = await checkTag(dst, `shared/${name}`, tag)
      expect({ name, ...c }).toMatchObject({
        name,
        exists: true,
        problems: [],
        digest: image.manifest.digest
      })
    }
    // At least one image really was written by two processes at the same time.
    expect(Math.max(...copiedBy.values())).toBeGreaterThanOrEqual(2)
  }, 150_000)
})
