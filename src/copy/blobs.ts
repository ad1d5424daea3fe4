/**
 * Moves blobs into destinations for a whole run: HEAD first, cross-repository mount when the
 * target registry is known to hold the blob elsewhere, else a stream from source to destination.
 * Each distinct blob moves at most once per target repository per run, even when concurrent
 * copies need it at the same moment: they share one in-flight promise.
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream'
import { CancelledError, CopyError, toCopyError } from './errors.js'
import type { Limiter } from './limiter.js'
import type { BlobLocation, Descriptor, ImageDestination, ImageSource, RetryPolicy } from '../oci/index.js'
import { isRetryable } from '../oci/index.js'

export type MoveOutcome =
  | { kind: 'copied'; bytes: number }
  | { kind: 'exists' }
  | { kind: 'already-copied' }
  | { kind: 'mounted'; from: BlobLocation }

export interface MoveContext {
  src: ImageSource
  dst: ImageDestination
  /** Limiter keys of the source and destination registries. */
  srcKey: string
  dstKey: string
  /** Identity of the destination repository for run-wide deduplication. */
  dstRepoKey: string
  cancelled(): boolean
  /** Bytes streamed, as they pass. */
  onBytes(n: number): void
}

/** Mount sources tried per blob: more would cost more round trips than an upload of small blobs saves. */
const MAX_MOUNT_CANDIDATES = 3

/** Counts bytes on their way to the destination; adds no buffering beyond the stream's high-water mark. */
class ByteCounter extends Transform {
  bytes = 0
  constructor(private readonly onBytes: (n: number) => void) {
    super()
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length
    this.onBytes(chunk.length)
    cb(null, chunk)
  }
}

export function locationKey(l: BlobLocation): string {
  return `${l.registry}/${l.repository}`
}

export class BlobMover {
  private readonly inflight = new Map<string, Promise<MoveOutcome>>()
  /** registry → digest → repositories of that registry known (this run) to hold the blob. */
  private readonly holders = new Map<string, Map<string, Set<string>>>()

  constructor(
    private readonly limiter: Limiter,
    private readonly retry: RetryPolicy
  ) {}

  /** Make `desc` present in the destination. Resolves 'already-copied' when another copy of this run did it. */
  async move(ctx: MoveContext, desc: Descriptor): Promise<MoveOutcome> {
    const key = `${ctx.dstRepoKey}\n${desc.digest}`
    // Two rounds: if the copy we waited on failed, we try once ourselves rather than inherit its failure.
    for (let round = 0; round < 2; round++) {
      const shared = this.inflight.get(key)
      if (!shared) break
      try {
        await shared
        return { kind: 'already-copied' }
      } catch {
        if (this.inflight.get(key) === shared) this.inflight.delete(key)
      }
    }
    const mine = this.place(ctx, desc)
    this.inflight.set(key, mine)
    mine.catch(() => {
      if (this.inflight.get(key) === mine) this.inflight.delete(key)
    })
    return mine
  }

  /** Remember that `loc` holds `digest`, making it a mount source for other repositories. */
  recordHolder(loc: BlobLocation, digest: string): void {
    let byDigest = this.holders.get(loc.registry)
    if (!byDigest) this.holders.set(loc.registry, (byDigest = new Map()))
    let repos = byDigest.get(digest)
    if (!repos) byDigest.set(digest, (repos = new Set()))
    repos.add(loc.repository)
  }

  private mountCandidates(ctx: MoveContext, digest: string): BlobLocation[] {
    const dst = ctx.dst.location
    if (!dst || !ctx.dst.mountBlob) return []
    const out: BlobLocation[] = []
    const src = ctx.src.location
    if (src && src.registry === dst.registry && src.repository !== dst.repository) out.push(src)
    for (const repo of this.holders.get(dst.registry)?.get(digest) ?? []) {
      if (repo !== dst.repository && !out.some(l => l.repository === repo)) {
        out.push({ registry: dst.registry, repository: repo })
      }
    }
    return out.slice(0, MAX_MOUNT_CANDIDATES)
  }

  private async place(ctx: MoveContext, desc: Descriptor): Promise<MoveOutcome> {
    const { dst } = ctx
    const what = `blob ${desc.digest}`
    const exists = await this.limiter
      .request([ctx.dstKey], () => dst.hasBlob(desc))
      .catch((e: unknown) => Promise.reject(toCopyError(e, 'destination', dst.name, what, desc.digest)))
    if (exists) {
      this.held(ctx, desc)
      return { kind: 'exists' }
    }
    for (const from of this.mountCandidates(ctx, desc.digest)) {
      // A mount that errors is only a missed shortcut: the upload below reports real trouble.
      const ok = await this.limiter.request([ctx.dstKey], () => dst.mountBlob!(desc, from)).catch(() => false)
      if (ok) {
        this.held(ctx, desc)
        return { kind: 'mounted', from }
      }
    }
    const bytes = await this.limiter.transfer([ctx.srcKey, ctx.dstKey], () => this.streamWithRetry(ctx, desc))
    this.held(ctx, desc)
    return { kind: 'copied', bytes }
  }

  /**
   * The source resumes a broken download itself, but an upload fed from a one-shot stream cannot
   * restart: a failure no loop below has retried yet (a reset or 5xx on the one-shot upload)
   * retries the whole transfer with a fresh stream, under the same policy as every other retry.
   */
  private async streamWithRetry(ctx: MoveContext, desc: Descriptor): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.stream(ctx, desc)
      } catch (e) {
        if (!isRetryable(e) || ctx.cancelled() || !(await this.retry.wait(attempt))) throw e
      }
    }
  }

  private held(ctx: MoveContext, desc: Descriptor): void {
    if (ctx.dst.location) this.recordHolder(ctx.dst.location, desc.digest)
  }

  /** src.getBlob → dst.putBlob with nothing buffered; whichever side broke is the one blamed. */
  private async stream(ctx: MoveContext, desc: Descriptor): Promise<number> {
    if (ctx.cancelled()) throw new CancelledError()
    const { src, dst } = ctx
    const what = `blob ${desc.digest}`
    let body: Readable
    try {
      body = await src.getBlob(desc)
    } catch (e) {
      throw toCopyError(e, 'source', src.name, what, desc.digest)
    }
    let srcErr: unknown
    const counter = new ByteCounter(ctx.onBytes)
    let ok = false
    // pipe() forwards no errors: a source failure (digest mismatch, reset) must reach the
    // destination as an error so it never commits a short or wrong blob.
    body.on('error', e => {
      srcErr ??= e
      counter.destroy(e)
    })
    // The consumer may have stopped listening once it had `size` bytes (a Content-Length upload
    // awaiting its response); the error is still reported through srcErr below.
    counter.on('error', () => {})
    // Destroy without an error: the source must not report the destination's failure as its own.
    counter.on('close', () => {
      if (!body.destroyed) body.destroy()
    })
    body.pipe(counter)
    try {
      await dst.putBlob(desc, counter)
      ok = srcErr === undefined
    } catch (e) {
      if (srcErr !== undefined) throw toCopyError(srcErr, 'source', src.name, what, desc.digest)
      throw toCopyError(e, 'destination', dst.name, what, desc.digest)
    } finally {
      if (!counter.destroyed) counter.destroy()
      // A failed attempt's bytes do not count: progress must not pass 100% after a retry.
      if (!ok) ctx.onBytes(-counter.bytes)
    }
    if (srcErr !== undefined) throw toCopyError(srcErr, 'source', src.name, what, desc.digest)
    if (counter.bytes !== desc.size) {
      throw new CopyError(
        'destination',
        dst.name,
        `${what}: accepted after ${counter.bytes} of ${desc.size} bytes`,
        {
          digest: desc.digest
        }
      )
    }
    return counter.bytes
  }
}
