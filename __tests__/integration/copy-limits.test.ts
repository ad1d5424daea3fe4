// Single images under a platform filter, nested indexes, and the engine's safety limits.
import { beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { CopyEngine, CopyError } from '../../src/copy/index.js'
import { parsePlatform } from '../../src/oci/index.js'
import { buildImage, pushImage, type BuiltImage } from '../harness/index.js'
import { destination, exists, OCI_INDEX, rawManifest, source, useRegistries } from './copy-helpers.js'

const t = useRegistries()

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
    await pushImage(t.src, 'single/app', 'v1', single)
    await pushImage(t.src, 'nested/app', 'v1', nested)
    await pushImage(t.src, 'plain/app', 'v1', inner)
  })

  test.each([
    ['linux/amd64', undefined],
    ['linux/arm64', 'is a single-platform image for linux/amd64; it does not match linux/arm64']
  ])('a single-platform source filtered by %s', async (platform, refusal) => {
    const repo = `single/${platform.replace('/', '-')}`
    const copy = new CopyEngine().copy(
      source(t.client, t.src, 'single/app:v1'),
      destination(t.client, t.dst, `${repo}:v1`),
      'v1',
      {
        platforms: [parsePlatform(platform)]
      }
    )
    if (refusal) {
      await expect(copy).rejects.toThrow(refusal)
      expect(await exists(t.dst, `${repo}:v1`)).toBe(false)
    } else {
      await expect(copy).resolves.toMatchObject({ digest: single.manifest.digest, digestChanged: false })
    }
  })

  test('maxDepth 1 still copies a plain index', async () => {
    const result = await new CopyEngine({ limits: { maxDepth: 1 } }).copy(
      source(t.client, t.src, 'plain/app:v1'),
      destination(t.client, t.dst, 'depth/app:v1'),
      'v1'
    )
    expect(result.digestChanged).toBe(false)
  })

  test('an index of an index keeps every digest', async () => {
    const result = await new CopyEngine().copy(
      source(t.client, t.src, 'nested/app:v1'),
      destination(t.client, t.dst, 'nested/app:v1'),
      'v1'
    )
    expect(result).toMatchObject({ digest: nested.manifest.digest, blobsCopied: inner.blobs.length })
    for (const m of [nested.manifest, ...nested.children]) {
      expect((await rawManifest(t.dst, `nested/app@${m.digest}`)).equals(m.bytes)).toBe(true)
    }
  })

  test.each([
    [{ maxDepth: 1 }, 'nested/app:v1', 'is nested 2 levels below the top manifest, more than the limit of 1'],
    [{ maxManifests: 1 }, 'plain/app:v1', 'lists 2 manifests, more than the limit of 1'],
    [{ maxLayers: 1 }, 'single/app:v1', 'has 2 layers, more than the limit of 1']
  ])('limit %j refuses %s clearly', async (limits, ref, message) => {
    const err = await new CopyEngine({ limits })
      .copy(source(t.client, t.src, ref), destination(t.client, t.dst, `limits/app:x`), 'x')
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CopyError)
    expect((err as CopyError).side).toBe('source')
    expect((err as Error).message).toContain(message)
  })
})
