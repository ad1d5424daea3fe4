// Referrers follow an image; failures name their side and leave no tag behind.
import { beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CopyEngine, CopyError } from '../../src/copy/index.js'
import { buildArtifact, buildImage, pushImage, skopeo } from '../harness/index.js'
import {
  blobDataPath,
  blobPuts,
  clientFor,
  destination,
  exists,
  manifestPuts,
  rawManifest,
  source,
  useRegistries
} from './copy-helpers.js'

const t = useRegistries()

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
    await pushImage(t.src, 'refs/app', 'v1', image)
    // Registry 2.8 has no referrers API: pushImage adds each to the sha256-<hex> fallback index.
    for (const a of [sig, sbomOfSig, childAtt]) await pushImage(t.src, 'refs/app', undefined, a)
  })

  test('referrers of the index, of a child and of a referrer follow the image, by digest', async () => {
    const result = await new CopyEngine().copy(
      source(t.client, t.src, 'refs/app:v1'),
      destination(t.client, t.dst, 'refs/app:v1'),
      'v1'
    )
    expect(result.referrers).toBe(3)
    for (const a of [sig, sbomOfSig, childAtt]) {
      expect((await rawManifest(t.dst, `refs/app@${a.manifest.digest}`)).equals(a.manifest.bytes)).toBe(true)
      const out = join(t.work, `ref-${a.manifest.digest.slice(7, 19)}`)
      // skopeo fetches (and verifies) each blob of the artifact.
      const r = await skopeo(
        ['copy', `docker://${t.dst.host}/refs/app@${a.manifest.digest}`, `oci:${out}:a`],
        {
          reg: t.dst
        }
      )
      expect(r.code).toBe(0)
    }
  })

  test('with referrers off, none is copied', async () => {
    const result = await new CopyEngine().copy(
      source(t.client, t.src, 'refs/app:v1'),
      destination(t.client, t.dst, 'norefs/app:v1'),
      'v1',
      {
        referrers: false
      }
    )
    expect(result.referrers).toBe(0)
    expect(await exists(t.dst, `norefs/app@${sig.manifest.digest}`)).toBe(false)
    // Without referrers the index is written once, by tag.
  })
})

describe('failures', () => {
  test('a corrupt source blob fails the copy on the source side, naming the digest; no tag is written', async () => {
    const image = buildImage({ seed: 'broken', layerSizes: [5000, 7000] })
    await pushImage(t.src, 'broken/app', 'v1', image)
    const layer = (JSON.parse(image.manifest.bytes.toString()) as { layers: { digest: string }[] }).layers[1]
      .digest
    const file = blobDataPath(t.src, layer)
    const bytes = readFileSync(file)
    bytes[bytes.length - 10] ^= 0xff // same size, other content: only a digest check can tell
    writeFileSync(file, bytes)
    await t.dst.clearAccessLog()
    const err = await new CopyEngine()
      .copy(source(t.client, t.src, 'broken/app:v1'), destination(t.client, t.dst, 'broken/app:v1'), 'v1')
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CopyError)
    expect((err as CopyError).side).toBe('source')
    expect((err as CopyError).ref).toBe(`docker://${t.src.host}/broken/app:v1`)
    expect((err as Error).message).toContain(layer)
    expect((err as Error).message).toMatch(/^source /)
    expect(blobPuts(await t.dst.accessLog())).not.toContain(layer)
    expect(manifestPuts(await t.dst.accessLog())).toEqual([])
    expect(await exists(t.dst, `broken/app:v1`)).toBe(false)
  })

  test('a destination that refuses fails on the destination side', async () => {
    const image = buildImage({ seed: 'refused' })
    await pushImage(t.src, 'refused/app', 'v1', image)
    const { client: readOnly, done } = await clientFor([t.src], { reader: true })
    try {
      const err = await new CopyEngine()
        .copy(
          source(t.client, t.src, 'refused/app:v1'),
          destination(readOnly, t.src, 'refused/copy:v1'),
          'v1'
        )
        .catch((e: unknown) => e)
      expect(err).toBeInstanceOf(CopyError)
      expect((err as CopyError).side).toBe('destination')
      expect((err as CopyError).ref).toBe(`docker://${t.src.host}/refused/copy:v1`)
    } finally {
      await done()
    }
  })
})
