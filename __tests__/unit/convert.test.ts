import { describe, expect, test } from '@jest/globals'
import {
  checkIndexConvertible,
  convertIndexToDocker,
  convertManifestToDocker,
  ConvertError
} from '../../src/copy/index.js'
import { sha256Digest } from '../../src/oci/index.js'
import type { Descriptor, Manifest } from '../../src/oci/index.js'
import { MediaType } from '../../src/oci/index.js'

const hex = (c: string) => 'sha256:' + c.repeat(64)
const manifest = (obj: unknown, mediaType: string): Manifest => {
  const bytes = Buffer.from(JSON.stringify(obj))
  return { bytes, mediaType, digest: sha256Digest(bytes) }
}
const oci = (layers: Descriptor[], configType: string = MediaType.OciConfig, extra: object = {}) =>
  manifest(
    {
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: { mediaType: configType, digest: hex('c'), size: 10 },
      layers,
      ...extra
    },
    MediaType.OciManifest
  )
const layer = (mediaType: string, c = 'a', extra: Partial<Descriptor> = {}): Descriptor => ({
  mediaType,
  digest: hex(c),
  size: 99,
  ...extra
})

describe('convertManifestToDocker', () => {
  test.each([
    [MediaType.OciLayerGzip, MediaType.DockerLayer],
    [MediaType.DockerLayer, MediaType.DockerLayer],
    [MediaType.OciLayerNondistributableGzip, MediaType.DockerForeignLayer]
  ])('layer %s becomes %s; config, digests and sizes kept', (from, to) => {
    const src = oci(
      [layer(from, 'a', { annotations: { k: 'v' }, urls: ['https://example.invalid/l'] })],
      MediaType.OciConfig,
      {
        annotations: { 'org.opencontainers.image.created': 'x' }
      }
    )
    const out = convertManifestToDocker(src)
    expect(out.mediaType).toBe(MediaType.DockerManifest)
    expect(out.digest).toBe(sha256Digest(out.bytes))
    expect(out.digest).not.toBe(src.digest)
    expect(JSON.parse(out.bytes.toString())).toEqual({
      schemaVersion: 2,
      mediaType: MediaType.DockerManifest,
      config: { mediaType: MediaType.DockerConfig, digest: hex('c'), size: 10 },
      layers: [{ mediaType: to, digest: hex('a'), size: 99, urls: ['https://example.invalid/l'] }]
    })
  })

  test('a Docker manifest is returned with its bytes untouched', () => {
    const m = manifest({ schemaVersion: 2, mediaType: MediaType.DockerManifest }, MediaType.DockerManifest)
    expect(convertManifestToDocker(m)).toBe(m)
  })

  test.each([
    [
      oci([layer(MediaType.OciLayerZstd)]),
      /layer sha256:a+ is application\/vnd.oci.image.layer.v1.tar\+zstd; only gzip/
    ],
    [oci([layer(MediaType.OciLayer)]), /only gzip layers/],
    [
      oci([layer('application/vnd.example.sbom')], 'application/vnd.example.config'),
      /it is an artifact \(config application\/vnd.example.config\)/
    ],
    [oci([], MediaType.OciEmpty), /artifact \(config application\/vnd.oci.empty.v1\+json\)/],
    [
      manifest({ schemaVersion: 2, manifests: [] }, MediaType.OciIndex),
      /cannot convert application\/vnd.oci.image.index.v1\+json to a Docker v2/
    ]
  ])('refuses #%#', (m, message) => {
    expect(() => convertManifestToDocker(m)).toThrow(ConvertError)
    expect(() => convertManifestToDocker(m)).toThrow(message)
  })
})

describe('convertIndexToDocker', () => {
  const amd = oci([layer(MediaType.OciLayerGzip, 'a')])
  const arm = oci([layer(MediaType.OciLayerGzip, 'b')])
  const entry = (m: Manifest, platform: object): Descriptor =>
    ({
      mediaType: m.mediaType,
      digest: m.digest,
      size: m.bytes.length,
      platform,
      annotations: { x: 'y' }
    }) as Descriptor
  const index = manifest(
    {
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [
        entry(amd, { os: 'linux', architecture: 'amd64' }),
        entry(arm, { os: 'linux', architecture: 'arm64', variant: 'v8' })
      ]
    },
    MediaType.OciIndex
  )

  test('entries point at the converted children, with their new digests and sizes', () => {
    const children = new Map([amd, arm].map(m => [m.digest, convertManifestToDocker(m)]))
    const out = convertIndexToDocker(index, children)
    expect(out.mediaType).toBe(MediaType.DockerManifestList)
    expect(out.digest).toBe(sha256Digest(out.bytes))
    const json = JSON.parse(out.bytes.toString())
    expect(json.mediaType).toBe(MediaType.DockerManifestList)
    expect(json.manifests).toEqual([
      {
        mediaType: MediaType.DockerManifest,
        digest: children.get(amd.digest)!.digest,
        size: children.get(amd.digest)!.bytes.length,
        platform: { os: 'linux', architecture: 'amd64' }
      },
      {
        mediaType: MediaType.DockerManifest,
        digest: children.get(arm.digest)!.digest,
        size: children.get(arm.digest)!.bytes.length,
        platform: { os: 'linux', architecture: 'arm64', variant: 'v8' }
      }
    ])
  })

  test('a Docker manifest list of Docker manifests stays byte-identical', () => {
    const dm = manifest({ schemaVersion: 2, mediaType: MediaType.DockerManifest }, MediaType.DockerManifest)
    const list = manifest(
      {
        schemaVersion: 2,
        mediaType: MediaType.DockerManifestList,
        manifests: [
          {
            mediaType: MediaType.DockerManifest,
            digest: dm.digest,
            size: dm.bytes.length,
            platform: { os: 'linux', architecture: 'amd64' }
          }
        ]
      },
      MediaType.DockerManifestList
    )
    expect(convertIndexToDocker(list, new Map([[dm.digest, dm]]))).toBe(list)
  })

  test.each([
    [
      [
        {
          mediaType: MediaType.OciManifest,
          digest: hex('e'),
          size: 1,
          platform: { os: 'unknown', architecture: 'unknown' }
        }
      ],
      /is an attestation.*--drop-attestations/
    ],
    [[{ mediaType: MediaType.OciIndex, digest: hex('f'), size: 1 }], /is a nested index/]
  ] as [Descriptor[], RegExp][])('checkIndexConvertible refuses #%#', (entries, message) => {
    expect(() => checkIndexConvertible(hex('0'), entries)).toThrow(message)
  })

  test('an entry whose child was not converted is an error, not a silent keep', () => {
    expect(() => convertIndexToDocker(index, new Map())).toThrow(/was not converted/)
  })
})
