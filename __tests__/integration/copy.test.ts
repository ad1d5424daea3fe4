// The copy engine between real registries (token → Basic auth), checked with skopeo and the
// registries' own access logs.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CopyEngine, CopyError } from '../../src/copy/engine.js'
import { parsePlatform } from '../../src/copy/platforms.js'
import type { RegistryClient } from '../../src/registry/client.js'
import {
  buildArtifact,
  buildImage,
  pushImage,
  skopeo,
  startRegistry,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import {
  blobDataPath,
  blobPuts,
  clientFor,
  destination,
  manifestPuts,
  mounts,
  source
} from './copy-helpers.js'

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

let src: StartedRegistry // token auth
let dst: StartedRegistry // Basic auth
let client: RegistryClient
let closeClient: () => Promise<void>
const work = mkdtempSync(join(tmpdir(), 'copy-it-'))

beforeAll(async () => {
  ;[src, dst] = await Promise.all([startRegistry({ mode: 'token' }), startRegistry({ mode: 'basic' })])
  ;({ client, done: closeClient } = await clientFor([src, dst]))
})

afterAll(async () => {
  await closeClient?.()
  await Promise.all([src?.stop(), dst?.stop()])
  rmSync(work, { recursive: true, force: true })
})

async function rawManifest(reg: StartedRegistry, ref: string): Promise<Buffer> {
  const r = await skopeo(['inspect', '--raw', `docker://${reg.host}/${ref}`], { reg })
  if (r.code !== 0) throw new Error(`skopeo inspect --raw ${ref}: ${r.stderr}`)
  return Buffer.from(r.stdout, 'utf8')
}

const allDigests = (img: BuiltImage): string[] => [...img.blobs.map(b => b.digest)]

describe('a 3-platform OCI index with attestations, token registry → Basic-auth registry', () => {
  const image = buildImage({
    seed: 'copy-3p',
    platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
    attestations: true
  })

  test('same digest, blobs before manifests, children before the index, the tag last; skopeo reads every blob', async () => {
    await pushImage(src, 'team/app', 'v1', image)
    await dst.clearAccessLog()
    const engine = new CopyEngine()
    const result = await engine.copy(
      source(client, src, 'team/app:v1'),
      destination(client, dst, 'mirror/app:v1'),
      'v1'
    )

    expect(result).toMatchObject({
      sourceDigest: image.manifest.digest,
      digest: image.manifest.digest,
      mediaType: OCI_INDEX,
      digestChanged: false,
      blobsCopied: image.blobs.length,
      blobsSkipped: 0,
      blobsMounted: 0,
      bytes: image.blobs.reduce((n, b) => n + b.size, 0)
    })
    expect((await rawManifest(dst, 'mirror/app:v1')).equals(image.manifest.bytes)).toBe(true)

    const log = await dst.accessLog()
    expect(blobPuts(log).sort()).toEqual(allDigests(image).sort())
    const puts = manifestPuts(log)
    // Every child by digest, then the index (by digest, before referrers), then the tag — last.
    expect(puts.slice(0, image.children.length).sort()).toEqual(image.children.map(c => c.digest).sort())
    expect(puts[puts.length - 1]).toBe('v1')
    expect(puts.slice(image.children.length, -1)).toEqual([image.manifest.digest])
    const lastBlobPut = log
      .map((e, i) => (e.method === 'PUT' && e.path.includes('/blobs/') ? i : -1))
      .reduce((a, b) => Math.max(a, b))
    const firstManifestPut = log.findIndex(e => e.method === 'PUT' && e.path.includes('/manifests/'))
    expect(lastBlobPut).toBeLessThan(firstManifestPut)

    // The independent check: skopeo pulls every platform (verifying each blob's digest) into a layout.
    const out = join(work, 'skopeo-3p')
    const r = await skopeo(['copy', '--all', `docker://${dst.host}/mirror/app:v1`, `oci:${out}:v1`], {
      reg: dst
    })
    expect(r.stderr).not.toMatch(/error|fatal/i)
    expect(r.code).toBe(0)
    for (const child of image.children) {
      expect((await rawManifest(dst, `mirror/app@${child.digest}`)).equals(child.bytes)).toBe(true)
    }
  })

  test('a second copy of an image already tagged there reads the index only and writes nothing', async () => {
    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const result = await new CopyEngine().copy(
      source(client, src, 'team/app:v1'),
      destination(client, dst, 'mirror/app:v1'),
      'v1',
      { referrers: false }
    )
    expect(result).toMatchObject({ upToDate: true, blobsCopied: 0, bytes: 0, digest: image.manifest.digest })
    const dstLog = await dst.accessLog()
    expect(dstLog.filter(e => e.path.includes('/blobs/'))).toEqual([])
    expect(dstLog.filter(e => e.method !== 'GET' && e.method !== 'HEAD')).toEqual([])
    // One manifest GET at the source (a Docker Hub pull): the index, none of its children.
    const gets = (await src.accessLog()).filter(e => e.method === 'GET' && e.path.includes('/manifests/'))
    expect(gets.map(e => e.path)).toEqual(['/v2/team/app/manifests/v1'])
  })

  test('a tag that points elsewhere is moved; children the destination holds are neither read nor written', async () => {
    const other = buildImage({ seed: 'copy-3p-other' })
    await pushImage(dst, 'mirror/app', 'old', other)
    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const result = await new CopyEngine().copy(
      source(client, src, 'team/app:v1'),
      destination(client, dst, 'mirror/app:old'),
      'old'
    )
    expect(result).toMatchObject({ upToDate: false, blobsCopied: 0, digest: image.manifest.digest })
    const log = await dst.accessLog()
    expect(log.filter(e => e.path.includes('/blobs/'))).toEqual([])
    expect(manifestPuts(log)).toEqual([image.manifest.digest, 'old'])
    expect((await rawManifest(dst, 'mirror/app:old')).equals(image.manifest.bytes)).toBe(true)
    const childGets = (await src.accessLog()).filter(
      e => e.method === 'GET' && image.children.some(c => e.path.endsWith(`/manifests/${c.digest}`))
    )
    expect(childGets).toEqual([])
  })

  test('a platform subset writes a new index with just those platforms and their attestations', async () => {
    const engine = new CopyEngine()
    const result = await engine.copy(
      source(client, src, 'team/app:v1'),
      destination(client, dst, 'subset/app:v1'),
      'v1',
      {
        platforms: [parsePlatform('linux/amd64'), parsePlatform('linux/arm64')]
      }
    )
    expect(result.digestChanged).toBe(true)
    expect(result.sourceDigest).toBe(image.manifest.digest)
    const written = await rawManifest(dst, 'subset/app:v1')
    const index = JSON.parse(written.toString()) as {
      manifests: { digest: string; platform: { os: string; architecture: string } }[]
    }
    const platforms = index.manifests.map(m => `${m.platform.os}/${m.platform.architecture}`)
    expect(platforms).toEqual(['linux/amd64', 'linux/arm64', 'unknown/unknown', 'unknown/unknown'])
    expect(result.digest).toBe(`sha256:${createHash('sha256').update(written).digest('hex')}`)
    // Kept children keep their digests; the dropped platform was never copied.
    const arm7 = image.children.find(c => c.platform?.variant === 'v7')!
    const absent = await skopeo(['inspect', '--raw', `docker://${dst.host}/subset/app@${arm7.digest}`], {
      reg: dst
    })
    expect(absent.code).not.toBe(0)
  })

  test('single-manifest with one platform writes that plain manifest, digest as in the source', async () => {
    const arm64 = image.children.find(c => c.platform?.architecture === 'arm64')!
    const result = await new CopyEngine().copy(
      source(client, src, 'team/app:v1'),
      destination(client, dst, 'single/app:arm64'),
      'arm64',
      {
        platforms: [parsePlatform('linux/arm64')],
        singleManifest: true
      }
    )
    expect(result).toMatchObject({ digest: arm64.digest, digestChanged: true, mediaType: arm64.mediaType })
    expect((await rawManifest(dst, 'single/app:arm64')).equals(arm64.bytes)).toBe(true)
  })

  test('no matching platform: refused with the platforms on offer, nothing tagged', async () => {
    const err = await new CopyEngine()
      .copy(source(client, src, 'team/app:v1'), destination(client, dst, 'none/app:v1'), 'v1', {
        platforms: [parsePlatform('linux/s390x')]
      })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CopyError)
    expect((err as CopyError).side).toBe('source')
    expect((err as Error).message).toContain('the image has: linux/amd64, linux/arm64, linux/arm/v7')
    expect(
      (await skopeo(['inspect', '--raw', `docker://${dst.host}/none/app:v1`], { reg: dst })).code
    ).not.toBe(0)
  })

  test('dropping attestations rewrites the index without them', async () => {
    const result = await new CopyEngine().copy(
      source(client, src, 'team/app:v1'),
      destination(client, dst, 'noatt/app:v1'),
      'v1',
      {
        keepAttestations: false
      }
    )
    expect(result.digestChanged).toBe(true)
    const index = JSON.parse((await rawManifest(dst, 'noatt/app:v1')).toString()) as {
      manifests: { platform: { os: string } }[]
    }
    expect(index.manifests.map(m => m.platform.os)).toEqual(['linux', 'linux', 'linux'])
  })
})

describe('blob reuse', () => {
  const base = { sharedBaseSeed: 'base-1', layerSizes: [20000, 3000] }
  const one = buildImage({ seed: 'reuse-one', ...base })
  const two = buildImage({ seed: 'reuse-two', ...base })
  const layers = (img: BuiltImage): string[] =>
    (JSON.parse(img.manifest.bytes.toString()) as { layers: { digest: string }[] }).layers.map(l => l.digest)

  beforeAll(async () => {
    await pushImage(src, 'reuse/app', 'one', one)
    await pushImage(src, 'reuse/app', 'two', two)
  })

  test('the images really share exactly their base layer', () => {
    expect(layers(one)[0]).toBe(layers(two)[0])
    expect(new Set([...allDigests(one), ...allDigests(two)]).size).toBe(
      allDigests(one).length + allDigests(two).length - 1
    )
  })

  test('a second tag sharing a base layer uploads only its new blobs (HEAD finds the base)', async () => {
    await new CopyEngine().copy(
      source(client, src, 'reuse/app:one'),
      destination(client, dst, 'reuse/app:one'),
      'one'
    )
    await dst.clearAccessLog()
    // A fresh engine (a later run) knows nothing: the registry HEAD must find the base.
    const result = await new CopyEngine().copy(
      source(client, src, 'reuse/app:two'),
      destination(client, dst, 'reuse/app:two'),
      'two'
    )
    const newBlobs = allDigests(two).filter(d => !allDigests(one).includes(d))
    expect(blobPuts(await dst.accessLog()).sort()).toEqual(newBlobs.sort())
    expect(result).toMatchObject({ blobsCopied: newBlobs.length, blobsSkipped: 1 })
  })

  test('concurrent copies sharing a blob move it once', async () => {
    await dst.clearAccessLog()
    const engine = new CopyEngine()
    const skipped: string[] = []
    const results = await Promise.all(
      ['one', 'two'].map(t =>
        engine.copy(source(client, src, `reuse/app:${t}`), destination(client, dst, `shared/app:${t}`), t, {
          onSkipped: e => skipped.push(`${e.reason} ${e.blob.digest}`)
        })
      )
    )
    const puts = blobPuts(await dst.accessLog())
    expect(puts.filter(d => d === layers(one)[0])).toHaveLength(1)
    expect(puts.sort()).toEqual([...new Set([...allDigests(one), ...allDigests(two)])].sort())
    expect(skipped).toEqual([`already-copied ${layers(one)[0]}`])
    expect(results.map(r => r.blobsCopied).reduce((a, b) => a + b)).toBe(puts.length)
  })
})

describe('Docker media types', () => {
  test('a Docker manifest list keeps its digest', async () => {
    const image = buildImage({
      seed: 'copy-docker',
      format: 'docker',
      platforms: ['linux/amd64', 'linux/arm64']
    })
    await pushImage(src, 'docker/app', 'v1', image)
    const result = await new CopyEngine().copy(
      source(client, src, 'docker/app:v1'),
      destination(client, dst, 'docker/app:v1'),
      'v1'
    )
    expect(result).toMatchObject({
      digest: image.manifest.digest,
      digestChanged: false,
      mediaType: image.manifest.mediaType
    })
    expect((await rawManifest(dst, 'docker/app:v1')).equals(image.manifest.bytes)).toBe(true)
  })

  test('convertToDocker writes a Docker manifest list of Docker manifests, same blobs, new digest', async () => {
    const image = buildImage({ seed: 'copy-convert', platforms: ['linux/amd64', 'linux/arm64'] })
    await pushImage(src, 'convert/app', 'v1', image)
    const result = await new CopyEngine().copy(
      source(client, src, 'convert/app:v1'),
      destination(client, dst, 'convert/app:v1'),
      'v1',
      {
        convertToDocker: true
      }
    )
    expect(result.digestChanged).toBe(true)
    expect(result.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json')
    const out = join(work, 'skopeo-convert')
    const r = await skopeo(['copy', '--all', `docker://${dst.host}/convert/app:v1`, `oci:${out}:v1`], {
      reg: dst
    })
    expect(r.code).toBe(0)
    const list = JSON.parse((await rawManifest(dst, 'convert/app:v1')).toString()) as {
      manifests: { mediaType: string; digest: string }[]
    }
    for (const m of list.manifests) {
      expect(m.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
      const child = JSON.parse((await rawManifest(dst, `convert/app@${m.digest}`)).toString()) as {
        config: { mediaType: string }
      }
      expect(child.config.mediaType).toBe('application/vnd.docker.container.image.v1+json')
    }
  })
})

describe('cross-repository mounts', () => {
  test('a copy into another repository of the same registry mounts every blob and uploads none', async () => {
    const image = buildImage({ seed: 'mount-same', platforms: ['linux/amd64', 'linux/arm64'] })
    await pushImage(dst, 'mount/origin', 'v1', image)
    await dst.clearAccessLog()
    const mounted: string[] = []
    const result = await new CopyEngine().copy(
      source(client, dst, 'mount/origin:v1'),
      destination(client, dst, 'mount/copy:v1'),
      'v1',
      {
        onMounted: e => mounted.push(`${e.from.repository} ${e.blob.digest}`)
      }
    )
    const log = await dst.accessLog()
    expect(blobPuts(log)).toEqual([])
    expect(mounts(log).sort()).toEqual(allDigests(image).sort())
    expect(mounted.sort()).toEqual(
      allDigests(image)
        .map(d => `mount/origin ${d}`)
        .sort()
    )
    expect(result).toMatchObject({
      blobsMounted: image.blobs.length,
      blobsCopied: 0,
      bytes: 0,
      digest: image.manifest.digest
    })
  })

  test('a blob this run put in one repository is mounted into the next, not uploaded again', async () => {
    const image = buildImage({ seed: 'mount-run' })
    await pushImage(src, 'runmount/app', 'v1', image)
    const engine = new CopyEngine()
    await engine.copy(source(client, src, 'runmount/app:v1'), destination(client, dst, 'runmount/a:v1'), 'v1')
    await dst.clearAccessLog()
    const result = await engine.copy(
      source(client, src, 'runmount/app:v1'),
      destination(client, dst, 'runmount/b:v1'),
      'v1'
    )
    const log = await dst.accessLog()
    expect(blobPuts(log)).toEqual([])
    expect(mounts(log).sort()).toEqual(allDigests(image).sort())
    expect(
      log.filter(e => e.path.includes('from=runmount%2Fa') || e.path.includes('from=runmount/a'))
    ).toHaveLength(image.blobs.length)
    expect(result.blobsMounted).toBe(image.blobs.length)
  })
})

describe('referrers', () => {
  const image = buildImage({ seed: 'ref-img', platforms: ['linux/amd64', 'linux/arm64'] })
  const sig = buildArtifact({
    seed: 'ref-sig',
    subject: {
      digest: image.manifest.digest,
      size: image.manifest.bytes.length,
      mediaType: image.manifest.mediaType
    }
  })
  const sbomOfSig = buildArtifact({
    seed: 'ref-sbom',
    subject: {
      digest: sig.manifest.digest,
      size: sig.manifest.bytes.length,
      mediaType: sig.manifest.mediaType
    },
    artifactType: 'application/spdx+json'
  })
  const child = image.children[1]
  const childAtt = buildArtifact({
    seed: 'ref-child',
    subject: { digest: child.digest, size: child.bytes.length, mediaType: child.mediaType }
  })

  beforeAll(async () => {
    await pushImage(src, 'refs/app', 'v1', image)
    // Registry 2.8 has no referrers API: pushImage adds each to the sha256-<hex> fallback index.
    for (const a of [sig, sbomOfSig, childAtt]) await pushImage(src, 'refs/app', undefined, a)
  })

  test('referrers of the index, of a child and of a referrer follow the image, by digest', async () => {
    const result = await new CopyEngine().copy(
      source(client, src, 'refs/app:v1'),
      destination(client, dst, 'refs/app:v1'),
      'v1'
    )
    expect(result.referrers).toBe(3)
    for (const a of [sig, sbomOfSig, childAtt]) {
      expect((await rawManifest(dst, `refs/app@${a.manifest.digest}`)).equals(a.manifest.bytes)).toBe(true)
      const out = join(work, `ref-${a.manifest.digest.slice(7, 19)}`)
      // skopeo fetches (and verifies) each blob of the artifact.
      const r = await skopeo(['copy', `docker://${dst.host}/refs/app@${a.manifest.digest}`, `oci:${out}:a`], {
        reg: dst
      })
      expect(r.code).toBe(0)
    }
  })

  test('with referrers off, none is copied', async () => {
    const result = await new CopyEngine().copy(
      source(client, src, 'refs/app:v1'),
      destination(client, dst, 'norefs/app:v1'),
      'v1',
      {
        referrers: false
      }
    )
    expect(result.referrers).toBe(0)
    expect(
      (
        await skopeo(['inspect', '--raw', `docker://${dst.host}/norefs/app@${sig.manifest.digest}`], {
          reg: dst
        })
      ).code
    ).not.toBe(0)
    // Without referrers the index is written once, by tag.
  })
})

describe('failures', () => {
  test('a corrupt source blob fails the copy on the source side, naming the digest; no tag is written', async () => {
    const image = buildImage({ seed: 'broken', layerSizes: [5000, 7000] })
    await pushImage(src, 'broken/app', 'v1', image)
    const layer = (JSON.parse(image.manifest.bytes.toString()) as { layers: { digest: string }[] }).layers[1]
      .digest
    const file = blobDataPath(src, layer)
    const bytes = readFileSync(file)
    bytes[bytes.length - 10] ^= 0xff // same size, other content: only a digest check can tell
    writeFileSync(file, bytes)
    await dst.clearAccessLog()
    const err = await new CopyEngine()
      .copy(source(client, src, 'broken/app:v1'), destination(client, dst, 'broken/app:v1'), 'v1')
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CopyError)
    expect((err as CopyError).side).toBe('source')
    expect((err as CopyError).ref).toBe(`docker://${src.host}/broken/app:v1`)
    expect((err as Error).message).toContain(layer)
    expect((err as Error).message).toMatch(/^source /)
    expect(blobPuts(await dst.accessLog())).not.toContain(layer)
    expect(manifestPuts(await dst.accessLog())).toEqual([])
    expect(
      (await skopeo(['inspect', '--raw', `docker://${dst.host}/broken/app:v1`], { reg: dst })).code
    ).not.toBe(0)
  })

  test('a destination that refuses fails on the destination side', async () => {
    const image = buildImage({ seed: 'refused' })
    await pushImage(src, 'refused/app', 'v1', image)
    const { client: readOnly, done } = await clientFor([src], { reader: true })
    try {
      const err = await new CopyEngine()
        .copy(source(client, src, 'refused/app:v1'), destination(readOnly, src, 'refused/copy:v1'), 'v1')
        .catch((e: unknown) => e)
      expect(err).toBeInstanceOf(CopyError)
      expect((err as CopyError).side).toBe('destination')
      expect((err as CopyError).ref).toBe(`docker://${src.host}/refused/copy:v1`)
    } finally {
      await done()
    }
  })
})

describe('single images, nesting and limits', () => {
  const single = buildImage({ seed: 'single-amd64' }) // linux/amd64, a plain manifest
  const inner = buildImage({ seed: 'nested-inner', platforms: ['linux/amd64', 'linux/arm64'] })
  const outerBytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ mediaType: OCI_INDEX, digest: inner.manifest.digest, size: inner.manifest.bytes.length }]
    })
  )
  const nested: BuiltImage = {
    manifest: {
      bytes: outerBytes,
      mediaType: OCI_INDEX,
      digest: `sha256:${createHash('sha256').update(outerBytes).digest('hex')}`
    },
    children: [...inner.children, inner.manifest],
    blobs: inner.blobs
  }

  beforeAll(async () => {
    await pushImage(src, 'single/app', 'v1', single)
    await pushImage(src, 'nested/app', 'v1', nested)
    await pushImage(src, 'plain/app', 'v1', inner)
  })

  test.each([
    ['linux/amd64', undefined],
    ['linux/arm64', 'is a single-platform image for linux/amd64; it does not match linux/arm64']
  ])('a single-platform source filtered by %s', async (platform, refusal) => {
    const repo = `single/${platform.replace('/', '-')}`
    const copy = new CopyEngine().copy(
      source(client, src, 'single/app:v1'),
      destination(client, dst, `${repo}:v1`),
      'v1',
      {
        platforms: [parsePlatform(platform)]
      }
    )
    if (refusal) {
      await expect(copy).rejects.toThrow(refusal)
      expect(
        (await skopeo(['inspect', '--raw', `docker://${dst.host}/${repo}:v1`], { reg: dst })).code
      ).not.toBe(0)
    } else {
      await expect(copy).resolves.toMatchObject({ digest: single.manifest.digest, digestChanged: false })
    }
  })

  test('maxDepth 1 still copies a plain index', async () => {
    const result = await new CopyEngine({ limits: { maxDepth: 1 } }).copy(
      source(client, src, 'plain/app:v1'),
      destination(client, dst, 'depth/app:v1'),
      'v1'
    )
    expect(result.digestChanged).toBe(false)
  })

  test('an index of an index keeps every digest', async () => {
    const result = await new CopyEngine().copy(
      source(client, src, 'nested/app:v1'),
      destination(client, dst, 'nested/app:v1'),
      'v1'
    )
    expect(result).toMatchObject({ digest: nested.manifest.digest, blobsCopied: inner.blobs.length })
    for (const m of [nested.manifest, ...nested.children]) {
      expect((await rawManifest(dst, `nested/app@${m.digest}`)).equals(m.bytes)).toBe(true)
    }
  })

  test.each([
    [{ maxDepth: 1 }, 'nested/app:v1', 'is nested 2 levels below the top manifest, more than the limit of 1'],
    [{ maxManifests: 1 }, 'plain/app:v1', 'lists 2 manifests, more than the limit of 1'],
    [{ maxLayers: 1 }, 'single/app:v1', 'has 2 layers, more than the limit of 1']
  ])('limit %j refuses %s clearly', async (limits, ref, message) => {
    const err = await new CopyEngine({ limits })
      .copy(source(client, src, ref), destination(client, dst, `limits/app:x`), 'x')
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CopyError)
    expect((err as CopyError).side).toBe('source')
    expect((err as Error).message).toContain(message)
  })
})
