/** The registry client against a real anonymous docker-registry: manifests, blobs, uploads, mounts, tags, referrers. */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { Readable } from 'node:stream'
import type { Descriptor } from '../../src/oci/index.js'
import { USER_AGENT, type RegistryClient } from '../../src/registry/index.js'
import { RegistryError } from '../../src/http/index.js'
import { seededBytes } from '../harness/index.js'
import {
  buildArtifact,
  buildImage,
  pushImage,
  skopeo,
  startRegistry,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import { drain, paginateTags, sha256, startFront, tamperBlob, testClient } from './client-helpers.js'

jest.setTimeout(120_000)

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

describe('registry client, anonymous registry', () => {
  let reg: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  let single: BuiltImage
  let multi: BuiltImage
  let docker: BuiltImage
  const ref = (repo: string, tagOrDigest: string) =>
    tagOrDigest.startsWith('sha256:')
      ? { registry: reg.host, repository: repo, digest: tagOrDigest }
      : { registry: reg.host, repository: repo, tag: tagOrDigest }

  beforeAll(async () => {
    reg = await startRegistry({ mode: 'anonymous' })
    ;({ client, done } = await testClient({}, { tagPageSize: 10 }))
    single = buildImage({ seed: 'client-single' })
    multi = buildImage({ seed: 'client-multi', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] })
    docker = buildImage({
      seed: 'client-docker',
      format: 'docker',
      platforms: ['linux/amd64', 'linux/arm64']
    })
    await pushImage(reg, 'lib/single', 'v1', single)
    await pushImage(reg, 'lib/multi', 'v1', multi)
    await pushImage(reg, 'lib/docker', 'v1', docker)
  })
  afterAll(async () => {
    await done?.()
    await reg?.stop()
  })

  test('ping over plain HTTP on loopback (HTTPS tried first, then HTTP)', async () => {
    await client.ping(reg.host)
    expect(await client.session.baseUrl(reg.host)).toBe(`http://${reg.host}`)
  })

  test.each([
    ['OCI manifest', 'lib/single', () => single],
    ['OCI index', 'lib/multi', () => multi],
    ['Docker manifest list', 'lib/docker', () => docker]
  ])('%s: HEAD and GET by tag and digest, bytes exact', async (_name, repo, img) => {
    const want = img().manifest
    const head = await client.manifestHead(ref(repo, 'v1'))
    expect(head).toEqual({ mediaType: want.mediaType, digest: want.digest, size: want.bytes.length })
    for (const r of [ref(repo, 'v1'), ref(repo, want.digest)]) {
      const m = await client.manifestGet(r)
      expect(m.digest).toBe(want.digest)
      expect(m.mediaType).toBe(want.mediaType)
      expect(m.bytes.equals(want.bytes)).toBe(true)
    }
    for (const child of img().children) {
      const m = await client.manifestGet(ref(repo, child.digest))
      expect(m.bytes.equals(child.bytes)).toBe(true)
    }
  })

  test('missing manifest: HEAD undefined, GET "not found: <ref>"', async () => {
    expect(await client.manifestHead(ref('lib/single', 'nope'))).toBeUndefined()
    await expect(client.manifestGet(ref('lib/single', 'nope'))).rejects.toThrow(
      `not found: ${reg.host}/lib/single:nope`
    )
    await expect(client.manifestGet(ref('lib/absent', 'v1'))).rejects.toMatchObject({ status: 404 })
  })

  test('blobHead and a verified blobGet stream', async () => {
    for (const b of single.blobs) {
      expect(await client.blobHead(reg.host, 'lib/single', b.digest)).toBe(b.size)
      const r = await drain(await client.blobGet(reg.host, 'lib/single', b))
      expect(r.ok && r.data.equals(b.data)).toBe(true)
    }
    expect(await client.blobHead(reg.host, 'lib/single', sha256('absent'))).toBeUndefined()
  })

  test('a blob whose descriptor size is wrong errors, never ends cleanly', async () => {
    const b = single.blobs[1]!
    const r = await drain(await client.blobGet(reg.host, 'lib/single', { ...b, size: b.size - 1 }))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/more bytes than/)
  })

  test('a tampered blob in storage is refused with an error naming the digest', async () => {
    const img = buildImage({ seed: 'client-tamper', layerSizes: [200_000] })
    await pushImage(reg, 'lib/tamper', 'v1', img)
    const layer = img.blobs.find(b => b.size > 100_000)!
    tamperBlob(reg, layer.digest)
    const r = await drain(await client.blobGet(reg.host, 'lib/tamper', layer))
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.ended).toBe(false)
      expect(r.error).toBeInstanceOf(RegistryError)
      expect(r.error.message).toContain(layer.digest)
      expect(r.error.message).toMatch(/does not match its digest/)
    }
  })

  test('upload with one streaming PUT, then the blob is there', async () => {
    await reg.clearAccessLog()
    const data = seededBytes('upload-put', 300_000)
    const desc: Descriptor = {
      mediaType: 'application/octet-stream',
      digest: sha256(data),
      size: data.length
    }
    await client.blobUpload(
      reg.host,
      'up/put',
      desc,
      Readable.from([data.subarray(0, 1000), data.subarray(1000)])
    )
    expect(await client.blobHead(reg.host, 'up/put', desc.digest)).toBe(data.length)
    const log = (await reg.accessLog()).filter(e => e.path.includes('/blobs/uploads/'))
    expect(log.map(e => `${e.method} ${e.status}`)).toEqual(['POST 202', 'PUT 201'])
  })

  test('upload in chunks (maxChunkSize) with PATCH, verified by the registry', async () => {
    const { client: chunky, done: d2 } = await testClient(
      {},
      { registries: { [reg.host]: { maxChunkSize: 64 * 1024 } } }
    )
    try {
      await reg.clearAccessLog()
      const data = seededBytes('upload-patch', 200_000)
      const desc: Descriptor = {
        mediaType: 'application/octet-stream',
        digest: sha256(data),
        size: data.length
      }
      await chunky.blobUpload(reg.host, 'up/patch', desc, Readable.from([data]))
      const log = (await reg.accessLog()).filter(e => e.path.includes('/blobs/uploads/'))
      expect(log.map(e => `${e.method} ${e.status}`)).toEqual([
        'POST 202',
        'PATCH 202',
        'PATCH 202',
        'PATCH 202',
        'PATCH 202',
        'PUT 201'
      ])
      const r = await drain(await chunky.blobGet(reg.host, 'up/patch', desc))
      expect(r.ok && r.data.equals(data)).toBe(true)
    } finally {
      await d2()
    }
  })

  test('chunked upload honours OCI-Chunk-Min-Length over a smaller maxChunkSize', async () => {
    const front = await startFront(
      reg,
      () => false,
      up => {
        if (up.statusCode === 202 && up.headers.location?.includes('/blobs/uploads/')) {
          up.headers['oci-chunk-min-length'] = '100000'
        }
      }
    )
    const { client: chunky, done: d2 } = await testClient(
      {},
      { registries: { [front.host]: { maxChunkSize: 64 * 1024 } } }
    )
    try {
      await reg.clearAccessLog()
      const data = seededBytes('upload-min-chunk', 200_000)
      const desc: Descriptor = {
        mediaType: 'application/octet-stream',
        digest: sha256(data),
        size: data.length
      }
      await chunky.blobUpload(front.host, 'up/minchunk', desc, Readable.from([data]))
      const log = (await reg.accessLog()).filter(e => e.path.includes('/blobs/uploads/'))
      expect(log.map(e => `${e.method} ${e.status}`)).toEqual([
        'POST 202',
        'PATCH 202',
        'PATCH 202',
        'PUT 201'
      ])
      expect(await client.blobHead(reg.host, 'up/minchunk', desc.digest)).toBe(data.length)
    } finally {
      await d2()
      await front.stop()
    }
  })

  test('a source that does not match its descriptor is not committed', async () => {
    const { client: chunky, done: d2 } = await testClient(
      {},
      { registries: { [reg.host]: { maxChunkSize: 64 * 1024 } } }
    )
    try {
      const data = seededBytes('upload-bad', 100_000)
      const desc: Descriptor = {
        mediaType: 'application/octet-stream',
        digest: sha256('other'),
        size: data.length
      }
      await expect(client.blobUpload(reg.host, 'up/bad', desc, Readable.from([data]))).rejects.toThrow(
        RegistryError
      )
      await expect(chunky.blobUpload(reg.host, 'up/bad', desc, Readable.from([data]))).rejects.toThrow(
        /do not match/
      )
      expect(await client.blobHead(reg.host, 'up/bad', desc.digest)).toBeUndefined()
    } finally {
      await d2()
    }
  })

  test('upload with a body factory restarts with a fresh session after a broken source', async () => {
    await reg.clearAccessLog()
    const data = seededBytes('upload-factory', 150_000)
    const desc: Descriptor = {
      mediaType: 'application/octet-stream',
      digest: sha256(data),
      size: data.length
    }
    let calls = 0
    await client.blobUpload(reg.host, 'up/factory', desc, async () => {
      calls++
      if (calls === 1) {
        // First stream dies mid-way with a connection-reset-like error.
        const s = new Readable({ read() {} })
        s.push(data.subarray(0, 50_000))
        setTimeout(() => s.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), 20)
        return s
      }
      return Readable.from([data])
    })
    expect(calls).toBe(2)
    expect(await client.blobHead(reg.host, 'up/factory', desc.digest)).toBe(data.length)
    const posts = (await reg.accessLog()).filter(
      e => e.method === 'POST' && e.path.includes('/blobs/uploads/')
    )
    expect(posts).toHaveLength(2)
  })

  test('mount: 201 → true; 202 → false and the session is cancelled', async () => {
    const layer = single.blobs[1]!
    await reg.clearAccessLog()
    expect(await client.blobMount(reg.host, 'mount/dst', layer.digest, 'lib/single')).toBe(true)
    expect(await client.blobHead(reg.host, 'mount/dst', layer.digest)).toBe(layer.size)
    expect(await client.blobMount(reg.host, 'mount/dst2', sha256('not anywhere'), 'lib/single')).toBe(false)
    const log = (await reg.accessLog()).filter(e => e.path.includes('/blobs/uploads/'))
    expect(log.map(e => `${e.method} ${e.status}`)).toEqual(['POST 201', 'POST 202', 'DELETE 204'])
  })

  test('manifestPut by tag and digest, exact bytes; manifestDelete', async () => {
    for (const b of single.blobs) {
      expect(await client.blobMount(reg.host, 'put/img', b.digest, 'lib/single')).toBe(true)
    }
    const m = {
      bytes: single.manifest.bytes,
      mediaType: single.manifest.mediaType,
      digest: single.manifest.digest
    }
    expect(await client.manifestPut(ref('put/img', m.digest), m)).toBe(m.digest)
    expect(await client.manifestPut(ref('put/img', 'copied'), m)).toBe(m.digest)
    const back = await client.manifestGet(ref('put/img', 'copied'))
    expect(back.bytes.equals(single.manifest.bytes)).toBe(true)
    await expect(client.manifestPut(ref('put/img', 'x'), { ...m, digest: sha256('x') })).rejects.toThrow(
      /digest/
    )
    await client.manifestDelete(ref('put/img', m.digest))
    expect(await client.manifestHead(ref('put/img', 'copied'))).toBeUndefined()
  })

  test('tag list follows Link pagination (registry 2.8 does not paginate: a front pages its list, n=10, 25 tags → 3 pages)', async () => {
    const m = {
      bytes: single.manifest.bytes,
      mediaType: single.manifest.mediaType,
      digest: single.manifest.digest
    }
    for (const b of single.blobs) await client.blobMount(reg.host, 'many/tags', b.digest, 'lib/single')
    const want: string[] = []
    for (let i = 0; i < 25; i++) {
      const t = `t${String(i).padStart(2, '0')}`
      want.push(t)
      await client.manifestPut(ref('many/tags', t), m)
    }
    let pages = 0
    const paged = paginateTags(10)
    const front = await startFront(reg, (req, res, up) => {
      if (req.url?.includes('/tags/list')) pages++
      return paged(req, res, up)
    })
    try {
      expect(await client.tagList(front.host, 'many/tags')).toEqual(want)
      expect(pages).toBe(3)
      await expect(client.tagList(front.host, 'no/such')).rejects.toThrow(/not found/)
    } finally {
      await front.stop()
    }
    expect((await client.tagList(reg.host, 'many/tags')).sort()).toEqual(want)
  })

  test('referrers: no API on registry 2.8, the sha256-<hex> tag fallback is read', async () => {
    const art = buildArtifact({
      seed: 'client-sbom',
      subject: { digest: single.manifest.digest, size: single.manifest.bytes.length, mediaType: OCI_MANIFEST }
    })
    await pushImage(reg, 'lib/single', undefined, art)
    const refs = await client.referrers(reg.host, 'lib/single', single.manifest.digest)
    expect(refs.map(r => r.digest)).toEqual([art.manifest.digest])
    expect(await client.referrers(reg.host, 'lib/multi', multi.manifest.digest)).toEqual([])
  })

  test('skopeo sees what the client pushed', async () => {
    const r = await skopeo(['inspect', '--raw', `docker://${reg.host}/put/img:copied`], { reg })
    expect(r.code).not.toBe(0) // deleted above
    const r2 = await skopeo(['inspect', '--raw', `docker://${reg.host}/many/tags:t07`], { reg })
    expect(r2.code).toBe(0)
    expect(sha256(Buffer.from(r2.stdout))).toBe(single.manifest.digest)
  })

  test('onRequest sees redacted URLs; User-Agent names the project', async () => {
    const seen: string[] = []
    const agents = new Set<string>()
    const front = await startFront(reg, req => {
      agents.add(String(req.headers['user-agent']))
      return false
    })
    const { client: c2, done: d2 } = await testClient(
      {},
      { onRequest: e => seen.push(`${e.method} ${e.status} ${e.url}`) }
    )
    try {
      await c2.manifestHead({ registry: front.host, repository: 'lib/multi', tag: 'v1' })
      expect(seen).toContain(`HEAD 200 http://${front.host}/v2/lib/multi/manifests/v1`)
      expect([...agents]).toEqual([USER_AGENT])
      expect(USER_AGENT).toMatch(/^mirror-action\/\d+\.\d+\.\d+/)
    } finally {
      await d2()
      await front.stop()
    }
    expect(OCI_INDEX).toBe(multi.manifest.mediaType)
  })
})
