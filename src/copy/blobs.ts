/**
 * Moves blobs into destinations for a whole run: HEAD first, cross-repository mount when the
 * target registry is known to hold the blob elsewhere, else a stream from source to destination.
 * Each distinct blob moves at most once per target repository per run, even when concurrent
 * copies need it at the same moment: they share one in-flight promise. Across the repositories of
 * one registry, the first copy of a blob goes alone and the others wait for it, then mount it: the
 * bytes cross the link once per registry, not once per repository.
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream'
import { CancelledError, CopyError, toCopyError } from './errors.js'
import type { Limiter } from './limiter.js'
import { MountBook } from './mounts.js'
import type {
  BlobLocation,
  Descriptor,
  ImageDestination,
  ImageSource,
  MountHints,
  RetryPolicy
} from '../oci/index.js'
import { isRetryable } from '../oci/index.js'

export type MoveOutcome =
  | { kind: 'copied'; bytes: number }
  | { kind: 'exists' }
  | { kind: 'already-copied' }
  | { kind: 'mounted'; from: BlobLocation }

export interface MoveContext {
  src: Pick<ImageSource, 'name' | 'location' | 'getBlob'>
  dst: ImageDestination
  /** Limiter keys of the source and destination registries. */
  srcKey: string
  dstKey: string
  /** Identity of the destination repository for run-wide deduplication. */
  dstRepoKey: string
  cancelled(): boolean
  /** Bytes streamed, as they pass (negative: a failed attempt's bytes taken back). */
  onBytes(n: number, blob: Descriptor): void
  /** A blob's transfer starts (again on a retry): progress shows what is moving now. */
  onBlobStart?(blob: Descriptor): void
}

/**
 * Times a copy waits for another copy's placement of the same blob into the same registry: each
 * wait ends with that placement, so only a run of failures reaches the bound; then it goes ahead.
 */
const MAX_WAITS = 4

/** Counts bytes on their way to the destination; adds no buffering beyond the stream's high-water mark. */
class ByteCounter extends Transform {
  bytes = 0
  constructor(
    private readonly onBytes: (n: number, blob: Descriptor) => void,
    private readonly blob: Descriptor
  ) {
    super()
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length
    this.onBytes(chunk.length, this.blob)
    cb(null, chunk)
  }
}

export function locationKey(l: BlobLocation): string {
  return `${l.registry}/${l.repository}`
}

export class BlobMover {
  private readonly inflight = new Map<string, Promise<MoveOutcome>>()
  /** registry + digest → settles when the placement that may upload it there ends (never rejects). */
  private readonly claims = new Map<string, Promise<void>>()
  private readonly book: MountBook

  constructor(
    private readonly limiter: Limiter,
    private readonly retry: RetryPolicy,
    hints?: MountHints
  ) {
    this.book = new MountBook(hints)
  }

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

  private async place(ctx: MoveContext, desc: Descriptor): Promise<MoveOutcome> {
    const release = await this.claim(ctx, desc)
    try {
      return await this.placeNow(ctx, desc)
    } finally {
      release()
    }
  }

  /**
   * Six images on one base started together would each upload the base into their own repository.
   * The first placement of a blob into a registry that mounts goes alone; the others wait for it,
   * then find a holder to mount from. Without a holder afterwards (that placement failed), the next
   * one claims the blob in turn, so uploads into one registry still never race.
   */
  private async claim(ctx: MoveContext, desc: Descriptor): Promise<() => void> {
    const dst = ctx.dst.location
    const none = (): void => {}
    // A source in the same registry is a holder already: nothing to wait for.
    if (!dst || !ctx.dst.mountBlob || ctx.src.location?.registry === dst.registry) return none
    const key = `${dst.registry}\n${desc.digest}`
    for (let round = 0; round < MAX_WAITS; round++) {
      if (this.book.refusesAll(dst.registry) || this.book.held(dst.registry, desc.digest)) return none
      const ahead = this.claims.get(key)
      if (!ahead) break
      await ahead
    }
    if (this.book.refusesAll(dst.registry) || this.book.held(dst.registry, desc.digest)) return none
    let done!: () => void
    const mine = new Promise<void>(resolve => (done = resolve))
    this.claims.set(key, mine)
    return () => {
      if (this.claims.get(key) === mine) this.claims.delete(key)
      done()
    }
  }

  private async placeNow(ctx: MoveContext, desc: Descriptor): Promise<MoveOutcome> {
    const { dst } = ctx
    const what = `blob ${desc.digest}`
    const exists = await this.limiter
      .request([ctx.dstKey], () => dst.hasBlob(desc))
      .catch((e: unknown) => Promise.reject(toCopyError(e, 'destination', dst.name, what, desc.digest)))
    if (exists) {
      this.held(ctx, desc)
      return { kind: 'exists' }
    }
    const to = dst.location
    const candidates = to && dst.mountBlob ? this.book.candidates(to, ctx.src.location, desc.digest) : []
    for (const c of candidates) {
      // A mount that errors is only a missed shortcut: the upload below reports real trouble.
      const ok = await this.limiter
        .request([ctx.dstKey], () => dst.mountBlob!(desc, c.from))
        .catch(() => undefined)
      if (ok) {
        this.held(ctx, desc)
        return { kind: 'mounted', from: c.from }
      }
      if (ok === false) this.book.missed(to!, c, desc.digest)
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
    if (ctx.dst.location) this.book.record(ctx.dst.location, desc.digest)
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
    ctx.onBlobStart?.(desc)
    const counter = new ByteCounter(ctx.onBytes, desc)
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
      if (!ok) ctx.onBytes(-counter.bytes, desc)
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
