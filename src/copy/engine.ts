/**
 * The copy engine: moves an image (manifest, OCI index or Docker manifest list, all platforms by
 * default) from an ImageSource to an ImageDestination, preserving manifest bytes so the digest
 * stays the same. Crash-safe order: blobs, child manifests by digest, the index by digest,
 * referrers, and the tag last — a tag never points at something incomplete.
 */
import { BlobMover } from './blobs.js'
import { checkIndexConvertible, convertIndexToDocker, convertManifestToDocker } from './convert.js'
import { CopyError, toCopyError } from './errors.js'
import { Limiter } from './limiter.js'
import { formatPlatform, platformMatches, rewriteIndex, selectEntries } from './platforms.js'
import { copyReferrers } from './referrers.js'
import { CopyRun, type CopyHooks, type RunShared } from './run.js'
import {
  configPlatform,
  DEFAULT_LIMITS,
  postOrder,
  readChildren,
  readManifest,
  treeBlobs,
  type ImageNode,
  type Limits
} from './tree.js'
import type { ImageDestination, ImageSource, Manifest, Platform } from './types.js'

export { CopyError } from './errors.js'
export { DEFAULT_CONCURRENCY, DEFAULT_PER_REGISTRY_CONCURRENCY } from './limiter.js'
export { DEFAULT_LIMITS, type Limits } from './tree.js'

export interface CopyOptions extends CopyHooks {
  /** Default 'all'. Otherwise keep only matching index entries (a new index, new digest). */
  platforms?: Platform[] | 'all'
  /** With exactly one platform selected, write the plain manifest instead of a 1-entry index. */
  singleManifest?: boolean
  /** Copy referrers and cosign tags (default true). */
  referrers?: boolean
  /** Keep buildx attestation entries (unknown/unknown) of an index (default true). */
  keepAttestations?: boolean
  /** Copy non-distributable (foreign) layers too (default false: skipped, descriptors kept, as Docker does). */
  includeForeignLayers?: boolean
  /** Rewrite OCI manifests and indexes as Docker v2 schema 2 / manifest list (default false). */
  convertToDocker?: boolean
  /** Blob transfers in flight in the whole run (default 8). Read by the constructor only. */
  concurrency?: number
  /** Requests in flight per registry (default 6). Read by the constructor only. */
  perRegistryConcurrency?: number
  /** Safety limits (index depth, layers, manifests). Read by the constructor only. */
  limits?: Partial<Limits>
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
}

/** One per run: blob dedupe, known mount sources and the concurrency limits span all its copies. */
export class CopyEngine {
  private readonly defaults: CopyOptions
  private readonly shared: RunShared

  constructor(opts: CopyOptions = {}) {
    this.defaults = opts
    const limiter = new Limiter({
      concurrency: opts.concurrency,
      perRegistryConcurrency: opts.perRegistryConcurrency
    })
    this.shared = {
      limiter,
      mover: new BlobMover(limiter),
      manifests: new Map(),
      limits: { ...DEFAULT_LIMITS, ...opts.limits }
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
    const o: CopyOptions = { ...this.defaults, ...opts }
    const run = new CopyRun(this.shared, src, dst, o, o.includeForeignLayers ?? false)
    const root = await this.plan(run, o)
    const sourceDigest = root.topSourceDigest
    const node = root.node
    // A registry accepts a manifest only once everything it references is there, so a tag (or
    // digest) already naming what we would write means the image is complete: skip blobs and manifests.
    const present = await this.alreadyPresent(run, node.manifest.digest, tag)
    if (present) run.blobsSkipped = treeBlobs(node).length
    else await run.writeBelowRoot(node)

    const referrers = o.referrers ?? true
    const preserved = run.preservedDigests(node)
    // A single manifest written in place of the index leaves the index itself behind too.
    const rewritten = [
      ...(node.source.digest !== sourceDigest ? [sourceDigest] : []),
      ...postOrder(node)
        .filter(n => n.manifest.digest !== n.source.digest)
        .map(n => n.source.digest)
    ]
    // By digest first when referrers come next, so they land before the tag makes the image visible.
    if (!present && (tag === undefined || referrers)) await run.putManifest(node.manifest)
    if (referrers) run.referrers = await copyReferrers(run, preserved, rewritten)
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
      referrers: run.referrers
    }
  }

  /** Read the source tree and apply the platform filter, attestation drop, single-manifest and conversion. */
  private async plan(run: CopyRun, o: CopyOptions): Promise<{ node: ImageNode; topSourceDigest: string }> {
    const platforms = o.platforms ?? 'all'
    const keepAttestations = o.keepAttestations ?? true
    const top = await readManifest(run.read, undefined, 0)
    const topSourceDigest = top.source.digest
    let node = top
    const why: string[] = []
    try {
      if (top.kind === 'image') {
        if (platforms !== 'all') await this.checkSinglePlatform(run, top, platforms)
      } else {
        const entries = top.json.manifests ?? []
        const sel = selectEntries(entries, platforms, keepAttestations)
        const dropped = sel.dropped.filter(d => d.reason === 'attestation').length
        if (dropped) why.push(`${dropped} attestation(s) dropped`)
        if (o.convertToDocker) checkIndexConvertible(top.source.digest, sel.kept)
        await readChildren(run.read, top, sel.kept, 0)
        if (o.singleManifest) {
          node = this.single(
            run,
            top,
            sel.images.map(d => d.digest)
          )
          why.push(
            `single manifest for ${formatPlatform(sel.images[0].platform)} written instead of the index`
          )
        } else if (sel.kept.length !== entries.length) {
          top.manifest = rewriteIndex(top.source, sel.kept)
          if (dropped < sel.dropped.length)
            why.push(`${sel.images.length} of ${entries.length} entries kept by platform`)
        }
      }
      if (o.convertToDocker) {
        convertTree(node)
        why.push('converted to Docker v2 schema 2')
      }
    } catch (e) {
      if (e instanceof Error && !(e instanceof CopyError)) {
        throw new CopyError('source', run.src.name, e.message, { cause: e, digest: topSourceDigest })
      }
      throw e
    }
    if (node.manifest.digest !== topSourceDigest) {
      run.warn(`digest changed: ${node.manifest.digest} replaces ${topSourceDigest} (${why.join('; ')})`)
    }
    return { node, topSourceDigest }
  }

  /** `singleManifest`: the one selected image manifest replaces the index (its attestations cannot follow). */
  private single(run: CopyRun, top: ImageNode, images: string[]): ImageNode {
    if (images.length !== 1) {
      const offered = (top.json.manifests ?? [])
        .filter(d => images.includes(d.digest))
        .map(d => formatPlatform(d.platform))
      throw new Error(
        `a single manifest needs exactly one platform selected, ${images.length} matched: ${offered.join(', ')}; choose one (--platform / platforms:)`
      )
    }
    const child = top.children.find(c => c.source.digest === images[0])!
    if (top.children.length > 1)
      run.warn(`single manifest ${child.source.digest} written; the index's attestations are not`)
    return child
  }

  /** A platform filter on a single image: refuse when its config names another platform. */
  private async checkSinglePlatform(run: CopyRun, node: ImageNode, wanted: Platform[]): Promise<void> {
    const have = await configPlatform(run.read, node)
    if (!wanted.some(w => platformMatches(w, have))) {
      throw new Error(
        `${node.source.digest} is a single-platform image for ${formatPlatform(have)}; it does not match ${wanted.map(formatPlatform).join(', ')}`
      )
    }
  }

  /** Does the destination already hold `digest` under `tag` (or, without a tag, at all)? */
  private async alreadyPresent(run: CopyRun, digest: string, tag: string | undefined): Promise<boolean> {
    const { dst } = run
    try {
      if (tag !== undefined) return (await run.dstRequest(() => dst.resolveTag(tag)))?.digest === digest
      return await run.dstRequest(() => dst.hasManifest(digest))
    } catch {
      // Only a shortcut: the full copy reports whatever is wrong with the destination.
      return false
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

/** Convert every manifest of the tree, children first (an index entry names its child's new digest). */
function convertTree(node: ImageNode): void {
  for (const c of node.children) convertTree(c)
  if (node.kind === 'image') {
    node.manifest = convertManifestToDocker(node.manifest)
    return
  }
  const converted = new Map<string, Manifest>(node.children.map(c => [c.source.digest, c.manifest]))
  node.manifest = convertIndexToDocker(node.manifest, converted)
}
