// The copy engine between real registries (token → Basic auth), checked with skopeo and the
// registries' own access logs.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CopyEngine, CopyError } from '../../src/copy/engine.js'
import { parsePlatform } from '../../src/copy/platforms.js'
import type { RegistryClient } from '../../src/registry/client.js'
import {
  buildImage,
  pushImage,
  skopeo,
  startRegistry,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import { blobPuts, clientFor, destination, manifestPuts, source } from './copy-helpers.js'

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

  test('a second copy of the same image finds everything and uploads nothing', async () => {
    await dst.clearAccessLog()
    const result = await new CopyEngine().copy(
      source(client, src, 'team/app:v1'),
      destination(client, dst, 'mirror/app:v1'),
      'v1'
    )
    expect(result).toMatchObject({
      blobsCopied: 0,
      blobsSkipped: image.blobs.length,
      bytes: 0,
      digest: image.manifest.digest
    })
    expect(blobPuts(await dst.accessLog())).toEqual([])
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
