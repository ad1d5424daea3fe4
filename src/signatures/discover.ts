/**
 * Finding an image's signatures in both places cosign puts them: Sigstore bundles as OCI referrers
 * (the API, else the `sha256-<hex>` fallback index: RegistryClient.referrers does both), then the
 * legacy `sha256-<hex>.sig` tag. Everything is capped before it is downloaded: how many candidates,
 * and the size each descriptor declares (the blob stream then holds the registry to that size).
 */
import type { Readable } from 'node:stream'
import type { Descriptor, Manifest } from '../oci/index.js'
import type { RegistryClient } from '../registry/index.js'
import { BUNDLE_MEDIA_TYPE, SIGNATURE_ANNOTATION, SIMPLE_SIGNING_MEDIA_TYPE } from './payloads.js'

/** Signatures looked at per format and image; a real image has one or two. */
export const MAX_CANDIDATES = 16
/** Per manifest or blob of a signature: a bundle with a certificate chain is a few KiB. */
export const MAX_SIGNATURE_BYTES = 1024 * 1024

export type Candidate =
  | { where: string; kind: 'bundle'; bundle: Buffer }
  | {
      where: string
      kind: 'legacy'
      payload: Buffer
      signature: string
      /** The layer's string annotations: certificate, chain and Rekor bundle when keyless. */
      annotations: Record<string, string>
    }
  /** Found but not read (too large, malformed): still a reason to show when nothing verifies. */
  | { where: string; kind: 'refused'; reason: string }

export interface Source {
  client: RegistryClient
  registry: string
  repository: string
}

export function legacyTag(digest: string): string {
  return `${digest.replace(':', '-')}.sig`
}

const short = (digest: string) => digest.slice(0, 19)
/** Digests from remote JSON go into request paths: only well-formed ones are used. */
const DIGEST = /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/

/** Bundles referring to `digest`, read one at a time: the caller stops at the first that verifies. */
export async function* bundleCandidates(s: Source, digest: string): AsyncGenerator<Candidate> {
  const all = await s.client.referrers(s.registry, s.repository, digest)
  const bundles = all.filter(d => d?.artifactType === BUNDLE_MEDIA_TYPE && DIGEST.test(String(d.digest)))
  for (const [i, d] of bundles.entries()) {
    const where = `bundle referrer ${short(String(d.digest))}`
    if (i >= MAX_CANDIDATES) {
      yield {
        where,
        kind: 'refused',
        reason: `not read: more than ${MAX_CANDIDATES} bundles refer to the image`
      }
      return
    }
    if (!(d.size <= MAX_SIGNATURE_BYTES)) {
      yield { where, kind: 'refused', reason: tooLarge(d.size) }
      continue
    }
    const m = await s.client.manifestGet({ registry: s.registry, repository: s.repository, digest: d.digest })
    const layers = layersOf(m).filter(l => l.mediaType === BUNDLE_MEDIA_TYPE)
    if (layers.length !== 1) {
      yield { where, kind: 'refused', reason: `malformed: ${layers.length} bundle layers, expected 1` }
      continue
    }
    const layer = layers[0]!
    if (!(layer.size <= MAX_SIGNATURE_BYTES)) {
      yield { where, kind: 'refused', reason: tooLarge(layer.size) }
      continue
    }
    yield { where, kind: 'bundle', bundle: await readBlob(s, layer) }
  }
}

/** The simple-signing layers of the `sha256-<hex>.sig` tag, each with its signature annotation. */
export async function* legacyCandidates(s: Source, digest: string): AsyncGenerator<Candidate> {
  const tag = legacyTag(digest)
  const ref = { registry: s.registry, repository: s.repository, tag }
  // HEAD first: most images have no .sig tag, and on Docker Hub a HEAD is not a pull.
  const head = await s.client.manifestHead(ref)
  if (!head) return
  if (head.size !== undefined && head.size > MAX_SIGNATURE_BYTES) {
    yield { where: `tag ${tag}`, kind: 'refused', reason: tooLarge(head.size) }
    return
  }
  const m = await s.client.manifestGet(ref)
  const layers = layersOf(m).filter(l => l.mediaType === SIMPLE_SIGNING_MEDIA_TYPE)
  for (const [i, l] of layers.entries()) {
    const where = `tag ${tag} layer ${i + 1}`
    if (i >= MAX_CANDIDATES) {
      yield { where, kind: 'refused', reason: `not read: more than ${MAX_CANDIDATES} signatures in the tag` }
      return
    }
    const signature = l.annotations?.[SIGNATURE_ANNOTATION]
    if (typeof signature !== 'string') {
      yield { where, kind: 'refused', reason: `malformed: no ${SIGNATURE_ANNOTATION} annotation` }
      continue
    }
    if (!(l.size <= MAX_SIGNATURE_BYTES)) {
      yield { where, kind: 'refused', reason: tooLarge(l.size) }
      continue
    }
    const annotations = Object.fromEntries(
      Object.entries(l.annotations ?? {}).filter((kv): kv is [string, string] => typeof kv[1] === 'string')
    )
    yield { where, kind: 'legacy', payload: await readBlob(s, l), signature, annotations }
  }
}

function tooLarge(size: unknown): string {
  return `refused: declares ${String(size)} bytes, over the ${MAX_SIGNATURE_BYTES / 1024 / 1024} MiB limit for a signature`
}

function layersOf(m: Manifest): Descriptor[] {
  let j: unknown
  try {
    j = JSON.parse(m.bytes.toString('utf8'))
  } catch {
    return []
  }
  const layers = (j as { layers?: unknown } | null)?.layers
  if (!Array.isArray(layers)) return []
  return (layers as unknown[]).filter(
    (l): l is Descriptor =>
      l !== null &&
      typeof l === 'object' &&
      DIGEST.test(String((l as Descriptor).digest)) &&
      typeof (l as Descriptor).size === 'number'
  )
}

/** The blob, verified against its descriptor by the client's stream (digest and size). */
async function readBlob(s: Source, d: Descriptor): Promise<Buffer> {
  const stream: Readable = await s.client.blobGet(s.registry, s.repository, d)
  const chunks: Buffer[] = []
  let n = 0
  for await (const c of stream) {
    n += (c as Buffer).length
    // The stream holds the registry to d.size already; this keeps the bound local and obvious.
    if (n > MAX_SIGNATURE_BYTES) {
      stream.destroy()
      throw new Error(`${d.digest}: more than ${MAX_SIGNATURE_BYTES} bytes`)
    }
    chunks.push(c as Buffer)
  }
  return Buffer.concat(chunks)
}
