// Foreign (non-distributable) layers between real registries: by default the layer's blob stays
// behind while the manifest, urls and all, is copied byte for byte; with includeForeignLayers it moves.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CopyEngine } from '../../src/copy/index.js'
import { openDestination, openSource, parseTransportRef } from '../../src/transports/index.js'
import type { RegistryClient } from '../../src/registry/index.js'
import {
  buildImage,
  FOREIGN_LAYER_URL,
  makeTempDir,
  removeTempDir,
  pushImage,
  startRegistry,
  type BuildImageOptions,
  type StartedRegistry
} from '../harness/index.js'
import {
  blobDataPath,
  blobPuts,
  clientFor,
  destination,
  exists,
  manifestPuts,
  rawManifest,
  source
} from './copy-helpers.js'
import { writeBuilt } from '../unit/transport-helpers.js'

// Real registries and skopeo: far slower than Jest's 5 s default on a busy 2-core runner.
jest.setTimeout(120_000)

const FOREIGN_TYPES = [
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip'
]

describe('foreign layers, registry → registry', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  /** A destination as distribution ships: manifests with layer urls refused. */
  let strict: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>

  beforeAll(async () => {
    ;[src, dst, strict] = await Promise.all([
      startRegistry({ mode: 'anonymous', allowForeignUrls: true }),
      startRegistry({ mode: 'basic', allowForeignUrls: true }),
      startRegistry({ mode: 'anonymous' })
    ])
    ;({ client, done } = await clientFor([src, dst, strict]))
  })
  afterAll(async () => {
    await done?.()
    await Promise.all([src?.stop(), dst?.stop(), strict?.stop()])
  })

  const images: [string, Omit<BuildImageOptions, 'seed' | 'foreignLayer'>][] = [
    ['docker manifest', { format: 'docker' }],
    ['OCI manifest', { format: 'oci' }],
    ['docker manifest list', { format: 'docker', platforms: ['windows/amd64', 'windows/arm64'] }]
  ]
  const cases = images.flatMap(([name, opts]) => [[name, false, opts] as const, [name, true, opts] as const])

  test.each(cases)('%s, includeForeignLayers %s', async (name, include, opts) => {
    const slug = `${name.replace(/ /g, '-')}-${include}`
    const image = buildImage({ seed: `foreign-${slug}`, foreignLayer: true, ...opts })
    const foreign = image.blobs.filter(b => FOREIGN_TYPES.includes(b.mediaType)).map(b => b.digest)
    expect(foreign).toHaveLength(opts.platforms?.length ?? 1)
    for (const m of [image.manifest, ...image.children]) {
      if (m.mediaType.includes('list')) continue
      expect(JSON.parse(m.bytes.toString('utf8')).layers[0].urls).toEqual([FOREIGN_LAYER_URL])
    }
    await pushImage(src, 'lib/foreign', slug, image)
    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])

    const result = await new CopyEngine().copy(
      source(client, src, `lib/foreign:${slug}`),
      destination(client, dst, `mirror/foreign:${slug}`),
      slug,
      include ? { includeForeignLayers: true } : {}
    )

    expect(result).toMatchObject({
      sourceDigest: image.manifest.digest,
      digest: image.manifest.digest,
      digestChanged: false,
      blobsCopied: image.blobs.length - (include ? 0 : foreign.length)
    })
    expect((await rawManifest(dst, `mirror/foreign:${slug}`)).equals(image.manifest.bytes)).toBe(true)
    const dstLog = await dst.accessLog()
    expect(manifestPuts(dstLog).at(-1)).toBe(slug)
    const puts = blobPuts(dstLog)
    const pulled = (await src.accessLog()).filter(e => e.method === 'GET' && e.path.includes('/blobs/'))
    for (const d of foreign) {
      expect([d, puts.includes(d)]).toEqual([d, include])
      expect([d, existsSync(blobDataPath(dst, d))]).toEqual([d, include])
      expect([d, pulled.some(e => e.path.endsWith(d))]).toEqual([d, include])
    }
    const distributable = image.blobs.map(b => b.digest).filter(d => !foreign.includes(d))
    expect(puts.filter(d => distributable.includes(d)).sort()).toEqual([...distributable].sort())
  })

  test('a destination that refuses layer urls: the copy fails and no tag is written', async () => {
    const image = buildImage({ seed: 'foreign-strict', format: 'docker', foreignLayer: true })
    await pushImage(src, 'lib/foreign', 'strict', image)
    // distribution answers 500 with MANIFEST_BLOB_UNKNOWN for the foreign layer, blob pushed or not.
    await expect(
      new CopyEngine().copy(
        source(client, src, 'lib/foreign:strict'),
        destination(client, strict, 'mirror/foreign:strict'),
        'strict'
      )
    ).rejects.toThrow(new RegExp(`^destination \\S+mirror/foreign:strict: manifest ${image.manifest.digest}`))
    expect(await exists(strict, 'mirror/foreign:strict')).toBe(false)
  })

  // A foreign layer type without urls: the source is the only place it exists, so it is copied
  // (as skopeo does) whatever includeForeignLayers says; skipping it left a registry answering a
  // bare MANIFEST_BLOB_UNKNOWN and an oci: layout without the layer.
  describe('without urls', () => {
    let tmp: string
    beforeAll(async () => {
      tmp = await makeTempDir('foreign-nourls-')
    })
    afterAll(async () => {
      await removeTempDir(tmp)
    })

    test('registry → registry: copied, digest kept', async () => {
      const image = buildImage({ seed: 'foreign-nourls', format: 'oci', foreignLayer: 'no-urls' })
      const layer = image.blobs.find(b => FOREIGN_TYPES.includes(b.mediaType))!
      expect(JSON.parse(image.manifest.bytes.toString('utf8')).layers[0].urls).toBeUndefined()
      await pushImage(src, 'lib/foreign', 'nourls', image)
      await dst.clearAccessLog()
      const result = await new CopyEngine().copy(
        source(client, src, 'lib/foreign:nourls'),
        destination(client, strict, 'mirror/foreign:nourls'),
        'nourls'
      )
      expect(result).toMatchObject({ digest: image.manifest.digest, blobsCopied: image.blobs.length })
      expect(existsSync(blobDataPath(strict, layer.digest))).toBe(true)
      expect((await rawManifest(strict, 'mirror/foreign:nourls')).equals(image.manifest.bytes)).toBe(true)
    })

    test('registry → oci: the layout holds the layer', async () => {
      const image = buildImage({ seed: 'foreign-nourls-oci', format: 'oci', foreignLayer: 'no-urls' })
      const layer = image.blobs.find(b => FOREIGN_TYPES.includes(b.mediaType))!
      await pushImage(src, 'lib/foreign', 'nourls-oci', image)
      const dir = join(tmp, 'layout')
      const result = await new CopyEngine().copy(
        source(client, src, 'lib/foreign:nourls-oci'),
        await openDestination(parseTransportRef(`oci:${dir}:v1`), { client }),
        'v1'
      )
      expect(result.digest).toBe(image.manifest.digest)
      const hex = layer.digest.slice('sha256:'.length)
      expect((await readFile(join(dir, 'blobs', 'sha256', hex))).equals(layer.data)).toBe(true)
    })

    test('a Docker foreign layer without urls into distribution: the error says why', async () => {
      // distribution refuses this manifest whatever blobs it holds; the copy says what is wrong.
      const image = buildImage({ seed: 'foreign-nourls-docker', format: 'docker', foreignLayer: 'no-urls' })
      const dir = join(tmp, 'docker-layout')
      // Written into a layout directly: no registry holds such a manifest.
      await writeBuilt(
        await openDestination(parseTransportRef(`oci:${dir}:docker`), { client }),
        image,
        'docker'
      )
      await expect(
        new CopyEngine().copy(
          await openSource(parseTransportRef(`oci:${dir}:docker`), { client }),
          destination(client, strict, 'mirror/foreign:nourls-docker'),
          'nourls-docker'
        )
      ).rejects.toThrow(/is a foreign layer without urls, which this registry refuses/)
      expect(await exists(strict, 'mirror/foreign:nourls-docker')).toBe(false)
    })
  })
})
