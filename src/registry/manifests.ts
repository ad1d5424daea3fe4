/** Manifest HEAD/GET/PUT: full Accept list, 4 MiB cap, digests verified both ways, schema 1 refused. */
import type { Descriptor, Manifest } from '../oci/index.js'
import type { RegistryContext } from './session.js'
import { failure, parseOciErrors, RegistryError } from '../http/index.js'
import { header, type HttpResponse } from '../http/index.js'
import {
  algorithmOf,
  baseMediaType,
  detectMediaType,
  digestOf,
  MANIFEST_LIMIT,
  Schema1Error
} from '../oci/index.js'
import { isSchema1, MANIFEST_ACCEPT_ALL } from '../oci/index.js'
import { formatReference, type Reference } from '../oci/index.js'
import { manifestPath } from './endpoints.js'

const ACCEPT = MANIFEST_ACCEPT_ALL.join(', ')
const GENERIC = new Set(['', 'application/json', 'text/plain', 'application/octet-stream'])

function referenceOf(ref: Reference): string {
  const r = ref.digest ?? ref.tag
  if (!r) throw new Error(`${formatReference(ref)}: a tag or digest is needed to address a manifest`)
  return r
}

/** HEAD /v2/<name>/manifests/<reference>; falls back to GET when the registry omits the digest or type. */
export async function headManifest(c: RegistryContext, ref: Reference): Promise<Descriptor | undefined> {
  const res = await c.session.request({
    registry: ref.registry,
    method: 'HEAD',
    path: manifestPath(ref.repository, referenceOf(ref)),
    headers: { accept: ACCEPT },
    scopes: c.scopes(ref.registry, ref.repository)
  })
  await res.body?.dump().catch(() => {})
  if (res.status === 404) return undefined
  if (res.status !== 200) throw await failure(res, 'HEAD', 'pull', formatReference(ref))
  const mediaType = baseMediaType(header(res.headers, 'content-type'))
  if (isSchema1(mediaType)) throw new Schema1Error(formatReference(ref))
  const digest = header(res.headers, 'docker-content-digest')
  const size = Number(header(res.headers, 'content-length'))
  if (!digest || GENERIC.has(mediaType) || !Number.isFinite(size) || size <= 0) {
    const m = await getManifest(c, ref)
    return { mediaType: m.mediaType, digest: m.digest, size: m.bytes.length }
  }
  if (ref.digest && digest !== ref.digest) {
    throw new RegistryError(`${formatReference(ref)}: registry answered for digest ${digest}`, {
      method: 'HEAD',
      url: res.url,
      status: res.status
    })
  }
  if (size > MANIFEST_LIMIT) {
    throw new RegistryError(
      `${formatReference(ref)}: manifest of ${size} bytes exceeds the ${MANIFEST_LIMIT} byte limit`,
      { method: 'HEAD', url: res.url }
    )
  }
  return { mediaType, digest, size }
}

/** Schema 1 by its Content-Type or its `schemaVersion` (a small, cheap look: the body is capped). */
function isSchema1Body(bytes: Buffer, contentType: string | undefined): boolean {
  if (isSchema1(baseMediaType(contentType))) return true
  try {
    const j = JSON.parse(bytes.toString('utf8')) as { schemaVersion?: unknown } | null
    return j !== null && typeof j === 'object' && j.schemaVersion === 1
  } catch {
    return false
  }
}

/** GET /v2/<name>/manifests/<reference>: the exact bytes, verified against the requested digest or Docker-Content-Digest. */
export async function getManifest(c: RegistryContext, ref: Reference): Promise<Manifest> {
  const what = formatReference(ref)
  const res = await c.session.request({
    registry: ref.registry,
    method: 'GET',
    path: manifestPath(ref.repository, referenceOf(ref)),
    headers: { accept: ACCEPT },
    scopes: c.scopes(ref.registry, ref.repository),
    bufferLimit: MANIFEST_LIMIT
  })
  if (res.status === 404) {
    const oci = parseOciErrors(res.data?.toString('utf8') ?? '')
    throw new RegistryError(`not found: ${what}`, {
      method: 'GET',
      url: res.url,
      status: 404,
      codes: oci.codes
    })
  }
  if (res.status !== 200) throw await failure(res, 'GET', 'pull', what)
  const bytes = res.data ?? Buffer.alloc(0)
  // Before the digest check: distribution re-signs a schema 1 manifest on every GET, so its bytes
  // never match any digest, and "does not match" would hide the real reason.
  if (isSchema1Body(bytes, header(res.headers, 'content-type'))) throw new Schema1Error(what)
  const expected = ref.digest ?? header(res.headers, 'docker-content-digest')
  const digest = digestOf(bytes, expected ? algorithmOf(expected) : 'sha256')
  if (expected && digest !== expected) {
    throw new RegistryError(
      `manifest ${what}: content does not match digest ${expected} (got ${digest}); refusing it`,
      {
        method: 'GET',
        url: res.url,
        status: res.status,
        codes: ['DIGEST_INVALID']
      }
    )
  }
  // Only verified bytes are parsed.
  const mediaType = detectMediaType(bytes, header(res.headers, 'content-type'), what)
  return { bytes, mediaType, digest }
}

/**
 * PUT /v2/<name>/manifests/<tag|digest>: the bytes exactly as given, after checking they have
 * `m.digest`; the response (its `OCI-Subject` header tells whether the registry indexed a subject).
 */
export async function putManifest(c: RegistryContext, ref: Reference, m: Manifest): Promise<HttpResponse> {
  const what = formatReference(ref)
  if (m.bytes.length > MANIFEST_LIMIT)
    throw new RegistryError(`${what}: manifest larger than ${MANIFEST_LIMIT} bytes`, {
      method: 'PUT',
      url: ''
    })
  const computed = digestOf(m.bytes, m.digest.startsWith('sha512:') ? 'sha512' : 'sha256')
  if (computed !== m.digest)
    throw new Error(`manifest for ${what}: bytes have digest ${computed}, not ${m.digest}`)
  if (ref.digest && ref.digest !== m.digest)
    throw new Error(`manifest for ${what}: digest ${m.digest} differs from the reference's digest`)
  const reference = ref.tag ?? m.digest
  const res = await c.session.request({
    registry: ref.registry,
    method: 'PUT',
    path: manifestPath(ref.repository, reference),
    headers: { 'content-type': m.mediaType },
    body: m.bytes,
    scopes: c.scopes(ref.registry, ref.repository, true),
    bufferLimit: 65536
  })
  if (res.status !== 201 && res.status !== 200 && res.status !== 202) {
    throw await failure(
      res,
      'PUT',
      'push',
      `manifest ${formatReference({ ...ref, tag: ref.tag, digest: ref.tag ? undefined : m.digest })}`
    )
  }
  const stored = header(res.headers, 'docker-content-digest')
  if (stored && stored !== m.digest) {
    throw new RegistryError(`${what}: registry stored manifest ${stored} instead of ${m.digest}`, {
      method: 'PUT',
      url: res.url,
      status: res.status
    })
  }
  return res
}
