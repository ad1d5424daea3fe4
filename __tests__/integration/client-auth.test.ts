/** Auth flows against real registries: Basic, token (GET, OAuth2 POST, refresh), TLS. Realm trust: security-realm.test.ts. */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import type { Descriptor } from '../../src/oci/index.js'
import { RegistryError } from '../../src/http/index.js'
import {
  buildImage,
  pushImage,
  seededBytes,
  startRegistry,
  badGateway,
  listen,
  openUpstream,
  relay,
  upstreamFor,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import { credsOf, drain, sha256, startFront, testClient } from './client-helpers.js'

jest.setTimeout(120_000)

const blobOf = (seed: string, n = 20_000): { data: Buffer; desc: Descriptor } => {
  const data = seededBytes(seed, n)
  return { data, desc: { mediaType: 'application/octet-stream', digest: sha256(data), size: n } }
}

describe('Basic auth registry', () => {
  let reg: StartedRegistry
  let img: BuiltImage
  beforeAll(async () => {
    reg = await startRegistry({ mode: 'basic' })
    img = buildImage({ seed: 'auth-basic' })
    await pushImage(reg, 'team/app', 'v1', img)
  })
  afterAll(async () => reg?.stop())

  test('with credentials: pull and push', async () => {
    const { client, done } = await testClient(credsOf(reg))
    try {
      const m = await client.manifestGet({ registry: reg.host, repository: 'team/app', tag: 'v1' })
      expect(m.digest).toBe(img.manifest.digest)
      const { data, desc } = blobOf('basic-push')
      await client.blobUpload(reg.host, 'team/other', desc, Readable.from([data]))
      expect(await client.blobHead(reg.host, 'team/other', desc.digest)).toBe(desc.size)
    } finally {
      await done()
    }
  })

  // A missing and a wrong credential read differently; the wrong one is named by its source.
  test.each([
    [
      'no credentials',
      {},
      /no credentials were found for HOST, so the request carried none/,
      /no credentials were found for HOST/
    ],
    [
      'a wrong password',
      { username: 'mirror-user', password: 'wrong' },
      /the registry refused the credentials from the credentials input \(status 401\)/,
      /does the namespace\/project exist and do the credentials from the credentials input have push rights on it\?/
    ]
  ])('%s: pull and push say which credentials the registry saw', async (_name, cred, pull, push) => {
    const creds = 'username' in cred ? { [reg.host]: cred as { username: string; password: string } } : {}
    const host = (re: RegExp) => new RegExp(re.source.replace('HOST', reg.host.replace(/\./g, '\\.')))
    const { client, done } = await testClient(creds)
    try {
      await expect(
        client.manifestHead({ registry: reg.host, repository: 'team/app', tag: 'v1' })
      ).rejects.toThrow(host(pull))
      const { data, desc } = blobOf('basic-denied')
      const err = await client.blobUpload(reg.host, 'team/app', desc, Readable.from([data])).catch(e => e)
      expect(err).toBeInstanceOf(RegistryError)
      expect((err as RegistryError).status).toBe(401)
      expect((err as Error).message).toMatch(host(push))
      expect((err as Error).message).not.toContain(reg.password!)
    } finally {
      await done()
    }
  })
})

describe('token auth registry', () => {
  let reg: StartedRegistry
  let img: BuiltImage
  beforeAll(async () => {
    reg = await startRegistry({ mode: 'token' })
    img = buildImage({ seed: 'auth-token', layerSizes: [5000, 6000, 7000] })
    await pushImage(reg, 'src/app', 'v1', img)
  })
  afterAll(async () => reg?.stop())

  test('pull: one token per scope, reused across requests', async () => {
    const { client, done } = await testClient(credsOf(reg))
    try {
      reg.clearTokenRequests()
      const ref = { registry: reg.host, repository: 'src/app', tag: 'v1' }
      await client.manifestHead(ref)
      await client.manifestGet(ref)
      for (const b of img.blobs)
        expect((await drain(await client.blobGet(reg.host, 'src/app', b))).ok).toBe(true)
      const reqs = reg.tokenRequests()
      expect(reqs).toHaveLength(1)
      expect(reqs[0]).toMatchObject({
        method: 'GET',
        account: 'mirror-user',
        scopes: ['repository:src/app:pull'],
        status: 200
      })
    } finally {
      await done()
    }
  })

  test('a copy: one pull,push token for the destination, source pull included for mounts', async () => {
    const { client, done } = await testClient(credsOf(reg))
    try {
      await client.manifestGet({ registry: reg.host, repository: 'src/app', tag: 'v1' })
      reg.clearTokenRequests()
      client.willPush(reg.host, 'dst/app')
      for (const b of img.blobs) {
        expect(await client.blobHead(reg.host, 'dst/app', b.digest)).toBeUndefined()
        expect(await client.blobMount(reg.host, 'dst/app', b.digest, 'src/app')).toBe(true)
      }
      const m = await client.manifestGet({
        registry: reg.host,
        repository: 'src/app',
        digest: img.manifest.digest
      })
      await client.manifestPut({ registry: reg.host, repository: 'dst/app', tag: 'v1' }, m)
      const scopes = reg.tokenRequests().map(r => r.scopes.sort().join(' '))
      expect(scopes).toEqual([
        'repository:dst/app:pull,push',
        'repository:dst/app:pull,push repository:src/app:pull'
      ])
    } finally {
      await done()
    }
  })

  test('a 401 with a stale token refreshes once', async () => {
    const { client, done } = await testClient(credsOf(reg))
    try {
      const ref = { registry: reg.host, repository: 'src/app', tag: 'v1' }
      await client.manifestHead(ref)
      // Replace the cached token with one the registry will refuse (the session's authenticator holds the cache).
      const tokens = (
        client.session as unknown as {
          auth: { tokens: { put(k: string, t: string, s: string[], e: number): void } }
        }
      ).auth.tokens
      tokens.put(reg.host, 'not-a-valid-token', ['repository:src/app:pull'], 300)
      reg.clearTokenRequests()
      await reg.clearAccessLog()
      expect((await client.manifestGet(ref)).digest).toBe(img.manifest.digest)
      expect(reg.tokenRequests()).toHaveLength(1)
      const gets = (await reg.accessLog()).filter(e => e.method === 'GET').map(e => e.status)
      expect(gets).toEqual([401, 200])
    } finally {
      await done()
    }
  })

  test('a pull-only user is told about push rights; anonymous may pull, not push', async () => {
    const { client, done } = await testClient({
      [reg.host]: { username: reg.readerUsername!, password: reg.readerPassword! }
    })
    try {
      expect(
        (await client.manifestGet({ registry: reg.host, repository: 'src/app', tag: 'v1' })).digest
      ).toBe(img.manifest.digest)
      const { data, desc } = blobOf('reader-push')
      await expect(client.blobUpload(reg.host, 'src/app', desc, Readable.from([data]))).rejects.toThrow(
        /push rights/
      )
    } finally {
      await done()
    }
    const anon = await testClient()
    try {
      reg.clearTokenRequests()
      // This token server lets anyone pull, nobody anonymous push.
      expect(
        (await anon.client.manifestGet({ registry: reg.host, repository: 'src/app', tag: 'v1' })).digest
      ).toBe(img.manifest.digest)
      const { data, desc } = blobOf('anon-push')
      await expect(anon.client.blobUpload(reg.host, 'src/app', desc, Readable.from([data]))).rejects.toThrow(
        /^denied/
      )
      expect(reg.tokenRequests().length).toBeGreaterThan(0)
      expect(reg.tokenRequests().every(r => r.account === undefined)).toBe(true)
    } finally {
      await anon.done()
    }
  })

  test('ping checks the credentials like docker login; manifestDelete asks for the delete scope', async () => {
    const bad = await testClient({ [reg.host]: { username: reg.username!, password: 'wrong' } })
    try {
      await expect(bad.client.ping(reg.host)).rejects.toThrow(
        /authentication failed for 127\.0\.0\.1:\d+: the token server .* refused the credentials/
      )
    } finally {
      await bad.done()
    }
    const { client, done } = await testClient(credsOf(reg))
    try {
      await client.ping(reg.host)
      for (const b of img.blobs) await client.blobMount(reg.host, 'del/app', b.digest, 'src/app')
      const m = await client.manifestGet({ registry: reg.host, repository: 'src/app', tag: 'v1' })
      await client.manifestPut({ registry: reg.host, repository: 'del/app', tag: 'gone' }, m)
      reg.clearTokenRequests()
      await client.manifestDelete({ registry: reg.host, repository: 'del/app', tag: 'gone' })
      expect(
        await client.manifestHead({ registry: reg.host, repository: 'del/app', tag: 'gone' })
      ).toBeUndefined()
      expect(reg.tokenRequests().map(r => r.scopes.join(' '))).toContain('repository:del/app:delete,pull')
    } finally {
      await done()
    }
  })

  test('identity token: the OAuth2 POST refresh_token grant', async () => {
    const form = new URLSearchParams({
      grant_type: 'password',
      username: reg.username!,
      password: reg.password!,
      service: reg.tokenService!,
      client_id: 't'
    })
    const res = await fetch(reg.tokenRealm!, { method: 'POST', body: form })
    const refresh = ((await res.json()) as { refresh_token: string }).refresh_token
    const { client, done } = await testClient({ [reg.host]: { username: '<token>', password: refresh } })
    try {
      reg.clearTokenRequests()
      expect(
        (await client.manifestGet({ registry: reg.host, repository: 'src/app', tag: 'v1' })).digest
      ).toBe(img.manifest.digest)
      expect(reg.tokenRequests()).toEqual([
        expect.objectContaining({
          method: 'POST',
          grantType: 'refresh_token',
          account: 'mirror-user',
          status: 200
        })
      ])
    } finally {
      await done()
    }
  })

  /** A front whose challenge names another realm, and (optionally) a realm that refuses GET like OAuth2-only servers. */
  async function withRealm(realmHost: (port: number) => string, getAllowed: boolean) {
    const tokenUp = upstreamFor(new URL(reg.tokenRealm!).origin)
    const realm = await listen(
      (req, res, origin) => {
        if (req.method === 'GET' && !getAllowed) {
          res.writeHead(405).end()
          return
        }
        openUpstream(req, tokenUp).then(
          up => relay(req, res, up, tokenUp, origin),
          err => badGateway(res, err)
        )
      },
      () => tokenUp.agent.destroy()
    )
    const port = Number(realm.host.split(':')[1])
    const front = await startFront(
      reg,
      () => false,
      (up: IncomingMessage) => {
        const h = up.headers['www-authenticate']
        if (typeof h === 'string')
          up.headers['www-authenticate'] = h.replace(
            /realm="[^"]*"/,
            `realm="http://${realmHost(port)}/token"`
          )
      }
    )
    return { front, stop: async () => Promise.all([front.stop(), realm.stop()]) }
  }

  test('a realm that answers 405 to GET gets the OAuth2 POST password grant', async () => {
    const { front, stop } = await withRealm(p => `127.0.0.1:${p}`, false)
    const { client, done } = await testClient({
      [front.host]: { username: reg.username!, password: reg.password! }
    })
    try {
      reg.clearTokenRequests()
      expect(
        (await client.manifestGet({ registry: front.host, repository: 'src/app', tag: 'v1' })).digest
      ).toBe(img.manifest.digest)
      expect(reg.tokenRequests().map(r => `${r.method} ${r.grantType} ${r.account}`)).toEqual([
        'POST password mirror-user'
      ])
    } finally {
      await done()
      await stop()
    }
  })
})
