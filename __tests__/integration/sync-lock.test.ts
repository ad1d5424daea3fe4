/**
 * Lock files against real registries, through the CLI: `--lock` records every source, digest, target
 * and target digest in a stable form; `--locked` mirrors exactly the locked digest even after the
 * upstream tag moved, without listing or resolving a tag; an entry missing from the lock fails.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RegistryClient } from '../../src/registry/index.js'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { cli, clientFor, counts, stderrProblems } from './sync-helpers.js'

jest.setTimeout(180_000)

describe('sync --lock / --locked', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  const dir = mkdtempSync(join(tmpdir(), 'sync-lock-'))
  const lock = join(dir, 'mirror.lock')

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    ;({ client, done } = await clientFor([src, dst]))
  })
  afterAll(async () => {
    await done?.()
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  const image = (seed: string) => buildImage({ seed: `lock-${seed}`, layerSizes: [256] })
  const at = async (repo: string, tag: string) =>
    (await client.manifestHead({ registry: dst.host, repository: repo, tag }))?.digest
  const write = (extra = ''): string => {
    const file = join(dir, 'mirror.yaml')
    writeFileSync(
      file,
      // Referrers off: their fallback lists tags (sha256-… tags), which would blur what we count here.
      `version: 1\nlock: mirror.lock\ndefaults:\n  referrers: false\nimages:\n  ${src.host}/lib/app:\n    target: ${dst.host}/m/app\n    tags: ["v*"]\n` +
        `  ${src.host}/lib/one:v1: ${dst.host}/m/one:v1\n${extra}`
    )
    return file
  }
  const run = async (...args: string[]) => {
    const r = await cli(['sync', '--config', write(), ...args])
    return r
  }

  test('the lock pins digests: --locked copies the locked digest after the tag moved upstream', async () => {
    const a1 = await pushImage(src, 'lib/app', 'v1', image('app-v1'))
    const a2 = await pushImage(src, 'lib/app', 'v2', image('app-v2'))
    const o1 = await pushImage(src, 'lib/one', 'v1', image('one-v1'))

    // The scheduled job's part: resolve and write the lock, copy nothing.
    const plan = await run('--dry-run')
    expect(plan.code).toBe(0)
    expect(await at('m/app', 'v1')).toBeUndefined()
    const t = (repo: string) => `${dst.host}/m/${repo}`
    const s = (repo: string) => `${src.host}/lib/${repo}`
    expect(readFileSync(lock, 'utf8')).toBe(
      [
        '{',
        '  "version": 1,',
        '  "images": [',
        `    {"source":"${s('app')}:v1","sourceDigest":"${a1}","target":"${t('app')}:v1"},`,
        `    {"source":"${s('app')}:v2","sourceDigest":"${a2}","target":"${t('app')}:v2"},`,
        `    {"source":"${s('one')}:v1","sourceDigest":"${o1}","target":"${t('one')}:v1"}`,
        '  ]',
        '}',
        ''
      ].join('\n')
    )

    // Upstream moves v1 (and adds v3) after the lock was reviewed.
    const moved = await pushImage(src, 'lib/app', 'v1', image('app-v1-moved'))
    await pushImage(src, 'lib/app', 'v3', image('app-v3'))
    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const locked = await run('--locked')
    expect(stderrProblems(locked.stderr)).toEqual([])
    expect(locked.code).toBe(0)
    expect(locked.stdout).toMatch(/^total: 3 images: 3 copied, 0 failed/m)
    expect(await at('m/app', 'v1')).toBe(a1)
    expect(await at('m/app', 'v2')).toBe(a2)
    expect(await at('m/one', 'v1')).toBe(o1)
    expect(await at('m/app', 'v3')).toBeUndefined()
    // Nothing listed tags or resolved one: the source saw no tag list and no request by tag.
    const srcLog = await src.accessLog()
    expect(srcLog.filter(e => e.path.includes('/tags/list'))).toEqual([])
    expect(srcLog.filter(e => /\/manifests\/v\d$/.test(e.path))).toEqual([])
    // The lock now records what the targets hold, still pinned to the reviewed digests.
    const after = readFileSync(lock, 'utf8')
    expect(after).toContain(
      `{"source":"${s('app')}:v1","sourceDigest":"${a1}","target":"${t('app')}:v1","digest":"${a1}"}`
    )

    // A normal run resolves again: the lock moves v1 and gains v3, one line each.
    const update = await run()
    expect(update.code).toBe(0)
    const lines = readFileSync(lock, 'utf8').split('\n')
    expect(lines.filter(l => l.includes(`"${t('app')}:v1"`))).toEqual([
      `    {"source":"${s('app')}:v1","sourceDigest":"${moved}","target":"${t('app')}:v1","digest":"${moved}"},`
    ])
    expect(lines.filter(l => l.includes(`"${t('app')}:v3"`))).toHaveLength(1)
    expect(await at('m/app', 'v1')).toBe(moved)
    expect(counts(await dst.accessLog()).writes).toBeGreaterThan(0)
  })

  test('an entry the lock does not know fails under --locked; a line no entry claims is a warning', async () => {
    await pushImage(src, 'lib/two', 'v1', image('two-v1'))
    const text = JSON.parse(readFileSync(lock, 'utf8')) as { images: unknown[] }
    text.images.push({
      source: `${src.host}/lib/gone:v1`,
      sourceDigest: `sha256:${'0'.repeat(64)}`,
      target: `${dst.host}/m/gone:v1`
    })
    writeFileSync(lock, JSON.stringify(text))
    const r = await cli([
      'sync',
      '--config',
      write(`  ${src.host}/lib/two:v1: ${dst.host}/m/two:v1\n`),
      '--locked'
    ])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^failed +\S+lib\/two:v1 → \S+m\/two:v1 .*not in the lock file/m)
    expect(r.stderr).toMatch(
      /lock: \S+lib\/gone:v1 → \S+m\/gone:v1 belongs to no entry of the config; ignored/
    )
    expect(await at('m/two', 'v1')).toBeUndefined()
  })

  test('--locked without a lock is a usage error; a broken lock is refused before any request', async () => {
    const file = join(dir, 'nolock.yaml')
    writeFileSync(file, `version: 1\nimages:\n  ${src.host}/lib/one:v1: ${dst.host}/m/one:v1\n`)
    const none = await cli(['sync', '--config', file, '--locked'])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/--locked needs a lock file/)
    const bad = join(dir, 'bad.lock')
    writeFileSync(bad, '{"version":1,"images":[{"source":"x"}]}')
    await src.clearAccessLog()
    const broken = await cli(['sync', '--config', file, '--lock', bad, '--locked'])
    expect(broken.code).toBe(2)
    expect(broken.stderr).toMatch(/bad\.lock: images\[0\] needs source, sourceDigest, target/)
    expect(await src.accessLog()).toEqual([])
  })
})
