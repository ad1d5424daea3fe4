// The copy engine between real registries (token → Basic auth): digests, order, platforms, media types,
// checked with skopeo and the registries' access logs.
import { describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { CopyEngine, CopyError } from '../../src/copy/index.js'
import { parsePlatform } from '../../src/oci/index.js'
import { buildImage, pushImage, skopeo } from '../harness/index.js'
import {
  allDigests,
  blobPuts,
  destination,
  exists,
  manifestPuts,
  OCI_INDEX,
  rawManifest,
  source,
  useRegistries
} from './copy-helpers.js'

const t = useRegistries()

describe('a 3-platform OCI index with attestations, token registry → Basic-auth registry', () => {
  const image = buildImage({
    seed: 'copy-3p',
    platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
    attestations: true
  })

  test('same digest, blobs before manifests, children before the index, the tag last; skopeo reads every blob', async () => {
    await pushImage(t.src, 'team/app', 'v1', image)
    await t.dst.clearAccessLog()
    const engine = new CopyEngine()
    const result = await engine.copy(
      source(t.client, t.src, 'team/app:v1'),
      destination(t.client, t.dst, 'mirror/app:v1'),
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
    expect((await rawManifest(t.dst, 'mirror/app:v1')).equals(image.manifest.bytes)).toBe(true)

    const log = await t.dst.accessLog()
    expect(blobPuts(log).sort()).toEqual(allDigests(image).sort())
    const puts = manifestPuts(log)
    // Every child by digest, then the index by tag — last. No referrers: no PUT by digest first.
    expect(puts.slice(0, image.children.length).sort()).toEqual(image.children.map(c => c.digest).sort())
    expect(puts[puts.length - 1]).toBe('v1')
    expect(puts.slice(image.children.length, -1)).toEqual([])
    const lastBlobPut = log
      .map((e, i) => (e.method === 'PUT' && e.path.includes('/blobs/') ? i : -1))
      .reduce((a, b) => Math.max(a, b))
    const firstManifestPut = log.findIndex(e => e.method === 'PUT' && e.path.includes('/manifests/'))
    expect(lastBlobPut).toBeLessThan(firstManifestPut)

    // The independent check: skopeo pulls every platform (verifying each blob's digest) into a layout.
    const out = join(t.work, 'skopeo-3p')
    const r = await skopeo(['copy', '--all', `docker://${t.dst.host}/mirror/app:v1`, `oci:${out}:v1`], {
      reg: t.dst
    })
    expect(r.stderr).not.toMatch(/error|fatal/i)
    expect(r.code).toBe(0)
    for (const child of image.children) {
      expect((await rawManifest(t.dst, `mirror/app@${child.digest}`)).equals(child.bytes)).toBe(true)
    }
  })

  test('a second copy of an image already tagged there reads the index only and writes nothing', async () => {
    await Promise.all([t.src.clearAccessLog(), t.dst.clearAccessLog()])
    const result = await new CopyEngine().copy(
      source(t.client, t.src, 'team/app:v1'),
      destination(t.client, t.dst, 'mirror/app:v1'),
      'v1',
      { referrers: false }
    )
    expect(result).toMatchObject({ upToDate: true, blobsCopied: 0, bytes: 0, digest: image.manifest.digest })
    const dstLog = await t.dst.accessLog()
    expect(dstLog.filter(e => e.path.includes('/blobs/'))).toEqual([])
    expect(dstLog.filter(e => e.method !== 'GET' && e.method !== 'HEAD')).toEqual([])
    // One manifest GET at the source (a Docker Hub pull): the index, none of its children.
    const gets = (await t.src.accessLog()).filter(e => e.method === 'GET' && e.path.includes('/manifests/'))
    expect(gets.map(e => e.path)).toEqual(['/v2/team/app/manifests/v1'])
  })

  test('a tag that points elsewhere is moved; children the destination holds are neither read nor written', async () => {
    const other = buildImage({ seed: 'copy-3p-other' })
    await pushImage(t.dst, 'mirror/app', 'old', other)
    await Promise.all([t.src.clearAccessLog(), t.dst.clearAccessLog()])
    const result = await new CopyEngine().copy(
      source(t.client, t.src, 'team/app:v1'),
      destination(t.client, t.dst, 'mirror/app:old'),
      'old'
    )
    expect(result).toMatchObject({ upToDate: false, blobsCopied: 0, digest: image.manifest.digest })
    const log = await t.dst.accessLog()
    expect(log.filter(e => e.path.includes('/blobs/'))).toEqual([])
    expect(manifestPuts(log)).toEqual(['old'])
    expect((await rawManifest(t.dst, 'mirror/app:old')).equals(image.manifest.bytes)).toBe(true)
    const childGets = (await t.src.accessLog()).filter(
      e => e.method === 'GET' && image.children.some(c => e.path.endsWith(`/manifests/${c.digest}`))
    )
    expect(childGets).toEqual([])
  })

  test('a platform subset writes a new index with just those platforms and their attestations', async () => {
    const engine = new CopyEngine()
    const result = await engine.copy(
      source(t.client, t.src, 'team/app:v1'),
      destination(t.client, t.dst, 'subset/app:v1'),
      'v1',
      {
        platforms: [parsePlatform('linux/amd64'), parsePlatform('linux/arm64')]
      }
    )
    expect(result.digestChanged).toBe(true)
    expect(result.sourceDigest).toBe(image.manifest.digest)
    const written = await rawManifest(t.dst, 'subset/app:v1')
    const index = JSON.parse(written.toString()) as {
      manifests: { digest: string; platform: { os: string; architecture: string } }[]
    }
    const platforms = index.manifests.map(m => `${m.platform.os}/${m.platform.architecture}`)
    expect(platforms).toEqual(['linux/amd64', 'linux/arm64', 'unknown/unknown', 'unknown/unknown'])
    expect(result.digest).toBe(`sha256:${createHash('sha256').update(written).digest('hex')}`)
    // Kept children keep their digests; the dropped platform was never copied.
    const arm7 = image.children.find(c => c.platform?.variant === 'v7')!
    expect(await exists(t.dst, `subset/app@${arm7.digest}`)).toBe(false)
  })

  test('single-manifest with one platform writes that plain manifest, digest as in the source', async () => {
    const arm64 = image.children.find(c => c.platform?.architecture === 'arm64')!
    const result = await new CopyEngine().copy(
      source(t.client, t.src, 'team/app:v1'),
      destination(t.client, t.dst, 'single/app:arm64'),
      'arm64',
      {
        platforms: [parsePlatform('linux/arm64')],
        singleManifest: true
      }
    )
    expect(result).toMatchObject({ digest: arm64.digest, digestChanged: true, mediaType: arm64.mediaType })
    expect((await rawManifest(t.dst, 'single/app:arm64')).equals(arm64.bytes)).toBe(true)
  })

  test('no matching platform: refused with the platforms on offer, nothing tagged', async () => {
    const err = await new CopyEngine()
      .copy(source(t.client, t.src, 'team/app:v1'), destination(t.client, t.dst, 'none/app:v1'), 'v1', {
        platforms: [parsePlatform('linux/s390x')]
      })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CopyError)
    expect((err as CopyError).side).toBe('source')
    expect((err as Error).message).toContain('the image has: linux/amd64, linux/arm64, linux/arm/v7')
    expect(await exists(t.dst, `none/app:v1`)).toBe(false)
  })

  test('dropping attestations rewrites the index without them', async () => {
    const result = await new CopyEngine().copy(
      source(t.client, t.src, 'team/app:v1'),
      destination(t.client, t.dst, 'noatt/app:v1'),
      'v1',
      {
        keepAttestations: false
      }
    )
    expect(result.digestChanged).toBe(true)
    const index = JSON.parse((await rawManifest(t.dst, 'noatt/app:v1')).toString()) as {
      manifests: { platform: { os: string } }[]
    }
    expect(index.manifests.map(m => m.platform.os)).toEqual(['linux', 'linux', 'linux'])
  })
})

describe('Docker media types', () => {
  test('a Docker manifest list keeps its digest', async () => {
    const image = buildImage({
      seed: 'copy-docker',
      format: 'docker',
      platforms: ['linux/amd64', 'linux/arm64']
    })
    await pushImage(t.src, 'docker/app', 'v1', image)
    const result = await new CopyEngine().copy(
      source(t.client, t.src, 'docker/app:v1'),
      destination(t.client, t.dst, 'docker/app:v1'),
      'v1'
    )
    expect(result).toMatchObject({
      digest: image.manifest.digest,
      digestChanged: false,
      mediaType: image.manifest.mediaType
    })
    expect((await rawManifest(t.dst, 'docker/app:v1')).equals(image.manifest.bytes)).toBe(true)
  })

  test('convertToDocker writes a Docker manifest list of Docker manifests, same blobs, new digest', async () => {
    const image = buildImage({ seed: 'copy-convert', platforms: ['linux/amd64', 'linux/arm64'] })
    await pushImage(t.src, 'convert/app', 'v1', image)
    const result = await new CopyEngine().copy(
      source(t.client, t.src, 'convert/app:v1'),
      destination(t.client, t.dst, 'convert/app:v1'),
      'v1',
      {
        convertToDocker: true
      }
    )
    expect(result.digestChanged).toBe(true)
    expect(result.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json')
    const out = join(t.work, 'skopeo-convert')
    const r = await skopeo(['copy', '--all', `docker://${t.dst.host}/convert/app:v1`, `oci:${out}:v1`], {
      reg: t.dst
    })
    expect(r.code).toBe(0)
    const list = JSON.parse((await rawManifest(t.dst, 'convert/app:v1')).toString()) as {
      manifests: { mediaType: string; digest: string }[]
    }
    for (const m of list.manifests) {
      expect(m.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
      const child = JSON.parse((await rawManifest(t.dst, `convert/app@${m.digest}`)).toString()) as {
        config: { mediaType: string }
      }
      expect(child.config.mediaType).toBe('application/vnd.docker.container.image.v1+json')
    }
  })
})
