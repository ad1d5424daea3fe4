/**
 * OCI → Docker v2 schema 2 conversion for registries that refuse OCI media types (old Harbor,
 * Huawei SWR). Blobs are unchanged (an OCI image config is a valid Docker config, gzip layers are
 * the same bytes); only manifest media types change, so every converted manifest gets a new digest.
 */
import { MediaType } from '../oci/index.js'
import { isAttestationEntry, sha256Digest } from '../oci/index.js'
import type { Descriptor, Manifest } from '../oci/index.js'

const LAYER_MAP: Record<string, string> = {
  [MediaType.OciLayerGzip]: MediaType.DockerLayer,
  [MediaType.DockerLayer]: MediaType.DockerLayer,
  [MediaType.OciLayerNondistributableGzip]: MediaType.DockerForeignLayer,
  [MediaType.DockerForeignLayer]: MediaType.DockerForeignLayer
}

export class ConvertError extends Error {}

/** Only the fields Docker's schema 2 descriptor knows: annotations have no place there. */
function dockerDescriptor(d: Descriptor, mediaType: string): Record<string, unknown> {
  const out: Record<string, unknown> = { mediaType, size: d.size, digest: d.digest }
  if (d.urls?.length) out.urls = d.urls
  if (d.platform) out.platform = d.platform
  return out
}

function encode(obj: unknown, mediaType: string): Manifest {
  // Docker writes schema 2 with a three-space indent; match it so the result looks native.
  const bytes = Buffer.from(JSON.stringify(obj, null, 3))
  return { bytes, mediaType, digest: sha256Digest(bytes) }
}

/**
 * Convert one image manifest. A Docker manifest is returned unchanged (same bytes). Refuses, naming
 * the offending media type, what schema 2 cannot express: artifacts (any config type other than an
 * image config), zstd or uncompressed layers.
 */
export function convertManifestToDocker(m: Manifest): Manifest {
  if (m.mediaType === MediaType.DockerManifest) return m
  if (m.mediaType !== MediaType.OciManifest) {
    throw new ConvertError(`cannot convert ${m.mediaType} to a Docker v2 schema 2 manifest`)
  }
  const json = JSON.parse(m.bytes.toString('utf8')) as { config?: Descriptor; layers?: Descriptor[] }
  const config = json.config
  if (!config || (config.mediaType !== MediaType.OciConfig && config.mediaType !== MediaType.DockerConfig)) {
    throw new ConvertError(
      `cannot convert ${m.digest} to Docker v2 schema 2: it is an artifact (config ${config?.mediaType ?? 'missing'}), not an image`
    )
  }
  const layers = (json.layers ?? []).map(l => {
    const mt = LAYER_MAP[l.mediaType]
    if (!mt) {
      throw new ConvertError(
        `cannot convert ${m.digest} to Docker v2 schema 2: layer ${l.digest} is ${l.mediaType}; only gzip layers can be expressed`
      )
    }
    return dockerDescriptor(l, mt)
  })
  return encode(
    {
      schemaVersion: 2,
      mediaType: MediaType.DockerManifest,
      config: dockerDescriptor(config, MediaType.DockerConfig),
      layers
    },
    MediaType.DockerManifest
  )
}

/**
 * Refuse, before any child is fetched or converted, what a Docker manifest list cannot carry:
 * attestation entries and nested indexes. The message names the way out.
 */
export function checkIndexConvertible(digest: string, entries: Descriptor[]): void {
  for (const d of entries) {
    if (isAttestationEntry(d)) {
      throw new ConvertError(
        `cannot convert ${digest} to a Docker manifest list: entry ${d.digest} is an attestation, which it cannot carry; drop attestations (keepAttestations: false / --drop-attestations)`
      )
    }
    if (d.mediaType === MediaType.OciIndex || d.mediaType === MediaType.DockerManifestList) {
      throw new ConvertError(
        `cannot convert ${digest} to a Docker manifest list: entry ${d.digest} is a nested index`
      )
    }
  }
}

/**
 * Convert an index into a Docker manifest list whose entries point at the converted children.
 * `children` maps each entry's source digest to its converted manifest. A manifest list cannot
 * nest lists or carry attestations, so those are refused with the way out named.
 */
export function convertIndexToDocker(m: Manifest, children: Map<string, Manifest>): Manifest {
  if (m.mediaType !== MediaType.OciIndex && m.mediaType !== MediaType.DockerManifestList) {
    throw new ConvertError(`cannot convert ${m.mediaType} to a Docker manifest list`)
  }
  const json = JSON.parse(m.bytes.toString('utf8')) as { manifests?: Descriptor[] }
  const entries = json.manifests ?? []
  checkIndexConvertible(m.digest, entries)
  const manifests = entries.map(d => {
    const child = children.get(d.digest)
    if (!child) throw new ConvertError(`index ${m.digest} entry ${d.digest} was not converted`)
    if (child.mediaType !== MediaType.DockerManifest) {
      throw new ConvertError(`cannot convert ${m.digest}: entry ${d.digest} is ${child.mediaType}`)
    }
    return dockerDescriptor(
      { ...d, digest: child.digest, size: child.bytes.length },
      MediaType.DockerManifest
    )
  })
  if (
    m.mediaType === MediaType.DockerManifestList &&
    manifests.every((d, i) => d.digest === json.manifests?.[i].digest)
  ) {
    return m
  }
  return encode(
    { schemaVersion: 2, mediaType: MediaType.DockerManifestList, manifests },
    MediaType.DockerManifestList
  )
}
