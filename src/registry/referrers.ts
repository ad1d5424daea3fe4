/**
 * Referrers (OCI distribution 1.1): `GET /v2/<name>/referrers/<digest>` where the registry has the
 * API, else the `sha256-<hex>` tag fallback (an image index). Docker Hub bills every manifest GET
 * as a pull, and most subjects have no fallback tag: it is HEADed first, fetched only when there.
 * Pushing a referrer to a registry without the API, the client keeps that index up to date itself.
 */
import type { Descriptor, Manifest } from '../oci/index.js'
import type { RegistryContext } from './session.js'
import { failure, RegistryError } from '../http/index.js'
import { digestOf, MANIFEST_LIMIT } from '../oci/index.js'
import { getManifest, headManifest, putManifest } from './manifests.js'
import { isIndex, MediaType } from '../oci/index.js'
import { formatRepository, registryKey } from '../oci/index.js'
import { referrersPath } from './endpoints.js'

const TAG_UNSAFE = /[^a-zA-Z0-9._-]/g

/** The spec's referrers tag schema: `<alg>-<ref>`, ref cut to 64 characters (sha512 → 128 would not fit a tag). */
export function fallbackTag(digest: string): string {
  const i = digest.indexOf(':')
  const alg = digest.slice(0, i).slice(0, 32).replace(TAG_UNSAFE, '-')
  return `${alg}-${digest.slice(i + 1, i + 65).replace(TAG_UNSAFE, '-')}`
}

/**
 * What one client has learnt about the registries' referrers API, for its whole life. A registry
 * with the API answers 200 (an empty index when there are none), so 404/400/405/501 means it has
 * none and later subjects go straight to the fallback tag. So does a redirect (GHCR sends the
 * endpoint to a web page) and a 429 that outlasted the retries (a registry that throttles the
 * endpoint this hard is not one to keep asking): the fallback tag still answers.
 */
export class ReferrersMemo {
  private readonly api = new Map<string, boolean>()
  private readonly probes = new Map<string, Promise<void>>()
  private readonly locks = new Map<string, Promise<void>>()
  /** `repo:tag>digest` this client has seen in a fallback index: no need to read it again. */
  readonly indexed = new Set<string>()

  /**
   * `call()` unless `registry` is known to lack the API (then undefined). While nobody knows yet,
   * the first caller asks alone and the others wait for what it learns; if it fails without
   * learning, the next waiter asks.
   */
  async whenApi<T>(registry: string, call: () => Promise<T | undefined>): Promise<T | undefined> {
    const key = registryKey(registry)
    for (;;) {
      const known = this.api.get(key)
      if (known === false) return undefined
      if (known === true) return call()
      const pending = this.probes.get(key)
      if (!pending) break
      await pending
    }
    // No await between the check above and this: concurrent callers see the probe.
    const p = call()
    const done = () => {
      this.probes.delete(key)
    }
    this.probes.set(key, p.then(done, done))
    return p
  }

  learn(registry: string, hasApi: boolean): void {
    this.api.set(registryKey(registry), hasApi)
  }

  /** Run `fn` once every earlier `fn` for `key` has settled: one read-modify-write of a tag at a time. */
  serialise<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.locks.get(key) ?? Promise.resolve()).then(fn)
    const tail = run.then(
      () => undefined,
      () => undefined
    )
    this.locks.set(key, tail)
    void tail.then(() => {
      if (this.locks.get(key) === tail) this.locks.delete(key)
    })
    return run
  }
}

/** The referrers of `digest`: from the API, else from the fallback tag, else none. */
export async function referrers(
  c: RegistryContext,
  memo: ReferrersMemo,
  registry: string,
  repository: string,
  digest: string
): Promise<Descriptor[]> {
  const list = await memo.whenApi(registry, () => fromApi(c, memo, registry, repository, digest))
  return list ?? fromFallbackTag(c, registry, repository, digest)
}

/** Answers that mean "no referrers API here" (see ReferrersMemo). */
const NO_API = new Set([400, 404, 405, 501, 301, 302, 303, 307, 308, 429])

/** GET /v2/<name>/referrers/<digest> — undefined when the registry has no referrers API. */
async function fromApi(
  c: RegistryContext,
  memo: ReferrersMemo,
  registry: string,
  repository: string,
  digest: string
): Promise<Descriptor[] | undefined> {
  const what = formatRepository(registry, repository)
  const res = await c.session.request({
    registry,
    method: 'GET',
    path: referrersPath(repository, digest),
    headers: { accept: MediaType.OciIndex },
    scopes: c.scopes(registry, repository),
    bufferLimit: MANIFEST_LIMIT,
    // GHCR redirects this endpoint to a (rate-limited) web page: a redirect means "no API", not followed.
    followRedirects: false
  })
  if (res.status === 200) {
    memo.learn(registry, true)
    try {
      const j = JSON.parse(res.data!.toString('utf8')) as { manifests?: unknown }
      if (Array.isArray(j.manifests)) return j.manifests as Descriptor[]
    } catch {
      // fall through to the error below
    }
    throw new RegistryError(`${what}: referrers response for ${digest} is not an image index`, {
      method: 'GET',
      url: res.url,
      status: 200
    })
  }
  if (NO_API.has(res.status)) {
    memo.learn(registry, false)
    return undefined
  }
  throw await failure(res, 'GET', 'pull', `referrers of ${digest} in ${what}`)
}

/** HEAD of the `sha256-<hex>` tag (free on Docker Hub), then GET only when it exists and is an index. */
async function fromFallbackTag(
  c: RegistryContext,
  registry: string,
  repository: string,
  digest: string
): Promise<Descriptor[]> {
  const ref = { registry, repository, tag: fallbackTag(digest) }
  const head = await headManifest(c, ref)
  if (!head || !isIndex(head.mediaType)) return []
  try {
    const m = await getManifest(c, ref)
    if (!isIndex(m.mediaType)) return []
    const j = JSON.parse(m.bytes.toString('utf8')) as { manifests?: unknown }
    return Array.isArray(j.manifests) ? (j.manifests as Descriptor[]) : []
  } catch (e) {
    // Deleted between the HEAD and the GET.
    if (e instanceof RegistryError && e.status === 404) return []
    throw e
  }
}

/** A manifest that names a subject, and its entry in the subject's referrers index. */
export interface Referrer {
  subject: string
  descriptor: Descriptor
}

const DIGEST = /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/

/** The subject and index entry (artifactType: the manifest's, else its config's media type) of `m`. */
export function referrerOf(m: Manifest): Referrer | undefined {
  if (!m.bytes.includes('"subject"')) return undefined // most manifests: skip the parse
  let j: {
    subject?: { digest?: unknown }
    artifactType?: unknown
    config?: { mediaType?: unknown }
    annotations?: unknown
  } | null
  try {
    j = JSON.parse(m.bytes.toString('utf8')) as typeof j
  } catch {
    return undefined
  }
  const subject = j?.subject?.digest
  if (!j || typeof subject !== 'string' || !DIGEST.test(subject)) return undefined
  const artifactType =
    typeof j.artifactType === 'string'
      ? j.artifactType
      : typeof j.config?.mediaType === 'string'
        ? j.config.mediaType
        : undefined
  const annotations = j.annotations
  const stringMap =
    annotations !== null &&
    typeof annotations === 'object' &&
    !Array.isArray(annotations) &&
    Object.values(annotations).every(v => typeof v === 'string')
  const descriptor: Descriptor = { mediaType: m.mediaType, digest: m.digest, size: m.bytes.length }
  if (artifactType) descriptor.artifactType = artifactType
  if (stringMap) descriptor.annotations = annotations as Record<string, string>
  return { subject, descriptor }
}

export interface FallbackUpdate extends Referrer {
  registry: string
  repository: string
  warn: (message: string) => void
}

/**
 * GET the subject's `sha256-<hex>` index (404: a new one), add the referrer unless listed, PUT it.
 * Serialised per tag within the client; writers in other processes can still race.
 */
export async function addToFallbackIndex(
  c: RegistryContext,
  memo: ReferrersMemo,
  u: FallbackUpdate
): Promise<void> {
  const tag = fallbackTag(u.subject)
  const key = `${registryKey(u.registry)}/${u.repository}:${tag}`
  const seen = `${key}>${u.descriptor.digest}`
  if (memo.indexed.has(seen)) return
  const ref = { registry: u.registry, repository: u.repository, tag }
  const where = `${formatRepository(u.registry, u.repository)}:${tag}`
  await memo.serialise(key, async () => {
    if (memo.indexed.has(seen)) return
    let index: { manifests: unknown[] } & Record<string, unknown>
    try {
      const current = await getManifest(c, ref).catch((e: unknown) => {
        if (e instanceof RegistryError && e.status === 404) return undefined
        throw e
      })
      if (!current) index = { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] }
      else {
        const j =
          current.mediaType === MediaType.OciIndex
            ? (JSON.parse(current.bytes.toString('utf8')) as unknown)
            : undefined
        if (!j || typeof j !== 'object' || !Array.isArray((j as { manifests?: unknown }).manifests)) {
          u.warn(`${where} is not an OCI image index; referrer ${u.descriptor.digest} not added to it`)
          return
        }
        index = j as typeof index
      }
      if (!index.manifests.some(d => (d as { digest?: unknown } | null)?.digest === u.descriptor.digest)) {
        index.manifests.push(u.descriptor)
        const bytes = Buffer.from(JSON.stringify(index))
        await putManifest(c, ref, { bytes, mediaType: MediaType.OciIndex, digest: digestOf(bytes) })
      }
      memo.indexed.add(seen)
    } catch (e) {
      if (e instanceof Error) e.message = `adding referrer ${u.descriptor.digest} to ${where}: ${e.message}`
      throw e
    }
  })
}
