import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { Agent, request } from 'undici'
import {
  buildArtifact,
  buildImage,
  FAULT_KINDS,
  pushImage,
  skopeo,
  startFaultProxy,
  startRedirectingBlobServer,
  startRegistry,
  startSlowProxy,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'

const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`
const basic = (u: string, p: string): string => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const ACCEPT = [OCI_INDEX, 'application/vnd.oci.image.manifest.v1+json'].join(', ')

async function status(url: string, init: { method?: string; authorization?: string } = {}): Promise<number> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    // Without OCI types in Accept, registry 2.8 answers 404 for OCI manifests.
    headers: { accept: ACCEPT, ...(init.authorization ? { authorization: init.authorization } : {}) }
  })
  await res.arrayBuffer()
  return res.status
}

async function token(reg: StartedRegistry, scope: string, user?: [string, string]): Promise<string> {
  const url = `${reg.tokenRealm}?service=${reg.tokenService}&scope=${encodeURIComponent(scope)}`
  const res = await fetch(url, { headers: user ? { authorization: basic(...user) } : {} })
  expect(res.status).toBe(200)
  return `Bearer ${((await res.json()) as { token: string }).token}`
}

const manifestJson = (img: BuiltImage): { config: { digest: string }; layers: { digest: string }[] } =>
  JSON.parse(img.manifest.bytes.toString('utf8'))

describe('anonymous registry and test images', () => {
  let reg: StartedRegistry
  const dir = mkdtempSync(join(tmpdir(), 'harness-test-'))
  beforeAll(async () => {
    reg = await startRegistry({ mode: 'anonymous' })
  })
  afterAll(async () => {
    await reg?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  test.each([
    ['oci single', { seed: 'h-oci' }, 'application/vnd.oci.image.manifest.v1+json'],
    [
      'docker single',
      { seed: 'h-docker', format: 'docker' as const },
      'application/vnd.docker.distribution.manifest.v2+json'
    ],
    [
      'oci index + attestations',
      { seed: 'h-idx', platforms: ['linux/amd64', 'linux/arm/v7'], attestations: true },
      OCI_INDEX
    ],
    [
      'docker list',
      { seed: 'h-list', format: 'docker' as const, platforms: ['linux/amd64', 'linux/arm64'] },
      'application/vnd.docker.distribution.manifest.list.v2+json'
    ]
  ])('%s: anonymous push, skopeo sees the built digest', async (_name, opts, mediaType) => {
    const img = buildImage(opts)
    expect(img.manifest.mediaType).toBe(mediaType)
    const digest = await pushImage(reg, 'harness/img', opts.seed, img)
    expect(digest).toBe(sha(img.manifest.bytes))
    const raw = await skopeo(['inspect', '--raw', `docker://${reg.host}/harness/img:${opts.seed}`], { reg })
    expect(raw.code).toBe(0)
    expect(sha(raw.stdout)).toBe(digest)
    for (const child of img.children) {
      const r = await skopeo(['inspect', '--raw', `docker://${reg.host}/harness/img@${child.digest}`], {
        reg
      })
      expect(sha(r.stdout)).toBe(child.digest)
    }
  })

  test('attestation entries are buildx-style unknown/unknown manifests', () => {
    const img = buildImage({ seed: 'att', platforms: ['linux/amd64', 'linux/arm64'], attestations: true })
    const index = JSON.parse(img.manifest.bytes.toString('utf8')) as {
      manifests: { platform: { os: string }; annotations: Record<string, string> }[]
    }
    const att = index.manifests.filter(m => m.platform.os === 'unknown')
    expect(att).toHaveLength(2)
    expect(att.map(a => a.annotations['vnd.docker.reference.digest'])).toEqual(
      img.children.slice(0, 2).map(c => c.digest)
    )
    expect(att[0].annotations['vnd.docker.reference.type']).toBe('attestation-manifest')
  })

  test('layers are gzip tars whose sha256 are the config diff_ids, and skopeo agrees', async () => {
    const img = buildImage({ seed: 'h-layers', format: 'docker', layerSizes: [100_000, 70_000] })
    const m = manifestJson(img)
    const blob = (d: string): Buffer => img.blobs.find(b => b.digest === d)!.data
    const config = JSON.parse(blob(m.config.digest).toString('utf8')) as { rootfs: { diff_ids: string[] } }
    const tars = m.layers.map(l => gunzipSync(blob(l.digest)))
    expect(tars.map(t => sha(t))).toEqual(config.rootfs.diff_ids)
    expect(tars.map(t => parseInt(t.subarray(124, 135).toString('ascii'), 8))).toEqual([100_000, 70_000])
    await pushImage(reg, 'harness/layers', 'v1', img)
    const archive = join(dir, 'image.tar')
    const r = await skopeo(['copy', `docker://${reg.host}/harness/layers:v1`, `docker-archive:${archive}`], {
      reg
    })
    expect(r.stderr).toBe('')
    // skopeo decompresses into the archive, naming each layer by the digest it computed.
    const names = readFileSync(archive).toString('latin1')
    for (const id of config.rootfs.diff_ids) expect(names).toContain(`${id.slice(7)}.tar`)
  })

  test('images repeat from their seeds; a shared base seed shares the first layer only', () => {
    const a = buildImage({ seed: 'same', sharedBaseSeed: 'base' })
    expect(buildImage({ seed: 'same', sharedBaseSeed: 'base' }).manifest.digest).toBe(a.manifest.digest)
    const b = buildImage({ seed: 'other', sharedBaseSeed: 'base' })
    const [la, lb] = [manifestJson(a).layers, manifestJson(b).layers]
    expect(lb[0].digest).toBe(la[0].digest)
    expect(lb[1].digest).not.toBe(la[1].digest)
  })

  test('digests do not depend on the Node or zlib version (same on Node 20 and 24)', () => {
    const img = buildImage({
      seed: 'det',
      platforms: ['linux/amd64', 'linux/arm64'],
      attestations: true,
      layerSizes: [70000, 1]
    })
    expect(img.manifest.digest).toBe(
      'sha256:6d23d69cd61925c506989b9671ba92eb200d79184cd9806f90efa272dd001525'
    )
  })

  test('an artifact is pushed by digest and listed in the sha256-<hex> fallback index', async () => {
    const subject = buildImage({ seed: 'h-subject' })
    await pushImage(reg, 'harness/art', 'v1', subject)
    const s = {
      digest: subject.manifest.digest,
      size: subject.manifest.bytes.length,
      mediaType: subject.manifest.mediaType
    }
    const art = buildArtifact({ seed: 'sbom', subject: s, artifactType: 'application/spdx+json' })
    expect(await pushImage(reg, 'harness/art', undefined, art)).toBe(art.manifest.digest)
    const r = await skopeo(
      ['inspect', '--raw', `docker://${reg.host}/harness/art:${s.digest.replace(':', '-')}`],
      { reg }
    )
    const index = JSON.parse(r.stdout) as { manifests: { digest: string; artifactType: string }[] }
    expect(index.manifests).toEqual([
      expect.objectContaining({ digest: art.manifest.digest, artifactType: 'application/spdx+json' })
    ])
    const body = JSON.parse(art.manifest.bytes.toString('utf8'))
    expect(body.config).toEqual({
      mediaType: 'application/vnd.oci.empty.v1+json',
      digest: sha('{}'),
      size: 2
    })
  })

  test('the access log counts exactly the manifest GETs made', async () => {
    await pushImage(reg, 'harness/log', 'v1', buildImage({ seed: 'h-log' }))
    await reg.clearAccessLog()
    const url = `${reg.url}/v2/harness/log/manifests/v1`
    for (let i = 0; i < 3; i++) expect(await status(url)).toBe(200)
    expect(await status(url, { method: 'HEAD' })).toBe(200)
    expect(await status(`${reg.url}/v2/harness/log/manifests/nope`)).toBe(404)
    const log = await reg.accessLog()
    expect(log.filter(e => e.method === 'GET' && e.path === '/v2/harness/log/manifests/v1')).toHaveLength(3)
    expect(log).toContainEqual({ method: 'HEAD', path: '/v2/harness/log/manifests/v1', status: 200 })
    expect(log).toContainEqual({ method: 'GET', path: '/v2/harness/log/manifests/nope', status: 404 })
    expect(log).toHaveLength(5)
  })
})

describe('basic-auth registry', () => {
  let reg: StartedRegistry
  beforeAll(async () => {
    reg = await startRegistry({ mode: 'basic' })
  })
  afterAll(async () => reg?.stop())

  test.each([
    ['no credentials', 401, undefined],
    ['a wrong password', 401, 'wrong'],
    ['the right password', 202, 'right']
  ])('starting an upload with %s answers %d', async (_n, code, pw) => {
    const authorization = pw ? basic(reg.username!, pw === 'right' ? reg.password! : pw) : undefined
    expect(await status(`${reg.url}/v2/harness/b/blobs/uploads/`, { method: 'POST', authorization })).toBe(
      code
    )
  })

  test('pushImage uses the credentials; skopeo reads only with them', async () => {
    const img = buildImage({ seed: 'h-basic' })
    await pushImage(reg, 'harness/b', 'v1', img)
    const ok = await skopeo(['inspect', '--raw', `docker://${reg.host}/harness/b:v1`], { reg })
    expect(sha(ok.stdout)).toBe(img.manifest.digest)
    const anon = await skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      '--no-creds',
      `docker://${reg.host}/harness/b:v1`
    ])
    expect(anon.code).not.toBe(0)
    expect(anon.stderr).toMatch(/unauthorized|authentication required/i)
  })

  test('basic auth also serves TLS when asked', async () => {
    const tls = await startRegistry({ mode: 'basic', tls: true })
    try {
      expect(tls.url).toMatch(/^https:/)
      await pushImage(tls, 'harness/b', 'v1', buildImage({ seed: 'h-basic-tls' }))
      const r = await skopeo(['list-tags', `docker://${tls.host}/harness/b`], { reg: tls })
      expect(JSON.parse(r.stdout).Tags).toEqual(['v1'])
    } finally {
      await tls.stop()
    }
  })
})

describe('token-auth registry', () => {
  let reg: StartedRegistry
  beforeAll(async () => {
    reg = await startRegistry({ mode: 'token' })
    await pushImage(reg, 'harness/t', 'v1', buildImage({ seed: 'h-token' }))
  })
  afterAll(async () => reg?.stop())

  test('the challenge names our realm and service', async () => {
    const res = await fetch(`${reg.url}/v2/`)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe(
      `Bearer realm="${reg.tokenRealm}",service="${reg.tokenService}"`
    )
  })

  test.each([
    ['anonymous', 200, 401],
    ['reader', 200, 401],
    ['full user', 200, 202]
  ])('a token for the %s: pull %d, push %d', async (who, pull, push) => {
    const user: [string, string] | undefined =
      who === 'reader'
        ? [reg.readerUsername!, reg.readerPassword!]
        : who === 'full user'
          ? [reg.username!, reg.password!]
          : undefined
    const authorization = await token(reg, 'repository:harness/t:pull,push', user)
    expect(await status(`${reg.url}/v2/harness/t/manifests/v1`, { authorization })).toBe(pull)
    expect(await status(`${reg.url}/v2/harness/t/blobs/uploads/`, { method: 'POST', authorization })).toBe(
      push
    )
  })

  test('wrong credentials get no token', async () => {
    const url = `${reg.tokenRealm}?service=${reg.tokenService}&scope=repository:harness/t:pull`
    expect(await status(url, { authorization: basic(reg.username!, 'nope') })).toBe(401)
  })

  test('the OAuth2 POST form: password grant, then refresh_token grant; requests are recorded', async () => {
    reg.clearTokenRequests()
    const post = (form: Record<string, string>): Promise<Response> =>
      fetch(reg.tokenRealm!, {
        method: 'POST',
        body: new URLSearchParams({
          service: reg.tokenService!,
          scope: 'repository:harness/t:pull,push',
          client_id: 'test',
          ...form
        })
      })
    const first = await post({
      grant_type: 'password',
      username: reg.username!,
      password: reg.password!,
      access_type: 'offline'
    })
    const body = (await first.json()) as {
      access_token: string
      refresh_token: string
      expires_in: number
      issued_at: string
    }
    expect(body.expires_in).toBeGreaterThan(60)
    const second = (await (
      await post({ grant_type: 'refresh_token', refresh_token: body.refresh_token })
    ).json()) as { access_token: string }
    const authorization = `Bearer ${second.access_token}`
    expect(await status(`${reg.url}/v2/harness/t/blobs/uploads/`, { method: 'POST', authorization })).toBe(
      202
    )
    expect((await post({ grant_type: 'password', username: reg.username!, password: 'bad' })).status).toBe(
      401
    )
    const log = reg.tokenRequests()
    expect(log.map(r => [r.grantType, r.account, r.status])).toEqual([
      ['password', reg.username, 200],
      ['refresh_token', reg.username, 200],
      ['password', undefined, 401]
    ])
    expect(JSON.stringify(log)).not.toContain(reg.password!)
  })

  test('skopeo copies with the full user and is refused a push as the reader', async () => {
    const src = `docker://${reg.host}/harness/t:v1`
    expect((await skopeo(['copy', src, `docker://${reg.host}/harness/t2:v1`], { reg })).code).toBe(0)
    const asReader = await skopeo([
      'copy',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      `--src-creds=${reg.readerUsername}:${reg.readerPassword}`,
      `--dest-creds=${reg.readerUsername}:${reg.readerPassword}`,
      src,
      `docker://${reg.host}/harness/t3:v1`
    ])
    expect(asReader.code).not.toBe(0)
    expect(asReader.stderr).toMatch(/denied|unauthorized|authentication required/i)
  })
})

describe('TLS registry', () => {
  let reg: StartedRegistry
  beforeAll(async () => {
    reg = await startRegistry({ mode: 'tls' })
  })
  afterAll(async () => reg?.stop())

  test('refused without the CA, served with it', async () => {
    expect(reg.url).toBe(`https://${reg.host}`)
    const err = await fetch(`${reg.url}/v2/`).then(
      () => undefined,
      (e: Error) => e
    )
    expect(String((err?.cause as { code?: string })?.code)).toMatch(/CERT|VERIFY/)
    const agent = new Agent({ connect: { ca: readFileSync(reg.caFile!) } })
    const res = await request(`${reg.url}/v2/`, { dispatcher: agent })
    expect(res.statusCode).toBe(200)
    await res.body.dump()
    await agent.close()
  })

  test('skopeo verifies TLS: fails without the cert dir, works with it', async () => {
    const img = buildImage({ seed: 'h-tls', platforms: ['linux/amd64', 'linux/arm64'] })
    await pushImage(reg, 'harness/tls', 'v1', img)
    const ref = `docker://${reg.host}/harness/tls:v1`
    const bare = await skopeo(['inspect', '--raw', '--tls-verify=true', ref])
    expect(bare.code).not.toBe(0)
    expect(bare.stderr).toMatch(/x509|certificate/i)
    const ok = await skopeo(['inspect', '--raw', ref], { reg })
    expect(sha(ok.stdout)).toBe(img.manifest.digest)
  })
})

describe('proxies', () => {
  let reg: StartedRegistry
  const img = buildImage({ seed: 'h-proxy', layerSizes: [200_000] })
  beforeAll(async () => {
    reg = await startRegistry({ mode: 'token' })
    await pushImage(reg, 'harness/p', 'v1', img)
  })
  afterAll(async () => reg?.stop())
  const layer = (): { digest: string; size: number } => manifestJson(img).layers[0] as never

  test('the redirecting blob server sends blob GETs to another origin that records Authorization', async () => {
    const red = await startRedirectingBlobServer(reg)
    try {
      const authorization = await token(reg, 'repository:harness/p:pull', [reg.username!, reg.password!])
      expect(await status(`${red.url}/v2/harness/p/blobs/${layer().digest}`)).toBe(401) // auth checked first
      const first = await fetch(`${red.url}/v2/harness/p/blobs/${layer().digest}`, {
        headers: { authorization },
        redirect: 'manual'
      })
      expect(first.status).toBe(307)
      const location = first.headers.get('location')!
      expect(new URL(location).origin).not.toBe(red.url)
      const careful = Buffer.from(await (await fetch(location)).arrayBuffer())
      expect(sha(careful)).toBe(layer().digest)
      expect(red.seenAuthorization()).toEqual([])
      await (await fetch(location, { headers: { authorization } })).arrayBuffer() // a naive client
      expect(red.seenAuthorization()).toEqual([authorization])
      const r = await skopeo(['inspect', '--raw', `docker://${red.host}/harness/p:v1`], {
        reg: { ...reg, host: red.host }
      })
      expect(sha(r.stdout)).toBe(img.manifest.digest)
    } finally {
      await red.stop()
    }
  })

  test('the slow proxy forwards pushes and pulls intact (upload Locations rewritten)', async () => {
    const slow = await startSlowProxy(reg.url, { delayMs: 20, bytesPerSecond: 2_000_000 })
    try {
      const via = { ...reg, host: slow.host }
      const r = await skopeo(
        ['copy', `docker://${slow.host}/harness/p:v1`, `docker://${slow.host}/harness/slow:v1`],
        { reg: via }
      )
      expect(r.stderr).toBe('')
      const check = await skopeo(['inspect', '--raw', `docker://${reg.host}/harness/slow:v1`], { reg })
      expect(sha(check.stdout)).toBe(img.manifest.digest)
    } finally {
      await slow.stop()
    }
  })

  /** One GET through the proxy on a fresh connection: status or the error the client saw. */
  function probe(
    url: string
  ): Promise<{ status?: number; body?: string; retryAfter?: string; error?: string }> {
    return new Promise(resolve => {
      const req = httpRequest(url, { agent: false }, res => {
        const chunks: Buffer[] = []
        res.on('data', (b: Buffer) => chunks.push(b))
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            body: Buffer.concat(chunks).toString(),
            retryAfter: res.headers['retry-after']
          })
        )
        res.on('error', e => resolve({ error: e.message }))
        res.on('aborted', () => resolve({ error: 'aborted' }))
      })
      req.on('error', e => resolve({ error: e.message }))
      req.end()
    })
  }

  async function faultRun(seed: number): Promise<{ kinds: string[]; counts: Record<string, number> }> {
    const proxy = await startFaultProxy(reg.url, { seed, rate: 0.6, stallMs: 200 })
    const kinds: string[] = []
    try {
      for (let i = 0; i < 30; i++) {
        const before = proxy.counts()
        const out = await probe(`${proxy.url}/v2/`)
        const after = proxy.counts()
        const kind = FAULT_KINDS.find(k => after[k] !== before[k]) ?? 'none'
        kinds.push(kind)
        if (kind === 'none' || kind === 'trickle')
          expect(out).toMatchObject({ status: 401, body: expect.stringContaining('UNAUTHORIZED') })
        else if (kind.startsWith('status-')) expect(out.status).toBe(Number(kind.slice(7, 10)))
        else expect(out.error).toBeDefined()
        if (kind === 'status-429-retry-after') expect(out.retryAfter).toBe('1')
      }
      expect(proxy.requests()).toBe(30)
      return { kinds, counts: proxy.counts() }
    } finally {
      await proxy.stop()
    }
  }

  test('the fault proxy injects the same faults for the same seed', async () => {
    const a = await faultRun(7)
    const b = await faultRun(7)
    expect(b).toEqual(a)
    expect(a.kinds.filter(k => k !== 'none').length).toBe(Object.values(a.counts).reduce((x, y) => x + y, 0))
    expect(new Set(a.kinds).size).toBeGreaterThan(4)
    expect((await faultRun(8)).kinds).not.toEqual(a.kinds)
  })

  test.each(['truncate', 'reset-during'] as const)('%s cuts a blob body short', async kind => {
    const proxy = await startFaultProxy(reg.url, { seed: 1, rate: 1, faults: [kind] })
    try {
      const authorization = await token(reg, 'repository:harness/p:pull')
      const res = await request(`${proxy.url}/v2/harness/p/blobs/${layer().digest}`, {
        headers: { authorization },
        reset: true
      })
      expect(res.statusCode).toBe(200)
      expect(Number(res.headers['content-length'])).toBe(layer().size)
      await expect(res.body.arrayBuffer()).rejects.toThrow()
      expect(proxy.counts()[kind]).toBe(1)
    } finally {
      await proxy.stop()
    }
  })
})
