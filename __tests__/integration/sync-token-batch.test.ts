/**
 * A plan over many repositories behind a token server asks for tokens several repositories at a
 * time (one token request per repository and side before): counted at the real token server, and
 * the run's results are the same.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TOKEN_BATCH } from '../../src/registry/index.js'
import { planConcurrency, sync, DEFAULT_SYNC_CONCURRENCY } from '../../src/sync/index.js'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { clientFor, config } from './sync-helpers.js'

jest.setTimeout(180_000)

const REPOS = 48

describe('token requests of a plan over many repositories', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  const dir = mkdtempSync(join(tmpdir(), 'sync-token-batch-'))
  const names = Array.from({ length: REPOS }, (_, i) => `many/r${i}`)
  const yaml = () =>
    'version: 1\ndefaults:\n  referrers: false\nimages:\n' +
    names.map(n => `  ${src.host}/${n}:v1: ${dst.host}/mirror/${n}:v1\n`).join('')

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([startRegistry({ mode: 'token' }), startRegistry({ mode: 'token' })])
    const image = buildImage({ seed: 'token-batch', layerSizes: [256] })
    for (const n of names) await pushImage(src, n, 'v1', image)
  })
  afterAll(async () => {
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  test(`a dry run of ${REPOS} repositories: at most ${TOKEN_BATCH} scopes per token request, every repository covered`, async () => {
    const { client, done } = await clientFor([src, dst])
    try {
      src.clearTokenRequests()
      dst.clearTokenRequests()
      const r = await sync(config(yaml(), dir), { client, dryRun: true })
      expect(r.images.map(i => i.status)).toEqual(names.map(() => 'planned'))
      // With credentials the first contact is a ping, which learns the scheme before any HEAD: every
      // token is then a batch (one token request per repository and side without batching).
      const batches = Math.ceil(REPOS / TOKEN_BATCH)
      for (const [reg, prefix] of [
        [src, 'repository:'],
        [dst, 'repository:mirror/']
      ] as const) {
        const reqs = reg.tokenRequests()
        expect(reqs.every(q => q.status === 200)).toBe(true)
        expect(reqs.length).toBe(batches)
        expect(Math.max(...reqs.map(q => q.scopes.length))).toBeLessThanOrEqual(TOKEN_BATCH)
        const asked = new Set(reqs.flatMap(q => q.scopes))
        expect(names.filter(n => !asked.has(`${prefix}${n}:pull`))).toEqual([])
      }
    } finally {
      await done()
    }
  })

  test('a real run with batched tokens copies every image', async () => {
    const { client, done } = await clientFor([src, dst])
    try {
      src.clearTokenRequests()
      const r = await sync(config(yaml(), dir), { client })
      expect(r.images.map(i => i.status)).toEqual(names.map(() => 'copied'))
      // The copies' blob reads reuse the plan's pull tokens; a few extra come from requests that
      // started before the scheme was learnt.
      expect(src.tokenRequests().length).toBeLessThanOrEqual(
        planConcurrency(DEFAULT_SYNC_CONCURRENCY) + Math.ceil(REPOS / TOKEN_BATCH)
      )
    } finally {
      await done()
    }
  })
})
