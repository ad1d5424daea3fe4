/**
 * Rate limits: a front that answers like Docker Hub (`ratelimit-remaining` dropping by one per manifest
 * GET, HEADs free) before a real registry. Below the reserve no new pull starts; the rest is deferred.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exitCodeFor, sync } from '../../src/sync/index.js'
import type { RegistryClient } from '../../src/registry/index.js'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { clientFor, config, isManifestGet, startRateLimitProxy } from './sync-helpers.js'

// Real registries and child processes: far slower than Jest's 5 s default on a busy 2-core runner.
jest.setTimeout(120_000)

const REPOS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']

describe('sync under a rate limit', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  const dir = mkdtempSync(join(tmpdir(), 'sync-ratelimit-'))

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    for (const r of REPOS)
      await pushImage(src, `lib/${r}`, '1', buildImage({ seed: `rl-${r}`, layerSizes: [512] }))
    ;({ client, done } = await clientFor([src, dst]))
  })
  afterAll(async () => {
    await done?.()
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  const yaml = (host: string, prefix: string) =>
    `version: 1\nimages:\n` + REPOS.map(r => `  ${host}/lib/${r}:1: ${dst.host}/${prefix}/${r}:1\n`).join('')

  test('pulls stop below the reserve; running ones finish; the rest is deferred, not failed', async () => {
    const proxy = await startRateLimitProxy(src.url, 13)
    try {
      await src.clearAccessLog()
      const r = await sync(config(yaml(proxy.host, 'a'), dir), {
        client,
        concurrency: 1,
        rateLimitReserve: 10
      })
      const copied = r.totals.copied
      expect(copied + r.totals.deferred).toBe(REPOS.length)
      expect(copied).toBeGreaterThanOrEqual(1)
      expect(r.totals.deferred).toBeGreaterThanOrEqual(1)
      expect(r.totals.failed).toBe(0)
      expect(exitCodeFor(r)).toBe(0)
      expect(r.warnings.join('\n')).toMatch(
        new RegExp(`${proxy.host}.*RateLimit-Remaining \\d+ is below 10.*deferred`)
      )
      // A deferred image was only HEADed: no pull was spent on it.
      const log = await src.accessLog()
      for (const im of r.images.filter(i => i.status === 'deferred')) {
        const repo = im.source.replace(/^[^/]+\//, '').replace(/:1$/, '')
        expect(log.filter(e => isManifestGet(e) && e.path.startsWith(`/v2/${repo}/`))).toEqual([])
      }
      // Each copy started with remaining >= 10 and spends at least one manifest GET, so from 13 at
      // most 4 can start (today each copy spends 2: the manifest, and the 404 of the sha256-<hex> tag).
      expect(copied).toBeLessThanOrEqual(4)
      expect(proxy.manifestGets()).toBeGreaterThanOrEqual(copied)
    } finally {
      await proxy.stop()
    }
  })

  test('already below the reserve: no manifest GET at all, every image deferred', async () => {
    const proxy = await startRateLimitProxy(src.url, 1)
    try {
      await src.clearAccessLog()
      const r = await sync(config(yaml(proxy.host, 'b'), dir), { client })
      expect(r.images.map(i => i.status)).toEqual(Array(REPOS.length).fill('deferred'))
      expect((await src.accessLog()).filter(isManifestGet)).toEqual([])
      expect(proxy.manifestGets()).toBe(0)
    } finally {
      await proxy.stop()
    }
  })

  test.each<[string, number, string]>([
    // The default reserve (2) pulls at 3 remaining; a registry's own reserve in the config wins.
    ['the default reserve', 3, ''],
    ['registries.<host>.rate-limit-reserve: 4', 3, '4']
  ])('%s at RateLimit-Remaining %i', async (_name, start, reserve) => {
    const proxy = await startRateLimitProxy(src.url, start)
    try {
      const registries = reserve ? `registries:\n  ${proxy.host}:\n    rate-limit-reserve: ${reserve}\n` : ''
      const text = yaml(proxy.host, `reserve-${reserve || 'default'}`).replace(
        'images:\n',
        `${registries}images:\n`
      )
      const r = await sync(config(text, dir), { client, concurrency: 1 })
      if (reserve) {
        expect(r.totals.deferred).toBe(REPOS.length)
        expect(proxy.manifestGets()).toBe(0)
        expect(r.warnings.join('\n')).toMatch(/RateLimit-Remaining 3 is below 4 \(rate-limit-reserve\)/)
      } else {
        expect(r.totals.copied).toBeGreaterThanOrEqual(1)
        expect(r.totals.copied + r.totals.deferred).toBe(REPOS.length)
      }
    } finally {
      await proxy.stop()
    }
  })
})
