/** Manifest bytes: digests, media type detection, and the limits that protect us from hostile registries. */
import { createHash } from 'node:crypto'
import { isSchema1, MediaType } from './mediatypes.js'

/** Larger manifests are refused while reading (the distribution spec's recommended limit). */
export const MANIFEST_LIMIT = 4 * 1024 * 1024

export function digestOf(bytes: Buffer, algorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`
}

export function algorithmOf(digest: string): string {
  const algo = digest.split(':')[0] ?? ''
  if (algo !== 'sha256' && algo !== 'sha512')
    throw new Error(`unsupported digest algorithm in ${JSON.stringify(digest.slice(0, 80))}`)
  return algo
}

const GENERIC = new Set([
  '',
  'application/json',
  'text/plain',
  'application/octet-stream',
  'binary/octet-stream'
])

/** Strip parameters: `application/json; charset=utf-8` → `application/json`. */
export function baseMediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

export class Schema1Error extends Error {
  constructor(what: string) {
    super(
      `${what} is a Docker schema 1 manifest: this format is deprecated and not supported; rebuild or re-push the image with a current Docker/buildx to get a schema 2 or OCI manifest`
    )
    this.name = 'Schema1Error'
  }
}

/**
 * The media type of manifest bytes: the body's own `mediaType` wins, then a specific Content-Type,
 * then the shape (`manifests` → index, `config` → image manifest). Schema 1 throws.
 */
export function detectMediaType(bytes: Buffer, contentType: string | undefined, what: string): string {
  const ct = baseMediaType(contentType)
  if (isSchema1(ct)) throw new Schema1Error(what)
  let j: {
    schemaVersion?: unknown
    mediaType?: unknown
    manifests?: unknown
    config?: unknown
    layers?: unknown
  }
  try {
    j = JSON.parse(bytes.toString('utf8')) as typeof j
  } catch (e) {
    throw new Error(`${what}: manifest is not valid JSON`, { cause: e })
  }
  if (j === null || typeof j !== 'object') throw new Error(`${what}: manifest is not a JSON object`)
  if (j.schemaVersion === 1) throw new Schema1Error(what)
  if (typeof j.mediaType === 'string' && j.mediaType !== '') {
    if (isSchema1(j.mediaType)) throw new Schema1Error(what)
    return j.mediaType
  }
  if (!GENERIC.has(ct)) return ct
  if (Array.isArray(j.manifests)) return MediaType.OciIndex
  if (j.config && typeof j.config === 'object') return MediaType.OciManifest
  throw new Error(
    `${what}: cannot tell the manifest's media type (no mediaType field, Content-Type ${JSON.stringify(ct)})`
  )
}
