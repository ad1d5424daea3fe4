/**
 * Tag filters select exactly the right tags from a real registry's (paginated) tag list, and
 * `--shard i/n` splits the plan into disjoint parts whose union is the whole plan.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CredentialStore } from '../../src/auth/index.js'
import { sync, type SyncReport } from '../../src/sync/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import { buildImage, pushImage, skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'
import { config, counts } from './sync-helpers.js'

// Real registries and child processes: far slower than Jest's 5 s default on a busy 2-core runner.
jest.setTimeout(120_000)

const TAGS = [
  '1.0.0',
  '1.2.3',
  '1.4.0',
  '1.4.1',
  '1.5.0-rc1',
  '1.10',
  '1.27.1',
  '1.27.2',
  '1.27-alpine',
  '2.0.0',
  '2.1',
  '2.10',
  '3.0.0',
  'v1.2.3',
  'v2.3',
  'v2.11',
  'latest',
  'alpine',
  'nightly-rc2'
]

// Expected selections written out by hand (not computed by the code under test).
const CASES: [string, string, string[]][] = [
  ['exact', 'tags: ["1.2.3", "latest", "not-there"]', ['1.2.3', 'latest']],
  ['glob', 'tags: ["1.27.*", "?.0.0"]', ['1.0.0', '1.27.1', '1.27.2', '2.0.0', '3.0.0']],
  ['regex', 'tags: ["/^v2\\\\.[0-9]+$/"]', ['v2.3', 'v2.11']],
  [
    'exclude',
    'tags: ["*"]\n    exclude: ["*-rc*", "v*", "1.*"]',
    ['2.0.0', '2.1', '2.10', '3.0.0', 'latest', 'alpine']
  ],
  [
    'semver',
    'semver: ">=1.4 <3"',
    ['1.4.0', '1.4.1', '1.10', '1.27.1', '1.27.2', '2.0.0', '2.1', '2.10', 'v2.3', 'v2.11']
  ],
  ['latest', 'tags: ["*"]\n    latest: 3', ['3.0.0', 'v2.11', '2.10']],
  [
    'combined',
    'tags: ["1.*"]\n    exclude: ["*-rc*"]\n    semver: ">=1.4"\n    latest: 2',
    ['1.27.2', '1.27.1']
  ],
  ['all', 'tags: ["*"]', TAGS]
]

describe('sync tag filters and shards', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let client: RegistryClient
  const dir = mkdtempSync(join(tmpdir(), 'sync-filters-'))

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    const img = buildImage({ seed: 'filters', layerSizes: [1024] })
    for (const t of TAGS) await pushImage(src, 'lib/app', t, img)
    const credentials = await CredentialStore.load({ dockerConfigDir: join(dir, 'no-docker-config') })
    client = new RegistryClient({ credentials })
  })
  afterAll(async () => {
    await client?.close()
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  test('each filter kind mirrors exactly its tags', async () => {
    // Every entry in its own config: YAML keys must be unique, and every filter reads the same source.
    for (const [name, filter, want] of CASES) {
      const cfg = config(
        `version: 1\nimages:\n  ${src.host}/lib/app:\n    target: ${dst.host}/f/${name}\n    ${filter}\n`,
        dir
      )
      const r = await sync(cfg, { client })
      expect([name, r.images.map(i => i.status).filter(s => s !== 'copied')]).toEqual([name, []])
      expect([name, r.images.map(i => i.source.split(':').pop()).sort()]).toEqual([name, [...want].sort()])
      const ls = await skopeo(['list-tags', `docker://${dst.host}/f/${name}`], { reg: dst })
      expect(ls.code).toBe(0)
      expect([name, (JSON.parse(ls.stdout) as { Tags: string[] }).Tags.sort()]).toEqual([
        name,
        [...want].sort()
      ])
    }
  })

  test('a rerun of a filter entry lists tags once and sends only HEADs', async () => {
    await src.clearAccessLog()
    const cfg = config(
      `version: 1\nimages:\n  ${src.host}/lib/app:\n    target: ${dst.host}/f/all\n    tags: ["*"]\n`,
      dir
    )
    // A rerun is a new run with its own client: the tag list the first run cached is not reused.
    const credentials = await CredentialStore.load({ dockerConfigDir: join(dir, 'no-docker-config') })
    const rerun = new RegistryClient({ credentials })
    const r = await sync(cfg, { client: rerun, dryRun: true }).finally(() => rerun.close())
    expect(r.images).toHaveLength(TAGS.length)
    expect(r.images.every(i => i.status === 'skipped' || i.status === 'planned')).toBe(true)
    const log = await src.accessLog()
    // registry 2.8 ignores ?n= on tags/list (no pagination to follow here; unit-tested in the client).
    expect(log.filter(e => e.method === 'GET' && e.path.includes('/tags/list'))).toHaveLength(1)
    expect(counts(log).manifestHeads).toBe(TAGS.length)
    expect(counts(await src.accessLog()).manifestGets).toBe(0)
  })

  test('a filter that selects nothing fails its entry, in config order, and the rest goes on', async () => {
    const cfg = config(
      `version: 1\nimages:\n  ${src.host}/lib/app:\n    target: ${dst.host}/none/app\n    tags: ["9.*"]\n` +
        `  ${src.host}/lib/app:2.1: ${dst.host}/none/app\n`,
      dir
    )
    const r = await sync(cfg, { client })
    expect(r.images.map(i => [i.source, i.status, i.error])).toEqual([
      [
        `${src.host}/lib/app`,
        'failed',
        `the tag filter matches no tag of the source repository (${TAGS.length} tags listed)`
      ],
      [`${src.host}/lib/app:2.1`, 'copied', undefined]
    ])
  })

  test.each([2, 3, 5])('%i shards partition the plan exactly, by target repository', async n => {
    const repos = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta']
    const yaml =
      `version: 1\nimages:\n` +
      repos.map((r, i) => `  ${src.host}/lib/app:${TAGS[i]}: ${dst.host}/shard/${r}\n`).join('') +
      // Several tags into one repository: they must stay together.
      `  ${src.host}/lib/app:\n    target: ${dst.host}/shard/many\n    tags: ["1.27.*", "2.*"]\n` +
      `  ${src.host}/lib/app:latest: ${dst.host}/shard/alpha:newest\n`
    const cfg = config(yaml, dir)
    const key = (r: SyncReport) => r.images.map(i => `${i.source} → ${i.target}`)
    const full = await sync(cfg, { client, dryRun: true, checkTargets: false })
    expect(full.images).toHaveLength(repos.length + 5 + 1)
    const parts: SyncReport[] = []
    for (let i = 1; i <= n; i++)
      parts.push(
        await sync(cfg, { client, dryRun: true, checkTargets: false, shard: { index: i, count: n } })
      )
    const all = parts.flatMap(key)
    expect(new Set(all).size).toBe(all.length)
    expect([...all].sort()).toEqual([...key(full)].sort())
    const repoOf = (t: string) => t.replace(/:[^:/]+$/, '')
    const shardOfRepo = new Map<string, number>()
    parts.forEach((p, i) =>
      p.images.forEach(im => {
        const prev = shardOfRepo.get(repoOf(im.target))
        expect(prev === undefined || prev === i).toBe(true)
        shardOfRepo.set(repoOf(im.target), i)
      })
    )
    // No shard is left empty while 8 repositories are to be shared.
    expect(parts.every(p => p.images.length > 0)).toBe(true)
    // The same split every time.
    const again = await sync(cfg, {
      client,
      dryRun: true,
      checkTargets: false,
      shard: { index: 1, count: n }
    })
    expect(key(again)).toEqual(key(parts[0]))
  })
})
