// Foreign (non-distributable) layers between real registries: by default the layer's blob stays
// behind while the manifest, urls and all, is copied byte for byte; with includeForeignLayers it moves.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { existsSync } from 'node:fs'
import { CopyEngine } from '../../src/copy/index.js'
import type { RegistryClient } from '../../src/registry/index.js'
import {
  buildImage,
  FOREIGN_LAYER_URL,
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
})
