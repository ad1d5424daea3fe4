// `copy --format oci|v2s2`: the flag as skopeo spells it, its default, and the Docker → OCI conversion.
import { describe, expect, test } from '@jest/globals'
import { parseCopyArgs } from '../../src/cli/index.js'
import { convertIndexToOci, convertManifestToOci, ConvertError } from '../../src/copy/index.js'
import { MediaType, sha256Digest } from '../../src/oci/index.js'
import type { Manifest } from '../../src/oci/index.js'

const hex = (c: string) => 'sha256:' + c.repeat(64)
const manifest = (obj: unknown, mediaType: string): Manifest => {
  const bytes = Buffer.from(JSON.stringify(obj))
  return { bytes, mediaType, digest: sha256Digest(bytes) }
}
const docker = (layers: { mediaType: string; c: string; urls?: string[] }[]) =>
  manifest(
    {
      schemaVersion: 2,
      mediaType: MediaType.DockerManifest,
      config: { mediaType: MediaType.DockerConfig, digest: hex('c'), size: 10 },
      layers: layers.map(l => ({ mediaType: l.mediaType, digest: hex(l.c), size: 5, urls: l.urls }))
    },
    MediaType.DockerManifest
  )

describe('Docker → OCI', () => {
  test('every Docker type maps to its OCI twin; urls are kept; blobs are the same', () => {
    const m = docker([
      { mediaType: 'application/vnd.docker.image.rootfs.diff.tar', c: '1' },
      { mediaType: MediaType.DockerLayer, c: '2' },
      { mediaType: MediaType.DockerForeignLayer, c: '3', urls: ['https://example.invalid/x'] }
    ])
    const out = convertManifestToOci(m)
    expect(out.mediaType).toBe(MediaType.OciManifest)
    expect(out.digest).toBe(sha256Digest(out.bytes))
    expect(JSON.parse(out.bytes.toString('utf8'))).toEqual({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: { mediaType: MediaType.OciConfig, digest: hex('c'), size: 10 },
      layers: [
        { mediaType: MediaType.OciLayer, digest: hex('1'), size: 5 },
        { mediaType: MediaType.OciLayerGzip, digest: hex('2'), size: 5 },
        {
          mediaType: MediaType.OciLayerNondistributableGzip,
          digest: hex('3'),
          size: 5,
          urls: ['https://example.invalid/x']
        }
      ]
    })
  })

  test('an OCI manifest is returned as it is (same bytes, same digest)', () => {
    const m = manifest(
      { schemaVersion: 2, mediaType: MediaType.OciManifest, layers: [] },
      MediaType.OciManifest
    )
    expect(convertManifestToOci(m)).toBe(m)
  })

  test('a layer type with no OCI twin is refused, naming it', () => {
    const m = docker([{ mediaType: 'application/x-custom', c: '1' }])
    expect(() => convertManifestToOci(m)).toThrow(ConvertError)
    expect(() => convertManifestToOci(m)).toThrow(/layer sha256:1+ is application\/x-custom/)
  })

  test('a manifest list becomes an OCI index naming the converted children', () => {
    const child = docker([{ mediaType: MediaType.DockerLayer, c: '2' }])
    const list = manifest(
      {
        schemaVersion: 2,
        mediaType: MediaType.DockerManifestList,
        manifests: [
          {
            mediaType: MediaType.DockerManifest,
            digest: child.digest,
            size: child.bytes.length,
            platform: { os: 'linux', architecture: 'amd64' }
          }
        ]
      },
      MediaType.DockerManifestList
    )
    const converted = convertManifestToOci(child)
    const out = convertIndexToOci(list, new Map([[child.digest, converted]]))
    expect(JSON.parse(out.bytes.toString('utf8'))).toEqual({
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [
        {
          mediaType: MediaType.OciManifest,
          digest: converted.digest,
          size: converted.bytes.length,
          platform: { os: 'linux', architecture: 'amd64' }
        }
      ]
    })
  })
})

describe('copy --format', () => {
  const opts = (...args: string[]) => {
    const p = parseCopyArgs(args)
    if (p === 'help') throw new Error('help')
    return { oci: p.options.convertToOci, docker: p.options.convertToDocker }
  }
  test.each([
    ['docker-archive → oci: OCI by default, as skopeo', ['docker-archive:a.tar', 'oci:out:v1'], true, false],
    ['docker-archive → dir: as the source', ['docker-archive:a.tar', 'dir:out'], false, false],
    ['registry → oci: as the source', ['docker://r.example/a:v1', 'oci:out:v1'], false, false],
    ['--format oci', ['--format', 'oci', 'docker://r.example/a:v1', 'oci:out:v1'], true, false],
    ['--format v2s2', ['--format', 'v2s2', 'docker-archive:a.tar', 'oci:out:v1'], false, true],
    ['--convert docker (older spelling)', ['--convert', 'docker', 'oci:in:v1', 'dir:out'], false, true],
    [
      '--preserve-digests keeps a docker-archive as it is',
      ['--preserve-digests', 'docker-archive:a.tar', 'oci:out:v1'],
      false,
      false
    ]
  ])('%s', (_name, args, oci, dockerOut) => {
    expect(opts(...args)).toEqual({ oci, docker: dockerOut })
  })

  test.each([
    [
      ['--format', 'oci', '--preserve-digests'],
      /--format changes the digest, which --preserve-digests forbids/
    ],
    [['--format', 'v2s2', '--convert', 'docker'], /--format and --convert exclude each other/],
    [['--format', 'v2s1'], /schema 1 is deprecated/],
    [['--format', 'docker'], /--format accepts oci or v2s2, got 'docker'/]
  ])('%j is a usage error', (args, message) => {
    expect(() => parseCopyArgs([...args, 'docker-archive:a.tar', 'oci:out:v1'])).toThrow(message)
  })
})
