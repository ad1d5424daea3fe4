/**
 * 429s from each side. A source's 429 is its pull quota: the rest of that source's images wait for a
 * later run (exit 0, a warning naming the source). A target that keeps answering 429 to writes is a
 * failure naming the target; an occasional target 429 is retried and the copy completes.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exitCodeFor, sync, type SyncReport } from '../../src/sync/index.js'
import type { RegistryClient } from '../../src/registry/index.js'
import { DEFAULT_RETRY } from '../../src/oci/index.js'
import {
  buildImage,
  pushImage,
  skopeo,
  startRegistry,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import { removeTempDir } from '../harness/index.js'
import { buildAction, errorCommands, runAction, workspace } from './action-helpers.js'
import {
  cli,
  clientFor,
  config,
  counts,
  isManifestGet,
  isWriteMethod,
  startRefusingProxy
} from './sync-helpers.js'

// Real registries and child processes: far slower than Jest's 5 s default on a busy 2-core runner.
jest.setTimeout(120_000)

const REPOS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8']
/** A host in a message, not a prefix of a longer port (`127.0.0.1:4000` in `127.0.0.1:40001`). */
const named = (host: string) => new RegExp(`${host.replace(/\./g, '\\.')}(?!\\d)`)

describe('429 from the source or from the target', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  const images = new Map<string, BuiltImage>()
  /** Waits the client asked for: recorded, not slept, so no test waits for a real backoff. */
  const waits: number[] = []
  const dir = mkdtempSync(join(tmpdir(), 'sync-ratelimit-target-'))

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    for (const r of REPOS) {
      const img = buildImage({ seed: `rlt-${r}`, layerSizes: [512, 700] })
      images.set(r, img)
      await pushImage(src, `lib/${r}`, '1', img)
    }
    ;({ client, done } = await clientFor([src, dst], {
      sleep: async ms => {
        waits.push(ms)
      }
    }))
  })
  afterAll(async () => {
    await done?.()
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  const yaml = (from: string, to: string, prefix: string) =>
    `version: 1\nimages:\n` + REPOS.map(r => `  ${from}/lib/${r}:1: ${to}/${prefix}/${r}:1\n`).join('')

  test('a target that keeps refusing writes with 429: every image fails naming the target, exit 1', async () => {
    const proxy = await startRefusingProxy(dst.url, { match: isWriteMethod, retryAfter: '1' })
    try {
      await dst.clearAccessLog()
      waits.length = 0
      const r = await sync(config(yaml(src.host, proxy.host, 'refused'), dir), { client, concurrency: 4 })
      expect(r.totals).toMatchObject({ copied: 0, deferred: 0, failed: REPOS.length })
      expect(exitCodeFor(r)).toBe(1)
      for (const im of r.images) {
        expect(im.error).toMatch(
          new RegExp(`^target ${named(proxy.host).source} answered 429 Too Many Requests`)
        )
        expect(im.error).not.toMatch(named(src.host))
      }
      // Nothing about deferring, and nothing blames the source.
      expect(r.warnings.join('\n')).not.toMatch(/deferred/)
      expect(r.warnings.join('\n')).not.toMatch(named(src.host))
      // Every write met the proxy's 429; none reached the registry behind it.
      expect(counts(await dst.accessLog()).writes).toBe(0)

      // The 4 images copying when the target refused ran out of retries; the 4 after them were
      // not sent to it at all.
      const notTried = r.images.filter(i => /not attempted/.test(i.error ?? ''))
      expect(notTried).toHaveLength(REPOS.length - 4)
      // Each refused blob costs one request per attempt of the client's policy, with its
      // Retry-After waited for, and no more: no layer above retries a 429 the client gave up on.
      const blobsPerImage = images.get('r1')!.blobs.length
      expect(proxy.refused()).toBeGreaterThanOrEqual(DEFAULT_RETRY.attempts)
      expect(proxy.refused()).toBeLessThanOrEqual(4 * blobsPerImage * DEFAULT_RETRY.attempts)
      expect(proxy.refused() % DEFAULT_RETRY.attempts).toBe(0)
      expect(waits).toEqual(Array(waits.length).fill(1000))
      const tried = r.images.find(i => !/not attempted/.test(i.error ?? ''))
      console.log(`refused writes: ${proxy.refused()}; an image that was tried: ${tried?.error}`)
    } finally {
      await proxy.stop()
    }
  })

  test.each<[string, (method: string, path: string) => boolean, number]>([
    ['any write', isWriteMethod, 3],
    // A blob PUT streams a one-shot body: the client cannot repeat it, the copy engine restarts the transfer.
    ['blob PUTs only', (method, path) => method === 'PUT' && /\/blobs\/uploads\//.test(path), 2]
  ])('an occasional 429 from the target (%s) is retried: every image copied', async (_, match, first) => {
    const proxy = await startRefusingProxy(dst.url, { match, first, retryAfter: '1' })
    const prefix = `occasional-${first}`
    try {
      waits.length = 0
      const r = await sync(config(yaml(src.host, proxy.host, prefix), dir), { client })
      expect(r.totals).toMatchObject({ copied: REPOS.length, deferred: 0, failed: 0 })
      expect(exitCodeFor(r)).toBe(0)
      expect(proxy.refused()).toBe(first)
      for (const repo of REPOS) {
        const got = await skopeo(['inspect', '--raw', `docker://${dst.host}/${prefix}/${repo}:1`], {
          reg: dst
        })
        expect(got.code).toBe(0)
        expect(got.stdout).toBe(images.get(repo)!.manifest.bytes.toString())
      }
    } finally {
      await proxy.stop()
    }
  })

  test('a source answering 429 to pulls: its images are deferred, exit 0, the warning names the source', async () => {
    const proxy = await startRefusingProxy(src.url, {
      match: (method, path) => method === 'GET' && /^\/v2\/.+\/manifests\//.test(path),
      retryAfter: '1'
    })
    try {
      await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
      const r = await sync(config(yaml(proxy.host, dst.host, 'pulls'), dir), { client })
      expect(r.totals).toMatchObject({ copied: 0, failed: 0, deferred: REPOS.length })
      expect(exitCodeFor(r)).toBe(0)
      const warnings = r.warnings.join('\n')
      expect(warnings).toMatch(
        new RegExp(`^source ${named(proxy.host).source}: .*429.*${REPOS.length} image\\(s\\) deferred`, 'm')
      )
      expect(warnings).not.toMatch(named(dst.host))
      expect(counts(await dst.accessLog()).writes).toBe(0)
      expect((await src.accessLog()).filter(isManifestGet)).toEqual([])
    } finally {
      await proxy.stop()
    }
  })

  describe('what a user sees when the target keeps refusing', () => {
    let entry: string
    let bundleDir: string
    beforeAll(async () => {
      ;({ entry, dir: bundleDir } = await buildAction())
    })
    afterAll(() => {
      if (bundleDir) removeTempDir(bundleDir)
    })

    // Retry-After: 0, as these run with the real sleep and the default retry policy.
    const refusing = () => startRefusingProxy(dst.url, { match: isWriteMethod, retryAfter: '0' })
    const two = (to: string, prefix: string) =>
      `version: 1\nimages:\n  ${src.host}/lib/r1:1: ${to}/${prefix}/r1:1\n  ${src.host}/lib/r2:1: ${to}/${prefix}/r2:1\n`

    test('CLI sync: exit 1, each failed line and the report name the target host and 429', async () => {
      const proxy = await refusing()
      try {
        const file = join(dir, 'cli.yaml')
        const reportFile = join(dir, 'cli-report.json')
        writeFileSync(file, two(proxy.host, 'cli'))
        const r = await cli(['sync', '--config', file, '--report', reportFile])
        expect(r.code).toBe(1)
        const failed = r.stdout.split('\n').filter(l => l.startsWith('failed '))
        expect(failed).toHaveLength(2)
        for (const line of failed)
          expect(line).toMatch(`: target ${proxy.host} answered 429 Too Many Requests`)
        expect(r.stderr).not.toMatch(/deferred/)
        const doc = JSON.parse(readFileSync(reportFile, 'utf8')) as SyncReport
        expect(doc.totals).toMatchObject({ failed: 2, deferred: 0, copied: 0 })
      } finally {
        await proxy.stop()
      }
    })

    test('action: the step fails, its error and the summary name the target host and 429', async () => {
      const proxy = await refusing()
      const ws = workspace()
      try {
        ws.write('mirror.yaml', two(proxy.host, 'action'))
        const r = await runAction(entry, ws, { config: 'mirror.yaml', cache: 'false' })
        expect(r.code).toBe(1)
        expect(r.outputs).toMatchObject({ failed: '2', mirrored: '0' })
        const failure = errorCommands(r.stdout).at(-1)!.message
        expect(failure).toMatch(/^2 of 2 images failed:/)
        expect(failure.split(`: target ${proxy.host} answered 429 Too Many Requests`)).toHaveLength(3)
        expect(r.summary).toContain(`target ${proxy.host} answered 429 Too Many Requests`)
        expect(r.stdout).not.toMatch(/^::warning::.*deferred/m)
      } finally {
        ws.remove()
        await proxy.stop()
      }
    })
  })
})
