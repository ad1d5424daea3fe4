/** Reading manifests found on disk: media type detection and the descriptors a manifest points to. */
import type { Descriptor, ManifestJson } from '../oci/index.js'
import { MediaType, isIndex } from '../oci/index.js'
import { parseDigest } from './fs/index.js'
import { isObject, parseJsonText } from './fs/index.js'

/** Parse manifest bytes, checking the shape of every descriptor we may later use as a file name. */
export function parseManifest(bytes: Buffer, what: string): ManifestJson {
  const json = parseJsonText(bytes.toString('utf8'), what)
  if (!isObject(json)) throw new Error(`${what}: manifest is not a JSON object`)
  const m = json as unknown as ManifestJson
  for (const d of descriptorsOf(m)) checkDescriptor(d, what)
  if (m.subject !== undefined) checkDescriptor(m.subject, what)
  return m
}

export function checkDescriptor(d: unknown, what: string): Descriptor {
  if (!isObject(d)) throw new Error(`${what}: descriptor is not an object`)
  parseDigest(d.digest, what)
  if (typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0) {
    throw new Error(`${what}: descriptor ${String(d.digest)} has an invalid size`)
  }
  if (typeof d.mediaType !== 'string')
    throw new Error(`${what}: descriptor ${String(d.digest)} has no mediaType`)
  return d as unknown as Descriptor
}

/** The manifest's own media type: the field when present, otherwise inferred from its shape. */
export function manifestMediaType(m: ManifestJson, fallback?: string): string {
  if (typeof m.mediaType === 'string' && m.mediaType) return m.mediaType
  if (fallback) return fallback
  // Schema 1 has no mediaType field: named as such, so the refusal that follows names it right.
  if (m.schemaVersion === 1) {
    const signed = Array.isArray((m as { signatures?: unknown }).signatures)
    return signed ? MediaType.DockerSchema1Signed : MediaType.DockerSchema1
  }
  if (Array.isArray(m.manifests)) return MediaType.OciIndex
  return MediaType.OciManifest
}

/** Every descriptor a manifest references: index children, or config and layers. */
export function descriptorsOf(m: ManifestJson): Descriptor[] {
  if (m.manifests !== undefined && !Array.isArray(m.manifests)) throw new Error('manifests is not an array')
  if (m.layers !== undefined && !Array.isArray(m.layers)) throw new Error('layers is not an array')
  const out: Descriptor[] = [...(m.manifests ?? [])]
  if (m.config) out.push(m.config)
  out.push(...(m.layers ?? []))
  return out
}

/** Blobs (not manifests) an image manifest needs present for the image to be complete. */
export function requiredBlobs(m: ManifestJson): Descriptor[] {
  const out: Descriptor[] = []
  if (m.config) out.push(m.config)
  // A layer with urls can be fetched from there; any other, foreign type or not, must be here.
  for (const l of m.layers ?? []) if (!l.urls?.length) out.push(l)
  return out
}

export function isIndexManifest(m: ManifestJson, mediaType: string): boolean {
  return isIndex(mediaType) || Array.isArray(m.manifests)
}

/**
 * Refuse to publish an image with missing parts: walk indexes down to image manifests and check
 * every required blob is present.
 */
export async function assertComplete(
  desc: Descriptor,
  io: { manifest(d: Descriptor): Promise<ManifestJson>; hasBlob(d: Descriptor): Promise<boolean> },
  name: string,
  depth = 0,
  root = desc.digest
): Promise<void> {
  if (depth > 4) throw new Error(`${name}: manifest ${desc.digest} nests more than 4 indexes`)
  const json = await io.manifest(desc)
  if (isIndexManifest(json, desc.mediaType)) {
    for (const child of json.manifests ?? []) await assertComplete(child, io, name, depth + 1, root)
    return
  }
  for (const b of requiredBlobs(json)) {
    if (!(await io.hasBlob(b))) {
      const of = desc.digest === root ? '' : ` of ${desc.digest}`
      throw new Error(`${name}: not publishing ${root}: blob ${b.digest} (${b.mediaType})${of} is missing`)
    }
  }
}
