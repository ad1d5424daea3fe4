/**
 * The OCI distribution client (distribution spec v1.1 over undici). One per run: it keeps one
 * keep-alive agent and token cache per registry. Each method names the endpoint it calls.
 */
import type { Readable } from 'node:stream'
import { CredentialStore } from '../auth/index.js'
import type { Descriptor, Manifest } from '../oci/index.js'
import { verifiedBlobStream } from './blobstream.js'
import { failure, RegistryError } from '../http/index.js'
import { floorFor, header, timeoutsFor, type Timeouts } from '../http/index.js'
import type { RetryOptions, RetryPolicy } from '../oci/index.js'
import { getManifest, headManifest, putManifest } from './manifests.js'
import type { RateLimit } from './ratelimit.js'
import { formatReference, formatRepository, registryKey, type Reference } from '../oci/index.js'
import { Session, type RegistryOptions } from './session.js'
import { GHCR_MAX_CHUNK, mountBlob, uploadBlob, type BlobBody } from './upload.js'
import { addToFallbackIndex, ReferrersMemo, referrerOf, referrers } from './referrers.js'
import { DEFAULT_MAX_TAGS, listTags } from './tags.js'
import { blobPath, pingPath } from './endpoints.js'
import { deleteManifest, deleteTag, type DeleteOutcome } from './delete.js'
import { VERSION } from './version.js'

export type { RateLimit } from './ratelimit.js'
export type { RegistryOptions } from './session.js'
export type { BlobBody } from './upload.js'

export interface ClientOptions {
  credentials?: CredentialStore
  /** Keyed by host as the user wrote it (normalised with registryKey). */
  registries?: Record<string, RegistryOptions>
  userAgent?: string
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number; maxRetryAfterMs?: number }
  timeouts?: Partial<Timeouts>
  onRateLimit?: (registry: string, rl: RateLimit) => void
  /** Every HTTP response, URL redacted. */
  onRequest?: (e: { method: string; url: string; status: number }) => void
  /** Security-relevant notices (e.g. credentials withheld from a token realm); default stderr. */
  warn?: (message: string) => void
  /** Debug lines: every HTTP exchange, retry decision and 401 reason, never a secret (debug.ts). */
  debug?: (line: string) => void
  /** Page size asked for with `?n=` when listing tags. */
  tagPageSize?: number
  /** Most tags read per repository on every registry (the CLI's `--max-tags`), over `registries.*.maxTags`. */
  maxTags?: number
  /** Injected for tests; default setTimeout. */
  sleep?: (ms: number) => Promise<void>
}

export const USER_AGENT = `mirror-action/${VERSION}`

export class RegistryClient {
  /** Exposed for the transports and tests; not a stable API. */
  readonly session: Session
  private readonly pushRepos = new Set<string>()
  private readonly tagPageSize: number
  private readonly maxTags: number | undefined
  private readonly referrersMemo = new ReferrersMemo()
  private readonly warn: (message: string) => void
  /** registry/repository → its tag list, listed once per client (a run is short; nothing expires). */
  private readonly tagLists = new Map<string, Promise<string[]>>()
  /** Registries that refused a blob in one PUT (413): every later upload there goes in chunks. */
  private readonly chunkedUploads = new Set<string>()

  constructor(opts: ClientOptions = {}) {
    this.session = new Session({
      credentials: opts.credentials ?? CredentialStore.empty(),
      registries: opts.registries ?? {},
      userAgent: opts.userAgent ?? USER_AGENT,
      retry: opts.retry as Partial<RetryOptions> | undefined,
      timeouts: opts.timeouts,
      onRateLimit: opts.onRateLimit,
      onRequest: opts.onRequest,
      warn: opts.warn,
      debug: opts.debug,
      sleep: opts.sleep
    })
    this.tagPageSize = opts.tagPageSize ?? 1000
    this.maxTags = opts.maxTags
    this.warn = opts.warn ?? (m => process.stderr.write(`warning: ${m}\n`))
  }

  /**
   * Declare that this run writes to `repository`: every token for it then asks for `pull,push`, so
   * one token serves the destination's reads and writes. The Docker destination calls this.
   */
  willPush(registry: string, repository: string): void {
    this.pushRepos.add(`${registryKey(registry)}/${repository}`)
  }

  /**
   * Repositories this run is about to read (a plan's sources and targets): behind a token server
   * their tokens are then asked for several repositories per request. No request.
   */
  announceRepositories(registry: string, repositories: Iterable<string>): void {
    const scopes: string[] = []
    for (const r of repositories) scopes.push(...this.scopes(registry, r))
    this.session.announceScopes(registry, scopes)
  }

  /** The one retry policy of this client's requests; give it to the copy engine too. No request. */
  get retryPolicy(): RetryPolicy {
    return this.session.http.policy
  }

  /** Token scopes for a repository (pull, or pull,push where this run writes). No request. */
  scopes(registry: string, repository: string, push = false): string[] {
    const p = push || this.pushRepos.has(`${registryKey(registry)}/${repository}`)
    return [`repository:${repository}:${p ? 'pull,push' : 'pull'}`]
  }

  /** end-1 GET /v2/ — reachability, TLS, and the credentials (a token without scope, like `docker login`). */
  async ping(registry: string): Promise<void> {
    const res = await this.session.request({
      registry,
      method: 'GET',
      path: pingPath(),
      scopes: [],
      bufferLimit: 65536
    })
    if (res.status !== 200) throw await failure(res, 'GET', 'ping', `registry ${registryKey(registry)}`)
  }

  /** end-3 HEAD /v2/<name>/manifests/<reference> — undefined on 404. Does not count as a Docker Hub pull. */
  async manifestHead(ref: Reference): Promise<Descriptor | undefined> {
    return headManifest(this, ref)
  }

  /** end-3 GET /v2/<name>/manifests/<reference> — digest verified, 4 MiB cap, schema 1 refused. */
  async manifestGet(ref: Reference): Promise<Manifest> {
    return getManifest(this, ref)
  }

  /**
   * end-7 PUT /v2/<name>/manifests/<tag|digest> — the bytes exactly as given; returns the digest. A
   * manifest with a `subject` put to a registry that does not answer `OCI-Subject` (no referrers
   * API) is also added to the `sha256-<subject hex>` fallback index, as OCI distribution 1.1 asks.
   */
  async manifestPut(ref: Reference, m: Manifest): Promise<string> {
    const res = await putManifest(this, ref, m)
    if (!header(res.headers, 'oci-subject')) {
      const referrer = referrerOf(m)
      if (referrer) {
        await addToFallbackIndex(this, this.referrersMemo, {
          registry: ref.registry,
          repository: ref.repository,
          ...referrer,
          warn: this.warn
        })
      }
    }
    return m.digest
  }

  /**
   * end-9 DELETE /v2/<name>/manifests/<digest> — the manifest and EVERY tag on it. A tag is resolved
   * to its digest first (end-3 HEAD); callers that must spare other tags check them first.
   */
  async manifestDelete(ref: Reference): Promise<void> {
    let digest = ref.digest
    if (!digest) {
      const d = await this.manifestHead(ref)
      if (!d)
        throw new RegistryError(`not found: ${formatReference(ref)}`, {
          method: 'HEAD',
          url: '',
          status: 404,
          codes: ['MANIFEST_UNKNOWN']
        })
      digest = d.digest
    }
    await deleteManifest(this, ref.registry, ref.repository, digest)
    this.tagLists.delete(`${registryKey(ref.registry)}/${ref.repository}`)
  }

  /**
   * end-9 DELETE /v2/<name>/manifests/<tag> (OCI 1.1 tag deletion) — the tag only; 'unsupported'
   * when the registry answers 400/405 (distribution 2.x has no tag deletion).
   */
  async tagDelete(registry: string, repository: string, tag: string): Promise<DeleteOutcome> {
    const out = await deleteTag(this, registry, repository, tag)
    if (out === 'deleted') this.tagLists.delete(`${registryKey(registry)}/${repository}`)
    return out
  }

  /** end-2 HEAD /v2/<name>/blobs/<digest> — the size, or undefined on 404. */
  async blobHead(registry: string, repository: string, digest: string): Promise<number | undefined> {
    const res = await this.session.request({
      registry,
      method: 'HEAD',
      path: blobPath(repository, digest),
      scopes: this.scopes(registry, repository)
    })
    await res.body?.dump().catch(() => {})
    if (res.status === 404) return undefined
    if (res.status !== 200)
      throw await failure(res, 'HEAD', 'pull', `blob ${digest} in ${formatRepository(registry, repository)}`)
    const n = Number(header(res.headers, 'content-length'))
    return Number.isFinite(n) ? n : 0
  }

  /** end-2 GET /v2/<name>/blobs/<digest> — a stream verified against desc.digest and desc.size; never buffered. */
  async blobGet(registry: string, repository: string, desc: Descriptor): Promise<Readable> {
    const what = formatRepository(registry, repository)
    const open = async (offset: number) =>
      this.session.request({
        registry,
        method: 'GET',
        path: blobPath(repository, desc.digest),
        headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
        scopes: this.scopes(registry, repository)
      })
    const res = await open(0)
    if (res.status !== 200) throw await failure(res, 'GET', 'pull', `blob ${desc.digest} in ${what}`)
    return verifiedBlobStream(res, desc, {
      what,
      policy: this.session.http.policy,
      reopen: open,
      url: res.url,
      // The registry's own min-throughput, also when its blobs come from a CDN host.
      floor: floorFor(
        timeoutsFor(this.session.http.timeouts, this.session.options(registry)),
        new URL(res.url)
      )
    })
  }

  /** end-11 POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<repo> — true on 201; false (session cancelled) on 202. */
  async blobMount(
    registry: string,
    repository: string,
    digest: string,
    fromRepository: string
  ): Promise<boolean> {
    return mountBlob(this.uploadTarget(registry, repository), digest, fromRepository)
  }

  /**
   * end-4a POST /v2/<name>/blobs/uploads/ then end-6 PUT <location>?digest= (one streaming request), or end-5 PATCH
   * chunks when `maxChunkSize` is configured (GHCR: 4 MiB by default) or the registry refused a
   * single PUT earlier in the run. Pass a function for `body` to let a failed upload restart with a
   * fresh session and a fresh stream; without one, a refused PUT fails retryable and the caller's
   * next attempt goes in chunks.
   */
  async blobUpload(registry: string, repository: string, desc: Descriptor, body: BlobBody): Promise<void> {
    const key = registryKey(registry)
    // GHCR is known by its host, or by the `service="ghcr.io"` of its challenge (behind another name).
    const chunk =
      this.session.options(key).maxChunkSize ??
      (this.session.flavour(key) === 'ghcr' || this.chunkedUploads.has(key) ? GHCR_MAX_CHUNK : undefined)
    await uploadBlob(this.uploadTarget(registry, repository), desc, body, chunk, () =>
      this.chunkedUploads.add(key)
    )
  }

  /**
   * end-8b GET /v2/<name>/tags/list?n=… following `Link: <…>; rel="next"`. Listed once per repository for
   * the client's life and shared by concurrent callers (the plan's filters, every image's cosign
   * tags); a failed listing is forgotten so the next caller lists again. At most `max-tags` tags
   * (DEFAULT_MAX_TAGS unless configured) are read: a longer list is an error, never a partial list.
   */
  async tagList(registry: string, repository: string, opts: { fresh?: boolean } = {}): Promise<string[]> {
    const key = `${registryKey(registry)}/${repository}`
    // fresh: listed anew (retention must see the tags this run wrote before it deletes).
    if (opts.fresh) this.tagLists.delete(key)
    let p = this.tagLists.get(key)
    if (!p) {
      const maxTags = this.maxTags ?? this.session.options(registry).maxTags ?? DEFAULT_MAX_TAGS
      p = listTags(this, registry, repository, { pageSize: this.tagPageSize, maxTags })
      this.tagLists.set(key, p)
      p.catch(() => this.tagLists.delete(key))
    }
    return [...(await p)]
  }

  /**
   * end-12a GET /v2/<name>/referrers/<digest>; where the registry has no referrers API (remembered for the
   * client's life after its first 404/400/405/501), HEAD then GET of the `sha256-<hex>` fallback tag.
   */
  async referrers(registry: string, repository: string, digest: string): Promise<Descriptor[]> {
    return referrers(this, this.referrersMemo, registry, repository, digest)
  }

  /** The last `RateLimit-*` headers `registry` answered with (Docker Hub counts pulls). No request. */
  rateLimit(registry: string): RateLimit | undefined {
    return this.session.rateLimit(registry)
  }

  /** Closes the keep-alive connections. No request. */
  async close(): Promise<void> {
    await this.session.http.close()
  }

  private uploadTarget(registry: string, repository: string) {
    return {
      session: this.session,
      registry: registryKey(registry),
      repository,
      scopes: this.scopes(registry, repository, true)
    }
  }
}
