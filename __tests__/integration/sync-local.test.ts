/** sync into local targets (OCI layout, docker-archive): no target registry involved at all. */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StateStore } from '../../src/sync/index.js'
import { sync } from '../../src/sync/index.js'
import { buildImage, pushImage, skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'
import { clientFor, config, counts } from './sync-helpers.js'

// Real registries and child processes: far slower than Jest's 5 s default on a busy 2-core runner.
jest.setTimeout(120_000)

const sha = (b: string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

describe('sync into local targets', () => {
  let src: StartedRegistry
  const dir = mkdtempSync(join(tmpdir(), 'sync-local-'))
  const digests: Record<string, string> = {}

  beforeAll(async () => {
    src = await startRegistry({ mode: 'anonymous' })
    digests.multi = await pushImage(
      src,
      'lib/multi',
      '1.0',
      buildImage({ seed: 'local-multi', platforms: ['linux/amd64', 'linux/arm64'], attestations: true })
    )
    digests.single = await pushImage(src, 'lib/single', '1.0', buildImage({ seed: 'local-single' }))
  })
  afterAll(async () => {
    await src?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  test('oci: target needs no target registry; reruns skip from the layout itself', async () => {
    const layout = join(dir, 'layout')
    const cfg = config(
      `version: 1
images:
  ${src.host}/lib/multi:1.0: oci:${layout}:multi
  ${src.host}/lib/single:
    target: oci:${layout}
    tags: ["1.0"]
`,
      dir
    )
    // The client knows only the source registry.
    const { client: c, done: d } = await clientFor([src])
    try {
      const dryRun = await sync(cfg, { client: c, dryRun: true })
      expect(dryRun.images.map(i => [i.target, i.status])).toEqual([
        [`oci:${layout}:multi`, 'planned'],
        [`oci:${layout}:1.0`, 'planned']
      ])
      expect(existsSync(layout)).toBe(false)

      const state = StateStore.empty()
      const r = await sync(cfg, { client: c, state })
      expect(r.images.map(i => [i.status, i.error])).toEqual([
        ['copied', undefined],
        ['copied', undefined]
      ])
      for (const [ref, want] of [
        ['multi', digests.multi],
        ['1.0', digests.single]
      ]) {
        const raw = await skopeo(['inspect', '--raw', `oci:${layout}:${ref}`])
        expect([raw.code, raw.stderr]).toEqual([0, ''])
        expect(sha(raw.stdout)).toBe(want)
      }
      await src.clearAccessLog()
      const again = await sync(cfg, { client: c })
      expect(again.images.map(i => i.status)).toEqual(['skipped', 'skipped'])
      expect(counts(await src.accessLog())).toMatchObject({ manifestGets: 0, manifestHeads: 2 })
    } finally {
      await d()
    }
  })

  test('docker-archive target: one platform, readable by skopeo, no target registry', async () => {
    const archive = join(dir, 'multi.tar')
    const cfg = config(
      `version: 1\nimages:\n  ${src.host}/lib/multi:1.0:\n    target: docker-archive:${archive}\n    platforms: [linux/arm64]\n`,
      dir
    )
    const { client: c, done: d } = await clientFor([src])
    try {
      const r = await sync(cfg, { client: c })
      expect(r.images.map(i => [i.status, i.error])).toEqual([['copied', undefined]])
      const seen = await skopeo(['inspect', `docker-archive:${archive}`])
      expect(seen.code).toBe(0)
      expect(JSON.parse(seen.stdout)).toMatchObject({ Architecture: 'arm64', Os: 'linux' })
    } finally {
      await d()
    }
  })
})
