/**
 * A tag filter that selects a tag the target cannot take (`1.0-` and `_x` are valid Docker tags but
 * not OCI layout reference names): that tag fails on its own, the entry's other tags are copied.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sync } from '../../src/sync/index.js'
import { buildImage, pushImage, skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'
import { cli, clientFor, config } from './sync-helpers.js'

// Real registries and child processes: far slower than Jest's 5 s default on a busy 2-core runner.
jest.setTimeout(120_000)

const sha = (b: string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`
const GOOD = ['1.0', '1.1']
const BAD = ['1.0-', '_x']

describe('sync: a tag the target refuses fails alone', () => {
  let src: StartedRegistry
  const dir = mkdtempSync(join(tmpdir(), 'sync-badtag-'))
  const digests: Record<string, string> = {}

  beforeAll(async () => {
    src = await startRegistry({ mode: 'anonymous' })
    for (const tag of [...GOOD, ...BAD]) {
      digests[tag] = await pushImage(src, 'lib/app', tag, buildImage({ seed: `badtag-${tag}` }))
    }
  })
  afterAll(async () => {
    await src?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const yaml = (layout: string) => `version: 1
images:
  ${src.host}/lib/app:
    target: oci:${layout}
    tags: ["*"]
  ${src.host}/lib/absent:
    target: oci:${layout}-absent
    tags: ["*"]
`

  test('good tags copied, each bad tag failed with its own reason, listing failure kept apart', async () => {
    const layout = join(dir, 'api')
    const { client, done } = await clientFor([src])
    try {
      const r = await sync(config(yaml(layout), dir), { client })
      const byTag = new Map(r.images.map(i => [i.source.slice(i.source.lastIndexOf(':') + 1), i]))
      for (const tag of GOOD) {
        expect([tag, byTag.get(tag)?.status, byTag.get(tag)?.error]).toEqual([tag, 'copied', undefined])
        expect(byTag.get(tag)?.target).toBe(`oci:${layout}:${tag}`)
        const raw = await skopeo(['inspect', '--raw', `oci:${layout}:${tag}`])
        expect([raw.code, raw.stderr]).toEqual([0, ''])
        expect(sha(raw.stdout)).toBe(digests[tag])
      }
      for (const tag of BAD) {
        const bad = byTag.get(tag)
        expect([tag, bad?.status]).toEqual([tag, 'failed'])
        expect(bad?.source).toBe(`${src.host}/lib/app:${tag}`)
        expect(bad?.error).toContain(`tag "${tag}"`)
        expect(bad?.error).toMatch(/invalid OCI reference name/)
        expect(bad?.error).not.toMatch(/cannot list tags/)
      }
      const absent = r.images.find(i => i.source === `${src.host}/lib/absent`)
      expect(absent?.status).toBe('failed')
      expect(absent?.error).toMatch(/^cannot list tags: /)
      expect(r.images).toHaveLength(GOOD.length + BAD.length + 1)
      expect(r.totals).toMatchObject({ copied: GOOD.length, failed: BAD.length + 1 })
      // The layout holds the good tags and nothing that names a bad one.
      const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as {
        manifests: { annotations?: Record<string, string> }[]
      }
      const names = index.manifests.map(m => m.annotations?.['org.opencontainers.image.ref.name']).sort()
      expect(names).toEqual(GOOD)
    } finally {
      await done()
    }
  })

  test('CLI: exit 1, one failed line per bad tag, the report counts them', async () => {
    const layout = join(dir, 'cli')
    const file = join(dir, 'cli.yaml')
    writeFileSync(file, yaml(layout))
    const report = join(dir, 'report.json')
    const r = await cli(['sync', '--config', file, '--report', report])
    expect(r.code).toBe(1)
    for (const tag of GOOD) expect(r.stdout).toMatch(new RegExp(`^copied +\\S+lib/app:${tag} → `, 'm'))
    for (const tag of BAD) {
      expect(r.stdout).toMatch(new RegExp(`^failed +\\S+lib/app:${tag} → .*tag "${tag}"`, 'm'))
    }
    const doc = JSON.parse(readFileSync(report, 'utf8'))
    expect(doc.totals).toMatchObject({ copied: GOOD.length, failed: BAD.length + 1 })
  })
})
