/** TLS, cross-origin redirects, rate-limit headers and retries through faults, against real registries. */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CredentialStore } from '../../src/auth/index.js'
import { Session, type RateLimit, type RegistryOptions } from '../../src/registry/index.js'
import { RegistryError } from '../../src/http/index.js'
import {
  buildImage,
  pushImage,
  startFaultProxy,
  startRedirectingBlobServer,
  startRegistry,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import { makeTempDir } from '../harness/index.js'
import { credsOf, drain, startFront, testClient } from './client-helpers.js'

jest.setTimeout(120_000)

describe('TLS registry', () => {
  let reg: StartedRegistry
  let img: BuiltImage
  beforeAll(async () => {
    reg = await startRegistry({ mode: 'tls' })
    img = buildImage({ seed: 'tls-img' })
    await pushImage(reg, 'sec/app', 'v1', img)
  })
  afterAll(async () => reg?.stop())

  test('verified with the registry CA (caFile)', async () => {
    const { client, done } = await testClient({}, { registries: { [reg.host]: { caFile: reg.caFile } } })
    try {
      expect(
        (await client.manifestGet({ registry: reg.host, repository: 'sec/app', tag: 'v1' })).digest
      ).toBe(img.manifest.digest)
      expect(await client.session.baseUrl(reg.host)).toBe(`https://${reg.host}`)
    } finally {
      await done()
    }
  })

  test('refused without the CA, and never downgraded to plain HTTP', async () => {
    const { client, done } = await testClient()
    try {
      await reg.clearAccessLog()
      await expect(
        client.manifestGet({ registry: reg.host, repository: 'sec/app', tag: 'v1' })
      ).rejects.toThrow(/TLS certificate verification failed .*caFile/)
      // Nothing reached the registry as plain HTTP (it would log a 400 for it).
      expect((await reg.accessLog()).filter(e => e.status === 400)).toEqual([])
    } finally {
      await done()
    }
  })

  test('insecure: true skips verification', async () => {
    const { client, done } = await testClient({}, { registries: { [reg.host]: { insecure: true } } })
    try {
      expect(
        (await client.manifestGet({ registry: reg.host, repository: 'sec/app', tag: 'v1' })).digest
      ).toBe(img.manifest.digest)
    } finally {
      await done()
    }
  })
})

describe('a plain-HTTP registry on a host that is not loopback', () => {
  let reg: StartedRegistry
  beforeAll(async () => {
    reg = await startRegistry({ mode: 'anonymous' })
    await pushImage(reg, 'plain/app', 'v1', buildImage({ seed: 'plain-http' }))
  })
  afterAll(async () => reg?.stop())

  // Only loopback may fall back to HTTP on its own; the classifier stands in for a real
  // non-loopback host (nothing else is reachable here), the registry and the network are real.
  const session = (registries: Record<string, RegistryOptions>) =>
    new Session({
      credentials: CredentialStore.empty(),
      registries,
      userAgent: 'mirror-action-test',
      retry: { baseDelayMs: 5, maxDelayMs: 50 },
      isLoopback: () => false
    })
  const get = (s: Session) =>
    s.request({ registry: reg.host, method: 'GET', path: '/v2/plain/app/tags/list', scopes: [] })

  test('says it answered in plain HTTP and how to allow it; allowing it so works', async () => {
    const s = session({})
    try {
      await reg.clearAccessLog()
      const err = (await get(s).catch((e: unknown) => e)) as Error
      expect(err).toBeInstanceOf(RegistryError)
      expect(err.message).toBe(
        `GET https://${reg.host}/v2/plain/app/tags/list: ${reg.host} answered in plain HTTP, not HTTPS ` +
          '(not a certificate problem). If it is a registry that serves only plain HTTP and you trust the network, ' +
          `allow that: in the config, registries: { "${reg.host}": { insecure: true } }; on the command line, ` +
          `--insecure-registry ${reg.host} (or --tls-verify=false, --src-tls-verify=false, --dest-tls-verify=false)`
      )
      expect(err.message).not.toMatch(/SSL routines|wrong version number|packet length/i)
      // The TLS hello got a 400 in plain HTTP; no request was retried or sent in clear text.
      expect((await reg.accessLog()).filter(e => e.status !== 400)).toEqual([])
    } finally {
      await s.http.close()
    }
    const allowed = session({ [reg.host]: { insecure: true } })
    try {
      const res = await get(allowed)
      await res.body?.dump()
      expect(res.status).toBe(200)
      expect(await allowed.baseUrl(reg.host)).toBe(`http://${reg.host}`)
    } finally {
      await allowed.http.close()
    }
  })
})

test('a loopback host that answers TLS in plain HTTP, then fails over HTTP: the HTTP failure is reported', async () => {
  // Speaks HTTP (a 400 to the TLS hello), but drops every HTTP request.
  const server = createServer(req => req.socket.destroy())
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`
  // With credentials the session pings over HTTP to learn the auth scheme (without, it would not).
  const s = new Session({
    credentials: await CredentialStore.load({
      explicit: { [host]: { username: 'u', password: 'p' } },
      dockerConfigDir: makeTempDir('plain-then-drop')
    }),
    registries: {},
    userAgent: 'mirror-action-test',
    retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 }
  })
  try {
    const err = (await s.baseUrl(host).catch((e: unknown) => e)) as Error
    expect(err).toBeInstanceOf(RegistryError)
    expect(err.message).toMatch(new RegExp(`^GET http://${host}/v2/: `))
    expect(err.message).not.toMatch(/answered in plain HTTP|SSL/)
  } finally {
    await s.http.close()
    server.closeAllConnections()
    await new Promise<void>(r => server.close(() => r()))
  }
})

describe.each(['basic', 'token'] as const)('blob redirects to another origin (%s registry)', mode => {
  let reg: StartedRegistry
  let img: BuiltImage
  beforeAll(async () => {
    reg = await startRegistry({ mode })
    img = buildImage({ seed: `redirect-${mode}`, layerSizes: [100_000, 50_000] })
    await pushImage(reg, 'cdn/app', 'v1', img)
  })
  afterAll(async () => reg?.stop())

  test.each([false, true])(
    'the blob origin never sees Authorization (rejects it like S3: %s)',
    async rejectAuthorization => {
      const cdn = await startRedirectingBlobServer(reg, { rejectAuthorization })
      const { client, done } = await testClient({ [cdn.host]: credsOf(reg)[reg.host]! })
      try {
        const m = await client.manifestGet({ registry: cdn.host, repository: 'cdn/app', tag: 'v1' })
        expect(m.digest).toBe(img.manifest.digest)
        for (const b of img.blobs) {
          const r = await drain(await client.blobGet(cdn.host, 'cdn/app', b))
          expect(r.ok && r.data.equals(b.data)).toBe(true)
        }
        expect(cdn.redirects()).toBe(img.blobs.length)
        expect(cdn.seenAuthorization()).toEqual([])
      } finally {
        await done()
        await cdn.stop()
      }
    }
  )
})

describe('rate limits and retries', () => {
  let reg: StartedRegistry
  let img: BuiltImage
  beforeAll(async () => {
    reg = await startRegistry({ mode: 'anonymous' })
    img = buildImage({
      seed: 'faults',
      platforms: ['linux/amd64', 'linux/arm64'],
      layerSizes: [300_000, 40_000]
    })
    await pushImage(reg, 'f/app', 'v1', img)
  })
  afterAll(async () => reg?.stop())

  test('rate-limit headers are parsed and reported', async () => {
    let remaining = 10
    const front = await startFront(
      reg,
      () => false,
      up => {
        up.headers['ratelimit-limit'] = '100;w=21600'
        up.headers['ratelimit-remaining'] = `${remaining--};w=21600`
        up.headers['docker-ratelimit-source'] = '203.0.113.7'
      }
    )
    const seen: [string, RateLimit][] = []
    const { client, done } = await testClient({}, { onRateLimit: (r, rl) => seen.push([r, rl]) })
    try {
      await client.manifestHead({ registry: front.host, repository: 'f/app', tag: 'v1' })
      await client.manifestGet({ registry: front.host, repository: 'f/app', tag: 'v1' })
      expect(client.rateLimit(front.host)).toEqual({
        limit: 100,
        remaining: seen.at(-1)![1].remaining,
        source: '203.0.113.7',
        windowS: 21600
      })
      expect(seen.length).toBeGreaterThanOrEqual(2)
      expect(seen.every(([r]) => r === front.host)).toBe(true)
      expect(client.rateLimit(reg.host)).toBeUndefined()
    } finally {
      await done()
      await front.stop()
    }
  })

  test('429 with Retry-After is waited for (up to the cap) and retried', async () => {
    let n = 0
    const front = await startFront(reg, (req, res) => {
      if (!req.url?.includes('/manifests/') || n++ > 0) return false
      res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' })
      res.end('{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}')
      return true
    })
    const { client, done } = await testClient()
    try {
      expect(
        (await client.manifestGet({ registry: front.host, repository: 'f/app', tag: 'v1' })).digest
      ).toBe(img.manifest.digest)
      expect(n).toBe(2)
    } finally {
      await done()
      await front.stop()
    }
    // A Retry-After beyond the cap is not waited for: the error says rate limited.
    const front2 = await startFront(reg, (req, res) => {
      if (!req.url?.includes('/manifests/')) return false
      res.writeHead(429, { 'retry-after': '3600' }).end()
      return true
    })
    const c2 = await testClient()
    try {
      await expect(
        c2.client.manifestGet({ registry: front2.host, repository: 'f/app', tag: 'v1' })
      ).rejects.toThrow(/^rate limited/)
    } finally {
      await c2.done()
      await front2.stop()
    }
  })

  test('every fault kind at a 30% rate: all manifests and blobs arrive verified', async () => {
    const proxy = await startFaultProxy(reg.url, { seed: 7, rate: 0.3, stallMs: 3000 })
    const { client, done } = await testClient(
      {},
      {
        timeouts: { headersMs: 1000, bodyIdleMs: 1000 },
        retry: { attempts: 8, baseDelayMs: 5, maxDelayMs: 50 }
      }
    )
    try {
      for (let round = 0; round < 3; round++) {
        const ref = { registry: proxy.host, repository: 'f/app', tag: 'v1' }
        expect((await client.manifestGet(ref)).digest).toBe(img.manifest.digest)
        for (const c of img.children) {
          expect((await client.manifestGet({ ...ref, digest: c.digest })).bytes.equals(c.bytes)).toBe(true)
        }
        for (const b of img.blobs) {
          const r = await drain(await client.blobGet(proxy.host, 'f/app', b))
          expect(r.ok && r.data.equals(b.data)).toBe(true)
        }
      }
      const counts = proxy.counts()
      const total = Object.values(counts).reduce((a, b) => a + b, 0)
      expect(total).toBeGreaterThan(5)
      console.log(`fault proxy: ${proxy.requests()} requests, faults ${JSON.stringify(counts)}`)
    } finally {
      await done()
      await proxy.stop()
    }
  })
})
