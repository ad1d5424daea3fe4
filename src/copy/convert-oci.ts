/**
 * Docker v2 schema 2 → OCI conversion (`--format oci`), as skopeo writes a docker-archive into an
 * `oci:` layout: OCI tools (umoci) unpack only OCI media types. Blobs are unchanged (a Docker image
 * config is a valid OCI config); only manifest media types change, so every converted manifest
 * gets a new digest. An OCI manifest or index is returned unchanged (same bytes).
 */
import { MediaType, sha256Digest } from '../oci/index.js'
import type { Descriptor, Manifest } from '../oci/index.js'
import { ConvertError } from './convert.js'

const LAYER_MAP: Record<string, string> = {
  [MediaType.DockerLayer]: MediaType.OciLayerGzip,
  'application/vnd.docker.image.rootfs.diff.tar': MediaType.OciLayer,
  [MediaType.DockerForeignLayer]: MediaType.OciLayerNondistributableGzip
}

/** Media type of `d` in an OCI manifest: Docker types mapped, OCI ones kept. */
function ociType(d: Descriptor, what: string): string {
  if (d.mediaType.startsWith('application/vnd.oci.')) return d.mediaType
  const mt = LAYER_MAP[d.mediaType]
  if (!mt) throw new ConvertError(`cannot convert ${what} to OCI: layer ${d.digest} is ${d.mediaType}`)
  return mt
}

function ociDescriptor(d: Descriptor, mediaType: string): Record<string, unknown> {
  const out: Record<string, unknown> = { mediaType, digest: d.digest, size: d.size }
  if (d.urls?.length) out.urls = d.urls
  if (d.annotations) out.annotations = d.annotations
  if (d.platform) out.platform = d.platform
  return out
}

function encode(obj: unknown, mediaType: string): Manifest {
  // Compact, as skopeo and containerd write OCI manifests.
  const bytes = Buffer.from(JSON.stringify(obj))
  return { bytes, mediaType, digest: sha256Digest(bytes) }
}

export function convertManifestToOci(m: Manifest): Manifest {
  if (m.mediaType === MediaType.OciManifest) return m
  if (m.mediaType !== MediaType.DockerManifest) {
    throw new ConvertError(`cannot convert ${m.mediaType} to an OCI image manifest`)
  }
  const json = JSON.parse(m.bytes.toString('utf8')) as { config?: Descriptor; layers?: Descriptor[] }
  const config = json.config
  if (!config || config.mediaType !== MediaType.DockerConfig) {
    throw new ConvertError(
      `cannot convert ${m.digest} to OCI: config ${config?.mediaType ?? 'missing'} is not a Docker image config`
    )
  }
  return encode(
    {
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: ociDescriptor(config, MediaType.OciConfig),
      layers: (json.layers ?? []).map(l => ociDescriptor(l, ociType(l, m.digest)))
    },
    MediaType.OciManifest
  )
}

/** An index whose entries point at the converted children (`children`: source digest → converted). */
export function convertIndexToOci(m: Manifest, children: Map<string, Manifest>): Manifest {
  if (m.mediaType !== MediaType.OciIndex && m.mediaType !== MediaType.DockerManifestList) {
    throw new ConvertError(`cannot convert ${m.mediaType} to an OCI index`)
  }
  const json = JSON.parse(m.bytes.toString('utf8')) as { manifests?: Descriptor[] }
  const entries = json.manifests ?? []
  const manifests = entries.map(d => {
    const child = children.get(d.digest)
    if (!child) throw new ConvertError(`index ${m.digest} entry ${d.digest} was not converted`)
    return ociDescriptor({ ...d, digest: child.digest, size: child.bytes.length }, child.mediaType)
  })
  if (m.mediaType === MediaType.OciIndex && manifests.every((d, i) => d.digest === entries[i]?.digest)) {
    return m
  }
  return encode({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests }, MediaType.OciIndex)
}
