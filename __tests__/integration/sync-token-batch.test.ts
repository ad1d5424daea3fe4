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
import {
  badGateway,
  buildImage,
  listen,
  openUpstream,
  pushImage,
  relay,
  startRegistry,
  upstreamFor,
  type ProxyHandle,
  type StartedRegistry
} from '../harness/index.js'
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
      await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
      const r = await sync(config(yaml(), dir), { client, dryRun: true })
      // Per side: one HEAD per image and the ping that learns the scheme, nothing else.
      for (const reg of [src, dst]) {
        const log = await reg.accessLog()
        expect(log.filter(e => e.method === 'HEAD').map(e => e.status)).toEqual(
          names.map(() => (reg === src ? 200 : 404))
        )
        expect(log.filter(e => e.method !== 'HEAD').map(e => `${e.method} ${e.path}`)).toEqual(['GET /v2/'])
      }
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

/**
 * A token server that honours only the first of several scopes (a real one may): its batch tokens
 * are refused by the registry, batching stops at the first refusal, and every image still plans.
 */
describe('a token server that grants only the first scope', () => {
  let reg: StartedRegistry
  let front: ProxyHandle
  const dir = mkdtempSync(join(tmpdir(), 'sync-token-partial-'))
  const names = Array.from({ length: REPOS }, (_, i) => `part/r${i}`)

  beforeAll(async () => {
    reg = await startRegistry({ mode: 'token' })
    const image = buildImage({ seed: 'token-partial', layerSizes: [256] })
    for (const n of names) await pushImage(reg, n, 'v1', image)
    const registry = upstreamFor(reg.url)
    const tokens = upstreamFor(reg.tokenRealm!)
    // The registry's challenge names this proxy as realm; its token requests keep one scope.
    front = await listen((req, res, origin) => {
      const toTokens = req.url!.startsWith('/token')
      if (toTokens) {
        const u = new URL(req.url!, origin)
        const first = u.searchParams.getAll('scope')[0]
        u.searchParams.delete('scope')
        if (first !== undefined) u.searchParams.append('scope', first)
        req.url = `${new URL(reg.tokenRealm!).pathname}${u.search}`
      }
      const up = toTokens ? tokens : registry
      openUpstream(req, up).then(
        upRes => {
          const challenge = upRes.headers['www-authenticate']
          if (typeof challenge === 'string')
            upRes.headers['www-authenticate'] = challenge.replace(reg.tokenRealm!, `${origin}/token`)
          relay(req, res, upRes, up, origin)
        },
        e => badGateway(res, e)
      )
    })
  })
  afterAll(async () => {
    await front?.stop()
    await reg?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  test('every image plans; batch tokens are refused at most once per repository of one batch', async () => {
    const { client, done } = await clientFor([])
    try {
      await reg.clearAccessLog()
      const yaml =
        'version: 1\ndefaults:\n  referrers: false\nimages:\n' +
        names.map(n => `  ${front.host}/${n}:v1: oci:${join(dir, 'out')}:${n.replace('/', '-')}\n`).join('')
      const r = await sync(config(yaml, dir), { client, dryRun: true })
      expect(r.images.map(i => i.status)).toEqual(names.map(() => 'planned'))
      const refusedHeads = (await reg.accessLog()).filter(e => e.method === 'HEAD' && e.status === 401)
      // The first requests learn the scheme (one 401 each, before any token); then one batch whose
      // token covers only its first repository: the others of that batch are refused once each.
      expect(refusedHeads.length).toBeLessThanOrEqual(
        planConcurrency(DEFAULT_SYNC_CONCURRENCY) + TOKEN_BATCH - 1
      )
    } finally {
      await done()
    }
  })
})
