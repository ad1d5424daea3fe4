// A sharded run through the bundled action, as the example workflow runs it: a plan job
// (`shards: auto`) sizes the matrix, each shard job mirrors its part and leaves its JSON report (the
// artifact), and `merge-reports` turns the reports into one summary and one set of outputs that equal
// those of one unsharded run of the same config. A shard whose report is missing fails the merge.
// Also the action's `lock` / `locked` inputs: the locked digest is mirrored after the tag moved.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import {
  buildImage,
  pushImage,
  removeTempDir,
  startRegistry,
  type StartedRegistry
} from '../harness/index.js'
import { buildAction, runAction, workspace, type Workspace } from './action-helpers.js'
import { clientFor } from './sync-helpers.js'
import type { RegistryClient } from '../../src/registry/index.js'

jest.setTimeout(300_000)

let src: StartedRegistry
let one: StartedRegistry // the unsharded run's target
let many: StartedRegistry // the sharded run's target
let entry: string
let bundleDir: string
let client: RegistryClient
let done: () => Promise<void>
const workspaces: Workspace[] = []

// Tags per source repository; r1:t0 is at both targets already (skipped), lib/missing fails.
const TAGS = [3, 1, 2, 1, 2, 1]
/** Config and layer bytes of each repository's image. */
const sizes: number[] = []

beforeAll(async () => {
  const [built, a, b, c] = await Promise.all([
    buildAction(),
    startRegistry({ mode: 'anonymous' }),
    // With credentials, as a mirror's target has: a dry run without them would not look at targets.
    startRegistry({ mode: 'basic' }),
    startRegistry({ mode: 'basic' })
  ])
  ;({ entry, dir: bundleDir } = built)
  ;[src, one, many] = [a, b, c]
  ;({ client, done } = await clientFor([src, one, many]))
  for (const [i, n] of TAGS.entries()) {
    const image = buildImage({ seed: `shards-r${i}`, layerSizes: [300 + i] })
    sizes.push(image.blobs.reduce((n, b) => n + b.size, 0))
    for (let t = 0; t < n; t++) await pushImage(src, `lib/r${i}`, `t${t}`, image)
    if (i === 1) for (const reg of [one, many]) await pushImage(reg, `m/r${i}`, 't0', image)
  }
})

afterAll(async () => {
  await done?.()
  await Promise.all([src?.stop(), one?.stop(), many?.stop()])
  for (const ws of workspaces) ws.remove()
  if (bundleDir) removeTempDir(bundleDir)
})

function ws(config: string): Workspace {
  const w = workspace()
  workspaces.push(w)
  w.write('.github/mirror.yaml', config)
  return w
}

const config = (dst: StartedRegistry): string =>
  'version: 1\ndefaults:\n  referrers: false\nimages:\n' +
  TAGS.map((_, i) => `  ${src.host}/lib/r${i}:\n    target: ${dst.host}/m/r${i}\n    tags: ["*"]\n`).join(
    ''
  ) +
  `  ${src.host}/lib/missing:v1: ${dst.host}/m/missing:v1\n`

const creds = (r: StartedRegistry) => `"${r.host}": {username: ${r.username}, password: "${r.password}"}\n`

const OUTPUTS = ['mirrored', 'skipped', 'failed', 'deferred', 'drifted', 'waiting'] as const
const counts = (o: Record<string, string>) => Object.fromEntries(OUTPUTS.map(k => [k, o[k]]))

/** The report's lines with the target registry's address taken out, so two runs compare. */
function lines(reportFile: string, dst: StartedRegistry): string[] {
  const doc = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    images: { source: string; target: string; status: string; digest?: string }[]
  }
  return doc.images.map(
    i => `${i.source} ${i.target.replace(dst.host, 'DST')} ${i.status} ${i.digest ?? '-'}`
  )
}

describe('shards: auto → matrix of shard jobs → merge-reports', () => {
  test('the merged outputs equal one unsharded run; a missing shard report fails the merge', async () => {
    const single = ws(config(one))
    const u = await runAction(entry, single, { cache: 'false', credentials: creds(one) })
    expect(u.code).toBe(1) // lib/missing fails
    expect(counts(u.outputs)).toEqual({
      mirrored: '9',
      skipped: '1',
      failed: '1',
      deferred: '0',
      drifted: '0',
      waiting: '0'
    })

    const sharded = ws(config(many))
    const env = { GITHUB_ACTION: 'mirror' }
    const plan = await runAction(
      entry,
      sharded,
      {
        cache: 'false',
        credentials: creds(many),
        shards: 'auto',
        'shard-max-images': '4',
        'max-shards': '8'
      },
      env
    )
    // The plan sees the missing source too, but a failed plan job would run no shard: it warns.
    expect(plan.code).toBe(0)
    expect(plan.stdout).toMatch(
      /::warning::1 of 11 images failed to plan; their shard jobs will fail on them/
    )
    const matrix = JSON.parse(plan.outputs.matrix!) as { shard: string[] }
    const n = Number(plan.outputs.shards)
    // 9 images to copy, at most 4 a shard: at least 3 jobs.
    expect(n).toBeGreaterThanOrEqual(3)
    expect(matrix).toEqual({ shard: Array.from({ length: n }, (_, i) => `${i + 1}/${n}`) })
    expect(plan.outputs).toMatchObject({ mirrored: '0', skipped: '1', failed: '1' })
    expect(plan.summary).toMatch(
      /Shards: \d+ shards: 9 images to copy in 5 target repositories, at most 4 images per shard/
    )
    // With a byte cap the plan reads the manifests of the 9 images to copy: their blobs' sizes.
    const expected = TAGS.reduce((n, t, i) => n + (i === 1 ? 0 : t * sizes[i]!), 0)
    const byBytes = await runAction(
      entry,
      sharded,
      { cache: 'false', credentials: creds(many), shards: 'auto', 'shard-max-bytes': String(expected) },
      env
    )
    expect(byBytes.code).toBe(0)
    expect(byBytes.outputs.shards).toBe('1')
    expect(byBytes.summary).toContain(`9 images to copy (${expected} bytes estimated)`)
    // The plan job copied nothing.
    expect(await client.manifestHead({ registry: many.host, repository: 'm/r0', tag: 't0' })).toBeUndefined()

    const artifacts = join(sharded.dir, 'reports')
    const codes: number[] = []
    for (const shard of matrix.shard) {
      const r = await runAction(entry, sharded, { cache: 'false', credentials: creds(many), shard }, env)
      codes.push(r.code)
      // upload-artifact / download-artifact: one directory per shard's artifact.
      const dir = join(artifacts, `mirror-report-${shard.replace('/', '-of-')}`)
      mkdirSync(dir, { recursive: true })
      copyFileSync(r.outputs.report!, join(dir, 'mirror-action-report-mirror.json'))
      expect(JSON.parse(readFileSync(r.outputs.report!, 'utf8')).shard).toBe(shard)
    }
    expect(codes.filter(c => c !== 0)).toHaveLength(1) // the shard with lib/missing

    const merged = await runAction(entry, sharded, { 'merge-reports': 'reports' }, env)
    expect(merged.code).toBe(1)
    expect(counts(merged.outputs)).toEqual(counts(u.outputs))
    expect(lines(merged.outputs.report!, many)).toEqual(lines(u.outputs.report!, one))
    expect(JSON.parse(merged.outputs.images!)).toHaveLength(11)
    expect(merged.summary).toContain(`Mirror — ${n} shards merged`)
    expect(merged.stdout).toMatch(/1 of 11 images failed/)

    // A shard job that died leaves no artifact: the merge says which shard is missing.
    rmSync(join(artifacts, `mirror-report-2-of-${n}`), { recursive: true })
    const partial = await runAction(entry, sharded, { 'merge-reports': 'reports' }, env)
    expect(partial.code).toBe(1)
    expect(partial.stdout).toContain(`1 of ${n} shard reports missing (2/${n})`)
    expect(partial.outputs.mirrored).toBeUndefined()
  })

  test("'shards' and 'shard' in one step are refused", async () => {
    const r = await runAction(entry, ws(config(many)), { shards: 'auto', shard: '1/2' })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/Inputs 'shards' and 'shard' are different jobs of a sharded run/)
  })
})

describe('lock / locked inputs', () => {
  test('a dry run writes the lock; locked mirrors the locked digest after the tag moved', async () => {
    const v1 = await pushImage(src, 'lib/app', 'v1', buildImage({ seed: 'shards-lock-1', layerSizes: [200] }))
    const w = ws(
      `version: 1\ndefaults:\n  referrers: false\nimages:\n  ${src.host}/lib/app:v1: ${one.host}/locked/app:v1\n`
    )
    const planned = await runAction(entry, w, {
      cache: 'false',
      credentials: creds(one),
      'dry-run': 'true',
      lock: 'mirror.lock'
    })
    expect(planned.code).toBe(0)
    const lockText = readFileSync(join(w.dir, 'mirror.lock'), 'utf8')
    expect(lockText).toContain(v1)

    const v2 = await pushImage(src, 'lib/app', 'v1', buildImage({ seed: 'shards-lock-2', layerSizes: [200] }))
    expect(v2).not.toBe(v1)
    const r = await runAction(entry, w, {
      cache: 'false',
      credentials: creds(one),
      lock: 'mirror.lock',
      locked: 'true'
    })
    expect(r.code).toBe(0)
    expect(r.outputs.mirrored).toBe('1')
    const at = await client.manifestHead({ registry: one.host, repository: 'locked/app', tag: 'v1' })
    expect(at?.digest).toBe(v1)
  })

  test('locked without a lock file is a clear input error', async () => {
    const w = ws(`version: 1\nimages:\n  ${src.host}/lib/app:v1: ${one.host}/locked/app:v1\n`)
    const r = await runAction(entry, w, { cache: 'false', locked: 'true' })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain("Input 'locked' needs a lock file")
  })
})
