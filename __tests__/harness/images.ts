/** Deterministic test images, built without Docker: the same seed always gives the same digests. */
import { gzipStored, tarOneFile } from './archive.js'
import { seededBytes, sha256 } from './prng.js'

export interface BuiltBlob {
  digest: string
  size: number
  mediaType: string
  data: Buffer
}

export interface PlatformSpec {
  os: string
  architecture: string
  variant?: string
}

export interface BuiltManifest {
  bytes: Buffer
  digest: string
  mediaType: string
  platform?: PlatformSpec
}

export interface BuiltImage {
  /** The top-level manifest or index. */
  manifest: BuiltManifest
  /** Per-platform manifests, then attestation manifests (index only; empty for a single manifest). */
  children: BuiltManifest[]
  /** Configs and layers, deduplicated by digest. */
  blobs: BuiltBlob[]
}

export interface BuildImageOptions {
  seed: string
  format?: 'oci' | 'docker'
  /** Bytes of incompressible data per layer; default [4096, 8192]. */
  layerSizes?: number[]
  /** e.g. ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] → an index / manifest list. */
  platforms?: string[]
  /** The first layer comes from this seed (per platform), so images can share a base layer. */
  sharedBaseSeed?: string
  /** Add a buildx-style unknown/unknown attestation manifest per platform (OCI only; implies an index). */
  attestations?: boolean
  /**
   * Make the first layer of each platform foreign (non-distributable, as Windows base layers), its
   * descriptor carrying `urls: [FOREIGN_LAYER_URL]`. The blob stays in `blobs`, so pushImage still
   * uploads it. Push only to a registry started with `allowForeignUrls`: others refuse the manifest.
   * `'no-urls'`: the same layer type without `urls` (the blob is then only in the source).
   */
  foreignLayer?: boolean | 'no-urls'
}

/** Never fetched: `.invalid` cannot resolve, so a client that follows it fails instead of leaving loopback. */
export const FOREIGN_LAYER_URL = 'https://example.invalid/layer'

// Spelled out here rather than imported from src/: fixtures must not share a typo with the code under test.
const MediaType = {
  DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  DockerConfig: 'application/vnd.docker.container.image.v1+json',
  DockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  OciManifest: 'application/vnd.oci.image.manifest.v1+json',
  OciIndex: 'application/vnd.oci.image.index.v1+json',
  OciConfig: 'application/vnd.oci.image.config.v1+json',
  OciLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  DockerForeignLayer: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  OciLayerNondistributableGzip: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  OciEmpty: 'application/vnd.oci.empty.v1+json'
} as const

const CREATED = '2024-01-01T00:00:00Z'
const ATTESTATION_PREDICATE = 'https://slsa.dev/provenance/v0.2'
export const DEFAULT_ARTIFACT_TYPE = 'application/vnd.dev.mirror-action.test.v1+json'

export function parsePlatform(p: string): PlatformSpec {
  const [os, architecture, variant, ...rest] = p.split('/')
  if (!os || !architecture || rest.length > 0) throw new Error(`bad platform "${p}": want os/arch[/variant]`)
  return variant ? { os, architecture, variant } : { os, architecture }
}

function jsonBlob(value: unknown, mediaType: string): BuiltBlob {
  const data = Buffer.from(JSON.stringify(value))
  return { digest: sha256(data), size: data.length, mediaType, data }
}

const descriptor = (b: { mediaType: string; digest: string; size: number }): object => ({
  mediaType: b.mediaType,
  digest: b.digest,
  size: b.size
})

function manifestOf(value: unknown, mediaType: string, platform?: PlatformSpec): BuiltManifest {
  const bytes = Buffer.from(JSON.stringify(value, null, 2))
  return { bytes, digest: sha256(bytes), mediaType, ...(platform ? { platform } : {}) }
}

/** A gzip-compressed tar with one file of seeded random bytes; also returns the tar's diff_id. */
function layer(seed: string, size: number, mediaType: string): { blob: BuiltBlob; diffId: string } {
  const tar = tarOneFile(`data/${sha256(seed).slice(7, 23)}.bin`, seededBytes(seed, size))
  const data = gzipStored(tar)
  return { blob: { digest: sha256(data), size: data.length, mediaType, data }, diffId: sha256(tar) }
}

function singleImage(
  opts: BuildImageOptions,
  platform: PlatformSpec,
  blobs: Map<string, BuiltBlob>
): BuiltManifest {
  const docker = opts.format === 'docker'
  const plat = [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/')
  const foreign = docker ? MediaType.DockerForeignLayer : MediaType.OciLayerNondistributableGzip
  const plain = docker ? MediaType.DockerLayer : MediaType.OciLayerGzip
  const layers = (opts.layerSizes ?? [4096, 8192]).map((size, i) =>
    layer(
      i === 0 && opts.sharedBaseSeed
        ? `base:${opts.sharedBaseSeed}:${plat}`
        : `layer:${opts.seed}:${plat}:${i}`,
      size,
      i === 0 && opts.foreignLayer ? foreign : plain
    )
  )
  const layerDescriptor = (b: BuiltBlob): object =>
    b.mediaType === foreign && opts.foreignLayer !== 'no-urls'
      ? { ...descriptor(b), urls: [FOREIGN_LAYER_URL] }
      : descriptor(b)
  const config = jsonBlob(
    {
      created: CREATED,
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant ? { variant: platform.variant } : {}),
      config: {
        Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
        Cmd: ['/bin/sh'],
        Labels: { 'dev.mirror-action.test.seed': opts.seed }
      },
      rootfs: { type: 'layers', diff_ids: layers.map(l => l.diffId) },
      history: layers.map((_, i) => ({ created: CREATED, created_by: `mirror-action test layer ${i}` }))
    },
    docker ? MediaType.DockerConfig : MediaType.OciConfig
  )
  for (const b of [config, ...layers.map(l => l.blob)]) blobs.set(b.digest, b)
  const mediaType = docker ? MediaType.DockerManifest : MediaType.OciManifest
  return manifestOf(
    {
      schemaVersion: 2,
      mediaType,
      config: descriptor(config),
      layers: layers.map(l => layerDescriptor(l.blob))
    },
    mediaType,
    platform
  )
}

/** A buildx-style attestation manifest (in-toto provenance) for one platform manifest. */
function attestation(seed: string, image: BuiltManifest, blobs: Map<string, BuiltBlob>): BuiltManifest {
  const statement = jsonBlob(
    {
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: ATTESTATION_PREDICATE,
      subject: [{ name: `pkg:docker/mirror-action-test/${seed}`, digest: { sha256: image.digest.slice(7) } }],
      predicate: { builder: { id: 'mirror-action-test' }, seed }
    },
    'application/vnd.in-toto+json'
  )
  const config = jsonBlob(
    {
      architecture: 'unknown',
      os: 'unknown',
      config: {},
      rootfs: { type: 'layers', diff_ids: [statement.digest] }
    },
    MediaType.OciConfig
  )
  blobs.set(statement.digest, statement)
  blobs.set(config.digest, config)
  return manifestOf(
    {
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: descriptor(config),
      layers: [
        { ...descriptor(statement), annotations: { 'in-toto.io/predicate-type': ATTESTATION_PREDICATE } }
      ]
    },
    MediaType.OciManifest,
    { os: 'unknown', architecture: 'unknown' }
  )
}

export function buildImage(opts: BuildImageOptions): BuiltImage {
  const docker = opts.format === 'docker'
  if (docker && opts.attestations)
    throw new Error('buildImage: attestations need OCI media types (as buildx)')
  const blobs = new Map<string, BuiltBlob>()
  if (!opts.platforms && !opts.attestations) {
    return {
      manifest: singleImage(opts, parsePlatform('linux/amd64'), blobs),
      children: [],
      blobs: [...blobs.values()]
    }
  }
  const platforms = (opts.platforms ?? ['linux/amd64']).map(parsePlatform)
  const images = platforms.map(p => singleImage(opts, p, blobs))
  const attestations = opts.attestations ? images.map(m => attestation(opts.seed, m, blobs)) : []
  const entries = [
    ...images.map(m => ({ ...descriptor({ ...m, size: m.bytes.length }), platform: m.platform })),
    ...attestations.map((a, i) => ({
      ...descriptor({ ...a, size: a.bytes.length }),
      annotations: {
        'vnd.docker.reference.digest': images[i].digest,
        'vnd.docker.reference.type': 'attestation-manifest'
      },
      platform: a.platform
    }))
  ]
  const mediaType = docker ? MediaType.DockerManifestList : MediaType.OciIndex
  return {
    manifest: manifestOf({ schemaVersion: 2, mediaType, manifests: entries }, mediaType),
    children: [...images, ...attestations],
    blobs: [...blobs.values()]
  }
}

/** An OCI artifact manifest (empty config) whose `subject` is the given manifest. */
export function buildArtifact(opts: {
  seed: string
  subject: { digest: string; size: number; mediaType: string }
  artifactType?: string
}): BuiltImage {
  const artifactType = opts.artifactType ?? DEFAULT_ARTIFACT_TYPE
  const empty = jsonBlob({}, MediaType.OciEmpty)
  const payload = jsonBlob(
    {
      seed: opts.seed,
      subject: opts.subject.digest,
      data: seededBytes(`artifact:${opts.seed}`, 32).toString('hex')
    },
    'application/json'
  )
  const manifest = manifestOf(
    {
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      artifactType,
      config: descriptor(empty),
      layers: [descriptor(payload)],
      subject: descriptor(opts.subject),
      annotations: { 'org.opencontainers.image.created': CREATED }
    },
    MediaType.OciManifest
  )
  return { manifest, children: [], blobs: [empty, payload] }
}
