/**
 * One `CopyEngine.copy()` call: reads and writes trees for one source/destination pair, counts
 * what happened and raises the hooks. Run-wide state (limits, blob dedupe) comes from the engine.
 */
import { BlobMover, locationKey, type MoveContext, type MoveOutcome } from './blobs.js'
import { ReadBudget, type ManifestCache } from './budget.js'
import { compressBlob, gzipMediaType, rewriteCompressed } from './compress.js'
import { CancelledError, CopyError, toCopyError } from './errors.js'
import type { Limiter } from './limiter.js'
import { postOrder, readTree, treeBlobs, type ImageNode, type Limits, type ReadContext } from './tree.js'
import { isForeignLayer, ownResult } from '../oci/index.js'
import type {
  BlobLocation,
  Descriptor,
  ImageDestination,
  ImageSource,
  Manifest,
  ManifestJson,
  RetryPolicy
} from '../oci/index.js'

export interface CopyHooks {
  onCopied?(e: { blob: Descriptor; bytes: number; dest: string }): void
  onSkipped?(e: { blob: Descriptor; dest: string; reason: 'exists' | 'already-copied' }): void
  onMounted?(e: { blob: Descriptor; dest: string; from: BlobLocation }): void
  /**
   * Bytes moved by this copy so far, of `total`; `blob`: the blob these bytes belong to and its
   * own count (absent when a whole blob is counted at once: mounted or already present).
   */
  onProgress?(e: {
    bytes: number
    total: number
    dest: string
    blob?: { digest: string; size: number; bytes: number }
  }): void
  /** A blob's transfer starts (again after a failed attempt). */
  onBlobStart?(e: { blob: Descriptor; dest: string }): void
  onManifest?(e: { digest: string; mediaType: string; dest: string; tag?: string }): void
  /** Something the user should know that is not an error (dropped entries, skipped referrers). */
  onWarning?(message: string): void
}

function both<E>(a?: (e: E) => void, b?: (e: E) => void): ((e: E) => void) | undefined {
  if (!a || !b || a === b) return b ?? a
  return e => {
    a(e)
    b(e)
  }
}

/**
 * The engine's own hooks (constructor) and one copy's hooks (copy() options) both fire, engine-wide
 * first: a caller that binds hooks to one image (a sync's log) does not silence run-wide ones.
 */
export function joinHooks(engine: CopyHooks, call: CopyHooks): CopyHooks {
  return {
    onCopied: both(engine.onCopied, call.onCopied),
    onSkipped: both(engine.onSkipped, call.onSkipped),
    onMounted: both(engine.onMounted, call.onMounted),
    onProgress: both(engine.onProgress, call.onProgress),
    onBlobStart: both(engine.onBlobStart, call.onBlobStart),
    onManifest: both(engine.onManifest, call.onManifest),
    onWarning: both(engine.onWarning, call.onWarning)
  }
}

/** What a run shares between its copies. */
export interface RunShared {
  limiter: Limiter
  mover: BlobMover
  /** dest repo + digest → manifest written by digest this run. */
  manifests: Map<string, Promise<void>>
  /** Source repo + digest → manifest read this run. */
  read: ManifestCache
  limits: Limits
  /** The program's one retry policy (the registry client's, so tests' injected sleep applies). */
  retry: RetryPolicy
}

/** Limiter key: the registry for registry transports, else the transport's own name. */
function limiterKey(x: { name: string; location?: BlobLocation }): string {
  return x.location ? x.location.registry : `local:${x.name}`
}

export class CopyRun {
  blobsCopied = 0
  blobsSkipped = 0
  blobsMounted = 0
  bytes = 0
  referrers = 0
  private done = 0
  private total = 0
  private readonly counted = new Set<string>()
  /** Bytes streamed per blob in its current attempt. */
  private readonly blobDone = new Map<string, number>()
  private failed = false
  /** Layers sent gzip-compressed: source digest → the descriptor written. */
  private readonly compressed = new Map<string, Descriptor>()
  readonly read: ReadContext
  private readonly move: MoveContext
  private readonly dstRepoKey: string

  constructor(
    private readonly shared: RunShared,
    readonly src: ImageSource,
    readonly dst: ImageDestination,
    private readonly hooks: CopyHooks,
    includeForeignLayers: boolean,
    /** gzip-compress uncompressed layers on the way (a local source into a registry). */
    private readonly compress = false
  ) {
    const srcKey = limiterKey(src)
    const dstKey = limiterKey(dst)
    this.dstRepoKey = dst.location ? locationKey(dst.location) : `local:${dst.name}`
    const budget = new ReadBudget(shared.limits, message => {
      throw new CopyError('source', src.name, message)
    })
    const request = async <T>(fn: () => Promise<T>): Promise<T> => {
      budget.request()
      return shared.limiter.request([srcKey], fn)
    }
    const srcRepoKey = src.location ? locationKey(src.location) : `local:${src.name}`
    this.read = {
      src,
      includeForeignLayers,
      limits: shared.limits,
      request,
      getManifest: digest =>
        digest === undefined
          ? request(() => src.getManifest())
          : shared.read.get(`${srcRepoKey}\n${digest}`, () => request(() => src.getManifest(digest))),
      budget,
      nodes: new Map()
    }
    this.move = {
      src,
      dst,
      srcKey,
      dstKey,
      // Blobs only: manifests stay per destination, since an OCI destination publishes what it wrote itself.
      dstRepoKey: dst.location || !dst.blobStore ? this.dstRepoKey : `local:${dst.blobStore}`,
      cancelled: () => this.failed,
      onBytes: (n, blob) => this.progress(n, blob),
      onBlobStart: blob => {
        this.blobDone.set(blob.digest, 0)
        this.hooks.onBlobStart?.({ blob, dest: this.dst.name })
      }
    }
  }

  warn(message: string): void {
    this.hooks.onWarning?.(message)
  }

  dstRequest<T>(fn: () => Promise<T>): Promise<T> {
    return this.shared.limiter.request([this.move.dstKey], fn)
  }

  private progress(n: number, blob?: Descriptor): void {
    this.done += n
    let b: { digest: string; size: number; bytes: number } | undefined
    if (blob) {
      const bytes = Math.max(0, (this.blobDone.get(blob.digest) ?? 0) + n)
      this.blobDone.set(blob.digest, bytes)
      b = { digest: blob.digest, size: blob.size, bytes }
    }
    this.hooks.onProgress?.({ bytes: this.done, total: this.total, dest: this.dst.name, blob: b })
  }

  /** Read a tree as is (no filter, no conversion), e.g. a referrer. */
  readPlain(digest: string, expected?: Descriptor): Promise<ImageNode> {
    return readTree(this.read, digest, 0, expected)
  }

  /**
   * Blobs of the whole tree in parallel, then every manifest below the root by digest, children
   * before parents. The root itself is left to the caller, who decides between digest and tag.
   */
  async writeBelowRoot(root: ImageNode): Promise<void> {
    const blobs = treeBlobs(root)
    for (const b of blobs) {
      if (!this.counted.has(b.digest)) {
        this.counted.add(b.digest)
        this.total += b.size
      }
    }
    await this.settle(
      blobs.map(b => (this.compress && gzipMediaType(b.mediaType) ? this.moveGzipped(b) : this.moveBlob(b)))
    )
    if (this.compressed.size) {
      const before = root.manifest.digest
      rewriteCompressed(root, this.compressed)
      this.warn(
        `digest changed: ${root.manifest.digest} replaces ${before} (${this.compressed.size} uncompressed ` +
          'layer(s) gzip-compressed for the registry; preserve-digests keeps them as they are)'
      )
    }
    await this.writeManifests(root, false)
  }

  /** An uncompressed layer, compressed into a temporary file first, moved under its new digest. */
  private async moveGzipped(b: Descriptor): Promise<void> {
    const c = await this.read
      .request(() => compressBlob(this.src, b, gzipMediaType(b.mediaType)!))
      .catch((e: unknown) =>
        Promise.reject(toCopyError(e, 'source', this.src.name, `blob ${b.digest}`, b.digest))
      )
    try {
      this.compressed.set(b.digest, c.desc)
      // Progress counts the bytes that cross the link.
      this.total += c.desc.size - b.size
      await this.moveBlob(c.desc, { ...this.move, src: { ...c.source, location: undefined } })
    } finally {
      await c.dispose()
    }
  }

  /** Write a whole tree by digest, root included. */
  async writeTree(root: ImageNode): Promise<void> {
    await this.writeBelowRoot(root)
    await this.putManifest(root.manifest)
  }

  /** Each node once, however many indexes name it (`done`: node → its write, children included). */
  private writeManifests(
    node: ImageNode,
    self: boolean,
    done = new Map<ImageNode, Promise<void>>()
  ): Promise<void> {
    let p = done.get(node)
    if (!p) {
      p = (async () => {
        await this.settle(node.children.map(c => this.writeManifests(c, true, done)))
        if (self && !node.present) await this.putManifest(node.manifest)
      })()
      done.set(node, p)
    }
    return p
  }

  /**
   * Wait for all, then fail with the first real error. Waiting (instead of failing fast) means
   * nothing of this copy is still running when copy() returns; the `failed` flag stops queued
   * transfers from starting meanwhile.
   */
  private async settle(work: Promise<unknown>[]): Promise<void> {
    for (const w of work) w.catch(() => (this.failed = true))
    const results = await Promise.allSettled(work)
    const errors = results.flatMap(r => (r.status === 'rejected' ? [r.reason as unknown] : []))
    if (errors.length) throw errors.find(e => !(e instanceof CancelledError)) ?? errors[0]
  }

  private async moveBlob(b: Descriptor, ctx: MoveContext = this.move): Promise<void> {
    const out: MoveOutcome = await this.shared.mover.move(ctx, b)
    const dest = this.dst.name
    switch (out.kind) {
      case 'copied':
        this.blobsCopied++
        this.bytes += out.bytes
        this.hooks.onCopied?.({ blob: b, bytes: out.bytes, dest })
        return
      case 'mounted':
        this.blobsMounted++
        this.progress(b.size)
        this.hooks.onMounted?.({ blob: b, dest, from: out.from })
        return
      default:
        this.blobsSkipped++
        this.progress(b.size)
        this.hooks.onSkipped?.({ blob: b, dest, reason: out.kind })
    }
  }

  /**
   * Store a manifest by digest (once per destination repository per run) or under a tag (always:
   * the tag may point elsewhere now).
   */
  async putManifest(m: Manifest, tag?: string): Promise<void> {
    if (tag !== undefined) return this.doPut(m, tag)
    const key = `${this.dstRepoKey}\n${m.digest}`
    let p = this.shared.manifests.get(key)
    if (!p) {
      p = this.doPut(m)
      this.shared.manifests.set(key, p)
      p.catch(() => this.shared.manifests.delete(key))
    }
    // Written under another image's deadline that fired: this image writes it itself.
    return ownResult(p, () => this.putManifest(m))
  }

  private async doPut(m: Manifest, tag?: string): Promise<void> {
    const what = tag ? `manifest ${m.digest} as tag ${tag}` : `manifest ${m.digest}`
    for (let attempt = 0; ; attempt++) {
      try {
        await this.dstRequest(() => this.dst.putManifest(m, tag))
        break
      } catch (e) {
        // distribution's filesystem driver rewrites link files in place: while another writer
        // (a parallel sync) re-links the same child or blob, the registry briefly reports it
        // unknown. Everything below this manifest is in place by now, so a short retry is safe;
        // a reference that is really missing fails the same way again.
        const x = e as { status?: unknown; codes?: unknown }
        const blobUnknown = Array.isArray(x.codes) && x.codes.includes('MANIFEST_BLOB_UNKNOWN')
        const unfetchable = blobUnknown ? foreignWithoutUrls(m) : undefined
        const racy = x.status === 400 && blobUnknown && !unfetchable
        if (!racy || !(await this.shared.retry.wait(attempt))) {
          const err = toCopyError(e, 'destination', this.dst.name, what, m.digest)
          if (unfetchable) {
            err.message +=
              `; layer ${unfetchable} is a foreign layer without urls, which this registry refuses ` +
              'whatever blobs it holds (distribution requires urls on Docker foreign layers)'
          }
          throw err
        }
      }
    }
    this.hooks.onManifest?.({ digest: m.digest, mediaType: m.mediaType, dest: this.dst.name, tag })
  }

  /** Digests of every manifest of the tree that the destination holds with the source's digest. */
  preservedDigests(root: ImageNode): string[] {
    return postOrder(root)
      .filter(n => n.manifest.digest === n.source.digest)
      .map(n => n.source.digest)
  }
}

/** The first Docker/OCI foreign layer of an image manifest that names no urls, if any. */
function foreignWithoutUrls(m: Manifest): string | undefined {
  try {
    const json = JSON.parse(m.bytes.toString('utf8')) as ManifestJson
    return (json.layers ?? []).find(l => isForeignLayer(l.mediaType) && !l.urls?.length)?.digest
  } catch {
    return undefined
  }
}
