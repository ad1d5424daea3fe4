/**
 * One `CopyEngine.copy()` call: reads and writes trees for one source/destination pair, counts
 * what happened and raises the hooks (hooks.ts). Run-wide state (limits, blob dedupe) comes from
 * the engine; the write of one manifest, with its retry, is put-manifest.ts.
 */
import { BlobMover, locationKey, type MoveContext, type MoveOutcome } from './blobs.js'
import { ReadBudget, type ManifestCache } from './budget.js'
import { compressBlob, gzipMediaType, rewriteCompressed } from './compress.js'
import { CancelledError, CopyError, toCopyError } from './errors.js'
import type { CopyHooks } from './hooks.js'
import type { Limiter } from './limiter.js'
import { putManifestRetrying } from './put-manifest.js'
import { postOrder, readTree, treeBlobs, type ImageNode, type Limits, type ReadContext } from './tree.js'
import { ownResult } from '../oci/index.js'
import type {
  BlobLocation,
  Descriptor,
  ImageDestination,
  ImageSource,
  Manifest,
  RetryPolicy
} from '../oci/index.js'

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
    await putManifestRetrying(m, tag, {
      dst: this.dst,
      request: fn => this.dstRequest(fn),
      retry: this.shared.retry
    })
    this.hooks.onManifest?.({ digest: m.digest, mediaType: m.mediaType, dest: this.dst.name, tag })
  }

  /** Digests of every manifest of the tree that the destination holds with the source's digest. */
  preservedDigests(root: ImageNode): string[] {
    return postOrder(root)
      .filter(n => n.manifest.digest === n.source.digest)
      .map(n => n.source.digest)
  }
}
