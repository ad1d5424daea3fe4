/**
 * Credentials go only where the user gave them: blob redirects to another origin (a signed-URL
 * CDN, as Docker Hub, ECR and Harbor on S3 do) never carry them, and a token realm on a host the
 * user did not configure gets no credentials (a warning asks the user to configure it); once the
 * user lists that host, the same flow sends them and works.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { CredentialStore, type Credential } from '../../src/auth/index.js'
import { parseConfig } from '../../src/config/index.js'
import { sync, type SyncReport } from '../../src/sync/index.js'
import { RegistryClient, type ClientOptions } from '../../src/registry/index.js'
import {
  buildImage,
  pushImage,
  startRedirectingBlobServer,
  startRegistry,
  type BuiltImage,
  type RedirectingBlobServer,
  type StartedRegistry
} from '../harness/index.js'
import { badGateway, listen, openUpstream, relayHeaders, upstreamFor } from '../harness/proxy.js'
import { makeTempDir } from '../harness/util.js'
import { checkTag } from './reliability-helpers.js'

const dir = makeTempDir('security-credentials')

async function runSync(
  yaml: string,
  creds: Record<string, Credential>,
  opts: Partial<ClientOptions> = {}
): Promise<SyncReport> {
  const credentials = await CredentialStore.load({ explicit: creds, dockerConfigDir: dir })
  const client = new RegistryClient({
    credentials,
    retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
    ...opts
  })
  try {
    const file = join(dir, 'mirror.yaml')
    writeFileSync(file, yaml)
    return await sync(parseConfig(yaml, file), { client })
  } finally {
    await client.close()
  }
}

describe('blob redirects to another origin', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let image: BuiltImage
  const fronts: RedirectingBlobServer[] = []

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([startRegistry({ mode: 'basic' }), startRegistry({ mode: 'anonymous' })])
    image = buildImage({
      seed: 'redirect-creds',
      platforms: ['linux/amd64', 'linux/arm64'],
      layerSizes: [30_000]
    })
    await pushImage(src, 'cdn/app', 'v1', image)
  }, 60_000)
  afterAll(async () => {
    await Promise.all(fronts.map(f => f.stop()))
    await Promise.all([src?.stop(), dst?.stop()])
  })

  test.each([
    ['a CDN that ignores Authorization', false],
    ['an S3-like origin that answers 400 to an extra Authorization', true]
  ])(
    '%s: the copy works and the other origin never sees the credentials',
    async (_name, rejectAuthorization) => {
      const front = await startRedirectingBlobServer(src, { rejectAuthorization })
      fronts.push(front)
      const target = `cdn${fronts.length}/app`
      const report = await runSync(
        `version: 1\nimages:\n  ${front.host}/cdn/app:v1: ${dst.host}/${target}\n`,
        {
          [front.host]: { username: src.username!, password: src.password! }
        }
      )
      expect(report.images.map(i => [i.status, i.error])).toEqual([['copied', undefined]])
      // Every blob (configs and layers of both platforms) came through the other origin...
      expect(front.redirects()).toBe(image.blobs.length)
      // ...which never received an Authorization header.
      expect(front.seenAuthorization()).toEqual([])
      expect(await checkTag(dst, target, 'v1')).toMatchObject({
        exists: true,
        problems: [],
        digest: image.manifest.digest
      })
    }
  )
})

/**
 * A front for a token registry whose challenge names a token realm on another host ([::1], another
 * loopback name than the registry's 127.0.0.1). That realm relays to the real token server and
 * records the Authorization headers it receives.
 */
async function startForeignRealm(reg: StartedRegistry) {
  const seen: string[] = []
  const realm = new URL(reg.tokenRealm!)
  const up = upstreamFor(realm.origin)
  const relayServer = createServer((req, res) => {
    seen.push(req.headers.authorization ?? '')
    openUpstream(req, up).then(
      upRes => {
        res.writeHead(upRes.statusCode ?? 502, relayHeaders(upRes, up, ''))
        upRes.pipe(res)
      },
      err => badGateway(res, err)
    )
  })
  await new Promise<void>(r => relayServer.listen(0, '::1', r))
  const realmHost = `[::1]:${(relayServer.address() as AddressInfo).port}`
  const regUp = upstreamFor(reg.url)
  const front = await listen((req: IncomingMessage, res, origin) => {
    openUpstream(req, regUp).then(
      upRes => {
        const headers = relayHeaders(upRes, regUp, origin)
        const challenge = headers['www-authenticate']
        if (typeof challenge === 'string')
          headers['www-authenticate'] = challenge.replace(realm.origin, `http://${realmHost}`)
        res.writeHead(upRes.statusCode ?? 502, headers)
        upRes.pipe(res)
      },
      err => badGateway(res, err)
    )
  })
  return {
    host: front.host,
    realmHost,
    seen: () => [...seen],
    stop: async () => {
      up.agent.destroy()
      regUp.agent.destroy()
      await front.stop()
      await new Promise<void>(r => {
        relayServer.close(() => r())
        relayServer.closeAllConnections()
      })
    }
  }
}

describe('a token realm on a host the user did not configure', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let realm: Awaited<ReturnType<typeof startForeignRealm>>
  const image = buildImage({ seed: 'foreign-realm', layerSizes: [20_000] })

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([startRegistry({ mode: 'anonymous' }), startRegistry({ mode: 'token' })])
    await pushImage(src, 'realm/app', 'v1', image)
    realm = await startForeignRealm(dst)
  }, 60_000)
  afterAll(async () => {
    await realm?.stop()
    await Promise.all([src?.stop(), dst?.stop()])
  })

  const yaml = (target: string) =>
    `version: 1\nimages:\n  ${src.host}/realm/app:v1: ${realm.host}/${target}\n`
  const creds = () => ({ [realm.host]: { username: dst.username!, password: dst.password! } })

  test('no credentials are sent there: a warning names the host, the push is denied, nothing is tagged', async () => {
    const warnings: string[] = []
    const report = await runSync(yaml('realm/unlisted'), creds(), { warn: w => warnings.push(w) })
    // The realm was asked (anonymously), never with the user's credentials.
    expect(realm.seen().length).toBeGreaterThan(0)
    expect(realm.seen().filter(a => a !== '')).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(realm.realmHost)
    expect(warnings[0]).not.toContain(dst.password!)
    expect(report.images).toHaveLength(1)
    expect(report.images[0]).toMatchObject({ status: 'failed' })
    expect(report.images[0]!.error).toMatch(/denied/)
    expect(report.images[0]!.error).not.toContain(dst.password!)
    expect(await checkTag(dst, 'realm/unlisted', 'v1')).toMatchObject({ exists: false, problems: [] })
  })

  test('once the user lists the realm host under registries, the credentials go there and the copy works', async () => {
    const before = realm.seen().length
    const warnings: string[] = []
    const report = await runSync(yaml('realm/listed'), creds(), {
      warn: w => warnings.push(w),
      registries: { [realm.realmHost]: {} }
    })
    expect(report.images.map(i => [i.status, i.error])).toEqual([['copied', undefined]])
    expect(warnings).toEqual([])
    expect(
      realm
        .seen()
        .slice(before)
        .some(a => a.startsWith('Basic '))
    ).toBe(true)
    expect(await checkTag(dst, 'realm/listed', 'v1')).toMatchObject({ exists: true, problems: [] })
  })
})
