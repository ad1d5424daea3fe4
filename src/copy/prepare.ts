/**
 * Decides what a copy writes: reads the source tree, applies the platform filter, attestation
 * drop, single-manifest and Docker conversion, and skips what the destination already holds.
 *
 * A registry accepts a manifest only once everything it references is there, so a manifest the
 * destination holds by digest is complete: its subtree is neither read (a manifest GET counts as a
 * Docker Hub pull) nor written again.
 */
import { checkIndexConvertible, convertIndexToDocker, convertManifestToDocker } from './convert.js'
import { convertIndexToOci, convertManifestToOci } from './convert-oci.js'
import { CopyError } from './errors.js'
import { formatPlatform, platformMatches, rewriteIndex, selectEntries } from '../oci/index.js'
import type { CopyRun } from './run.js'
import { configPlatform, readManifest, readTree, treeBlobs, type ImageNode } from './tree.js'
import type { Descriptor, Manifest, Platform } from '../oci/index.js'

export interface PrepareOptions {
  platforms?: Platform[] | 'all'
  keepAttestations?: boolean
  singleManifest?: boolean
  convertToDocker?: boolean
  /** Rewrite Docker schema 2 manifests and lists as OCI (`--format oci`). */
  convertToOci?: boolean
  /**
   * What the tag resolves to at the destination, looked up just before this copy (null: absent),
   * e.g. by a sync's plan: saves looking again. Undefined: the copy looks itself, once.
   */
  knownTargetDigest?: string | null
}

export interface Prepared {
  /** Root of what will be written (the index, or the one manifest chosen by singleManifest). */
  node: ImageNode
  sourceDigest: string
  /** The destination already has `node` under the tag (or by digest without a tag): write nothing. */
  present: boolean
}

/** A manifest the destination holds already: known by its descriptor only. */
function presentNode(d: Descriptor): ImageNode {
  const m: Manifest = { bytes: Buffer.alloc(0), mediaType: d.mediaType, digest: d.digest }
  return {
    source: m,
    manifest: m,
    json: { schemaVersion: 2 },
    kind: 'image',
    children: [],
    blobs: [],
    foreign: [],
    present: true
  }
}

async function hasManifest(run: CopyRun, digest: string): Promise<boolean> {
  // Only a shortcut: on error the full copy goes ahead and reports what is wrong.
  return run.dstRequest(() => run.dst.hasManifest(digest)).catch(() => false)
}

/**
 * Does the destination hold `digest` under `tag` (or, without a tag, at all)? The tag is looked up
 * once per copy, however often this is asked: `known` is an answer the caller already has.
 */
function presence(run: CopyRun, tag: string | undefined, known: string | null | undefined) {
  let tagDigest: Promise<string | undefined> | undefined
  const held = new Map<string, Promise<boolean>>()
  return async (digest: string): Promise<boolean> => {
    if (tag === undefined) {
      if (!held.has(digest)) held.set(digest, hasManifest(run, digest))
      return held.get(digest)!
    }
    tagDigest ??=
      known !== undefined
        ? Promise.resolve(known ?? undefined)
        : run
            .dstRequest(() => run.dst.resolveTag(tag))
            .then(d => d?.digest)
            .catch(() => undefined)
    return (await tagDigest) === digest
  }
}

export async function prepare(run: CopyRun, o: PrepareOptions, tag: string | undefined): Promise<Prepared> {
  const platforms = o.platforms ?? 'all'
  const alreadyPresent = presence(run, tag, o.knownTargetDigest)
  const top = await readManifest(run.read, undefined, 0)
  const sourceDigest = top.source.digest
  // Stubs carry no bytes: only possible when the written manifests are the source's own.
  const reuse = !o.convertToDocker && !o.convertToOci && !o.singleManifest
  let node = top
  const why: string[] = []
  try {
    if (top.kind === 'image') {
      if (platforms !== 'all') await checkSinglePlatform(run, top, platforms)
    } else {
      const entries = top.json.manifests ?? []
      const sel = selectEntries(entries, platforms, o.keepAttestations ?? true)
      if (reuse && sel.kept.length === entries.length && (await alreadyPresent(sourceDigest))) {
        top.children = entries.map(presentNode)
        return { node: top, sourceDigest, present: true }
      }
      const dropped = sel.dropped.filter(d => d.reason === 'attestation').length
      if (dropped) why.push(`${dropped} attestation(s) dropped`)
      if (o.convertToDocker) checkIndexConvertible(sourceDigest, sel.kept)
      // Asked once per digest, however many entries name it.
      const held = new Map<string, Promise<boolean>>()
      const holds = (digest: string): Promise<boolean> => {
        if (!held.has(digest)) held.set(digest, hasManifest(run, digest))
        return held.get(digest)!
      }
      top.children = await Promise.all(
        sel.kept.map(async d =>
          reuse && (await holds(d.digest))
            ? presentNode(d)
            : readTree(run.read, d.digest, 1, d, [sourceDigest])
        )
      )
      if (o.singleManifest) {
        node = single(run, top, sel.images)
        why.push(`single manifest for ${formatPlatform(sel.images[0].platform)} written instead of the index`)
      } else if (sel.kept.length !== entries.length) {
        top.manifest = rewriteIndex(top.source, sel.kept)
        if (dropped < sel.dropped.length)
          why.push(`${sel.images.length} of ${entries.length} entries kept by platform`)
      }
    }
    if (o.convertToDocker) {
      convertTree(node, TO_DOCKER)
      why.push('converted to Docker v2 schema 2')
    } else if (o.convertToOci) {
      convertTree(node, TO_OCI)
      if (node.manifest.digest !== node.source.digest) why.push('converted to OCI')
    }
  } catch (e) {
    if (e instanceof Error && !(e instanceof CopyError)) {
      throw new CopyError('source', run.src.name, e.message, { cause: e, digest: sourceDigest })
    }
    throw e
  }
  if (node.manifest.digest !== sourceDigest) {
    run.warn(`digest changed: ${node.manifest.digest} replaces ${sourceDigest} (${why.join('; ')})`)
  }
  const present = await alreadyPresent(node.manifest.digest)
  if (present) run.blobsSkipped = treeBlobs(node).length
  return { node, sourceDigest, present }
}

/** `singleManifest`: the one selected image manifest replaces the index (its attestations cannot follow). */
function single(run: CopyRun, top: ImageNode, images: Descriptor[]): ImageNode {
  if (images.length !== 1) {
    throw new Error(
      `a single manifest needs exactly one platform selected, ${images.length} matched: ` +
        `${images.map(d => formatPlatform(d.platform)).join(', ')}; choose one (--platform / platforms:)`
    )
  }
  const child = top.children.find(c => c.source.digest === images[0].digest)!
  if (top.children.length > 1) {
    run.warn(`single manifest ${child.source.digest} written; the index's attestations are not`)
  }
  return child
}

/** A platform filter on a single image: refuse when its config names another platform. */
async function checkSinglePlatform(run: CopyRun, node: ImageNode, wanted: Platform[]): Promise<void> {
  const have = await configPlatform(run.read, node)
  if (!wanted.some(w => platformMatches(w, have))) {
    throw new Error(
      `${node.source.digest} is a single-platform image for ${formatPlatform(have)}; ` +
        `it does not match ${wanted.map(formatPlatform).join(', ')}`
    )
  }
}

interface Converter {
  image(m: Manifest): Manifest
  index(m: Manifest, children: Map<string, Manifest>): Manifest
}
const TO_DOCKER: Converter = { image: convertManifestToDocker, index: convertIndexToDocker }
const TO_OCI: Converter = { image: convertManifestToOci, index: convertIndexToOci }

/** Convert every manifest of the tree, children first (an index entry names its child's new digest). */
function convertTree(node: ImageNode, to: Converter, done = new Set<ImageNode>()): void {
  // A node many entries share is converted once.
  if (done.has(node)) return
  done.add(node)
  for (const c of node.children) convertTree(c, to, done)
  if (node.kind === 'image') {
    node.manifest = to.image(node.manifest)
    return
  }
  const converted = new Map<string, Manifest>(node.children.map(c => [c.source.digest, c.manifest]))
  node.manifest = to.index(node.manifest, converted)
}
