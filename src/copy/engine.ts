/**
 * The copy engine: moves an image (manifest, OCI index or Docker manifest list, all platforms by
 * default) from an ImageSource to an ImageDestination, preserving manifest bytes so the digest
 * stays the same. Crash-safe order: blobs, child manifests by digest, the index by digest (only
 * when referrers follow), referrers, and the tag last — a tag never points at something incomplete.
 */
import { setMaxListeners } from 'node:events'
import { BlobMover } from './blobs.js'
import { ManifestCache } from './budget.js'
import { CopyError, toCopyError } from './errors.js'
import { Limiter } from './limiter.js'
import { prepare } from './prepare.js'
import { anyReferrers, copyReferrers, findReferrers, MAX_REFERRER_DEPTH } from './referrers.js'
import { joinHooks, type CopyHooks } from './hooks.js'
import { CopyRun, type RunShared } from './run.js'
import { DEFAULT_LIMITS, postOrder, type Limits } from './tree.js'
import type { ImageDestination, ImageSource, Manifest, MountHints, Platform } from '../oci/index.js'
import { causes, DeadlineError, DeadlineScope, RetryPolicy, sideOf, withDeadline } from '../oci/index.js'

/** The host of the innermost request URL down an error's cause chain. */
function hostInChain(e: unknown): string | undefined {
  let host: string | undefined
  for (const c of causes(e)) {
    if (typeof c.url !== 'string') continue
    try {
      host = new URL(c.url).host || host
    } catch {
      // not a URL: keep looking
    }
  }
  return host
}

export { CopyError } from './errors.js'
export { DEFAULT_CONCURRENCY, DEFAULT_PER_REGISTRY_CONCURRENCY } from './limiter.js'
export { DEFAULT_LIMITS, type Limits } from './tree.js'
export type { CopyHooks } from './hooks.js'

/**
 * Hooks given to the constructor fire for every copy; hooks given to one copy() call fire for that
 * copy only (events of a blob another copy moved included), in addition to the constructor's.
 */
export interface CopyOptions extends CopyHooks {
  /** Default 'all'. Otherwise keep only matching index entries (a new index, new digest). */
  platforms?: Platform[] | 'all'
  /**
   * With exactly one platform selected, write the plain manifest instead of a 1-entry index.
   * Implied by a destination that cannot hold an index (`capabilities.indexes`).
   */
  singleManifest?: boolean
  /** Copy referrers and cosign tags (default true). */
  referrers?: boolean
  /** Keep buildx attestation entries (unknown/unknown) of an index (default true). */
  keepAttestations?: boolean
  /**
   * Copy non-distributable (foreign) layers that carry `urls` too (default false: skipped,
   * descriptors kept, as Docker does). One without `urls` is always copied: nowhere else has it.
   */
  includeForeignLayers?: boolean
  /** Rewrite OCI manifests and indexes as Docker v2 schema 2 / manifest list (default false). */
  convertToDocker?: boolean
  /**
   * Rewrite Docker schema 2 manifests and lists as OCI (default false). Into a local destination
   * (an `oci:` layout) uncompressed layers are gzip-compressed too, as skopeo does, unless
   * preserveDigests. Excludes convertToDocker.
   */
  convertToOci?: boolean
  /**
   * Keep uncompressed layers of a local source (docker-archive, dir:) as they are when writing to
   * a registry. Default false: they are gzip-compressed on the way, as skopeo does, which changes
   * the image's digest.
   */
  preserveDigests?: boolean
  /**
   * What the tag resolves to at the destination, looked up just before (null: absent), e.g. by a
   * sync's plan; saves the copy its own lookup. Per copy() call, never a constructor default.
   */
  knownTargetDigest?: string | null
  /** Blob transfers in flight in the whole run (default 8). Read by the constructor only. */
  concurrency?: number
  /** Requests in flight per registry (default 6). Read by the constructor only. */
  perRegistryConcurrency?: number
  /**
   * Retries of whole transfers and racy manifest writes. Pass the registry client's policy
   * (`client.retryPolicy`) so one policy, and one injected sleep, governs every retry of a run.
   * Read by the constructor only.
   */
  retry?: RetryPolicy
  /**
   * Safety limits (index depth, layers, manifests; per image: distinct manifests, their bytes,
   * source requests). Read by the constructor only.
   */
  limits?: Partial<Limits>
  /**
   * Where earlier runs left blobs in the target registries (a sync's state), tried as mount
   * sources before an upload, and told what this run placed. Read by the constructor only.
   */
  mountHints?: MountHints
  /**
   * `image-timeout`: the whole copy of one image must end within this many milliseconds. When it
   * fires, requests in flight are aborted, nothing more of the image is read or written, and the
   * tag is not written. Undefined: no deadline.
   */
  imageTimeoutMs?: number
}

export interface CopyResult {
  sourceDigest: string
  /** Digest written to the destination (and tagged, when a tag was given). */
  digest: string
  mediaType: string
  /** Bytes streamed by this copy (blobs found or mounted cost none). */
  bytes: number
  blobsCopied: number
  /** Already in the destination, or moved there by another copy of this run. */
  blobsSkipped: number
  blobsMounted: number
  /** True when filtering, dropping attestations, single-manifest or conversion rewrote the top manifest. */
  digestChanged: boolean
  /** Referrer manifests (and cosign-tagged manifests) copied. */
  referrers: number
  /** The destination already had the image under the tag (by digest without one): nothing was written. */
  upToDate: boolean
}

/** One per run: blob dedupe, known mount sources and the concurrency limits span all its copies. */
export class CopyEngine {
  private readonly defaults: CopyOptions
  private readonly shared: RunShared

  constructor(opts: CopyOptions = {}) {
    this.defaults = opts
    const retry = opts.retry ?? new RetryPolicy()
    const limiter = new Limiter({
      concurrency: opts.concurrency,
      perRegistryConcurrency: opts.perRegistryConcurrency
    })
    const limits = { ...DEFAULT_LIMITS, ...opts.limits }
    this.shared = {
      limiter,
      mover: new BlobMover(limiter, retry, opts.mountHints),
      manifests: new Map(),
      read: new ManifestCache(limits.maxCachedManifestBytes),
      limits,
      retry
    }
  }

  /** The limiter, so a caller (benchmarks, tests) can read the peaks reached. */
  get limiter(): Limiter {
    return this.shared.limiter
  }

  /**
   * Copy what `src` was opened on to `dst`, tagging it `tag` when given (else by digest only).
   * Throws CopyError naming the failing side and ref; on failure the tag is never written.
   */
  async copy(
    src: ImageSource,
    dst: ImageDestination,
    tag: string | undefined,
    opts: Partial<CopyOptions> = {}
  ): Promise<CopyResult> {
    const o: CopyOptions = {
      ...this.defaults,
      knownTargetDigest: undefined,
      ...opts,
      ...joinHooks(this.defaults, opts)
    }
    const ms = o.imageTimeoutMs
    if (ms === undefined || ms <= 0) return this.copyNow(src, dst, tag, o)
    const deadline = new AbortController()
    // Every request and body of the image listens on it: dozens at once is normal, not a leak.
    setMaxListeners(0, deadline.signal)
    const scope = new DeadlineScope(deadline.signal)
    const reason = new DeadlineError('image-timeout', ms, src.name)
    // Taken before the abort reaches the requests (listeners run in order): who was being waited for.
    let waitingFor: string[] = []
    deadline.signal.addEventListener('abort', () => (waitingFor = scope.hosts()), { once: true })
    const timer = setTimeout(() => deadline.abort(reason), ms)
    try {
      return await withDeadline(scope, () => this.copyNow(src, dst, tag, o))
    } catch (e) {
      if (!deadline.signal.aborted) throw e
      // Whatever broke once the deadline fired (an aborted request, a cancelled transfer, a queued
      // request, a local write) broke because of it: say so, with the hosts the image waited for.
      const hosts = waitingFor.length
        ? waitingFor
        : [hostInChain(e) ?? src.location?.registry ?? dst.location?.registry]
      const at = hosts[0] ? ` (while talking to ${hosts.join(' and ')})` : ''
      const side = sideOf(e) ?? 'source'
      throw new CopyError(side, side === 'source' ? src.name : dst.name, `${reason.message}${at}`, {
        cause: e
      })
    } finally {
      clearTimeout(timer)
    }
  }

  private async copyNow(
    src: ImageSource,
    dst: ImageDestination,
    tag: string | undefined,
    o: CopyOptions
  ): Promise<CopyResult> {
    // A destination that holds one platform's image gets that image's manifest, never an index.
    if (!dst.capabilities.indexes) o.singleManifest = true
    if (o.convertToDocker && o.convertToOci)
      throw new Error('convertToDocker and convertToOci exclude each other')
    // Registry to registry, the bytes are kept as they are: the digest is what a mirror promises.
    // A conversion to OCI rewrites the manifests anyway: its layers get gzip too, as skopeo's do.
    const compress =
      !o.preserveDigests &&
      src.location === undefined &&
      (dst.location !== undefined || o.convertToOci === true)
    const run = new CopyRun(this.shared, src, dst, o, o.includeForeignLayers ?? false, compress)
    const { node, sourceDigest, present } = await prepare(run, o, tag)
    if (!present) await run.writeBelowRoot(node)

    // A dir: or docker-archive holds one image: a referrer written there would take its place.
    const referrers = (o.referrers ?? true) && dst.capabilities.referrers !== false
    const preserved = run.preservedDigests(node)
    // A single manifest written in place of the index leaves the index itself behind too.
    const rewritten = [
      ...(node.source.digest !== sourceDigest ? [sourceDigest] : []),
      ...postOrder(node)
        .filter(n => n.manifest.digest !== n.source.digest)
        .map(n => n.source.digest)
    ]
    // Referrers land before the tag makes the image visible, so when there are any the manifest
    // goes in by digest first; without any, the PUT by tag stores it in one request.
    const found = referrers ? await findReferrers(run, preserved) : undefined
    if (!present && (tag === undefined || (found && anyReferrers(found))))
      await run.putManifest(node.manifest)
    if (found) run.referrers = await copyReferrers(run, preserved, rewritten, MAX_REFERRER_DEPTH, found)
    if (!present && tag !== undefined) await run.putManifest(node.manifest, tag)

    try {
      await run.dstRequest(async () => dst.commit?.())
    } catch (e) {
      throw toCopyError(e, 'destination', dst.name, 'commit')
    }
    await this.confirm(run, node.manifest, tag)
    return {
      sourceDigest,
      digest: node.manifest.digest,
      mediaType: node.manifest.mediaType,
      bytes: run.bytes,
      blobsCopied: run.blobsCopied,
      blobsSkipped: run.blobsSkipped,
      blobsMounted: run.blobsMounted,
      digestChanged: node.manifest.digest !== sourceDigest,
      referrers: run.referrers,
      upToDate: present
    }
  }

  /** The tag (or, without one, the digest) must now resolve to what was written. */
  private async confirm(run: CopyRun, m: Manifest, tag: string | undefined): Promise<void> {
    const { dst } = run
    let found: string | undefined
    try {
      if (tag !== undefined) found = (await run.dstRequest(() => dst.resolveTag(tag)))?.digest
      else found = (await run.dstRequest(() => dst.hasManifest(m.digest))) ? m.digest : undefined
    } catch (e) {
      throw toCopyError(e, 'destination', dst.name, `confirming ${tag ?? m.digest}`, m.digest)
    }
    if (found !== m.digest) {
      const now = found ? `resolves to ${found}` : 'is missing'
      throw new CopyError(
        'destination',
        dst.name,
        `after the copy ${tag ?? m.digest} ${now}, expected ${m.digest}`,
        {
          digest: m.digest
        }
      )
    }
  }
}
