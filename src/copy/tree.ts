/**
 * Reads what a copy will write: a manifest, or an index with its children, checked against the
 * limits and media types the engine supports, before a single blob moves.
 */
import { isForeignLayer, isImageManifest, isIndex, isSchema1, MediaType } from '../oci/index.js'
import type { BudgetLimits, ReadBudget } from './budget.js'
import { CopyError, toCopyError } from './errors.js'
import type { Descriptor, ImageSource, Manifest, ManifestJson, Platform } from '../oci/index.js'

export interface Limits extends BudgetLimits {
  /** Index nesting: the top manifest is depth 0, its children depth 1 … */
  maxDepth: number
  maxLayers: number
  maxManifests: number
  /** Largest config blob read into memory (to check a single manifest's platform). */
  maxConfigBytes: number
  /** Manifests kept for the rest of the run (bytes), so a manifest many images share is fetched once. */
  maxCachedManifestBytes: number
}

export const DEFAULT_LIMITS: Limits = {
  maxDepth: 4,
  maxLayers: 1000,
  maxManifests: 1000,
  maxConfigBytes: 4 * 1024 * 1024,
  maxImageManifests: 5000,
  maxImageManifestBytes: 64 * 1024 * 1024,
  maxImageRequests: 20_000,
  maxCachedManifestBytes: 16 * 1024 * 1024
}

export interface ImageNode {
  /** As the source served it. */
  source: Manifest
  /** As it will be written: the same object unless filtered or converted. */
  manifest: Manifest
  json: ManifestJson
  kind: 'index' | 'image'
  /** Index only: the entries that will be written, in order (filled by `readChildren`). */
  children: ImageNode[]
  /** Image only: config and layers to move (foreign layers left out unless asked for). */
  blobs: Descriptor[]
  /** Foreign layers (with urls) left in the manifest but not copied. */
  foreign: Descriptor[]
  /** Already in the destination, complete: neither read nor written (`source.bytes` is empty). */
  present?: boolean
  /** Levels of indexes below this node (0: an image), to check the depth limit where it is shared. */
  height?: number
}

export interface ReadContext {
  src: ImageSource
  includeForeignLayers: boolean
  limits: Limits
  /** Runs a source request under the source registry's request limit, spending the budget. */
  request<T>(fn: () => Promise<T>): Promise<T>
  /** The manifest by digest (from the run's cache when another image read it), or the opened one. */
  getManifest(digest?: string): Promise<Manifest>
  budget: ReadBudget
  /**
   * digest → node, for this copy: a manifest many entries name is read and expanded once, and they
   * all share its node (the image is a graph, not a tree).
   */
  nodes: Map<string, Promise<ImageNode>>
}

function fail(ctx: ReadContext, message: string, digest?: string): never {
  throw new CopyError('source', ctx.src.name, message, { digest })
}

/** Fetch and check one manifest; for an index, the children are not fetched yet. */
export async function readManifest(
  ctx: ReadContext,
  digest: string | undefined,
  depth: number,
  expected?: Descriptor
): Promise<ImageNode> {
  const what = digest ? `manifest ${digest}` : 'manifest'
  if (depth > ctx.limits.maxDepth) {
    fail(
      ctx,
      `${what} is nested ${depth} levels below the top manifest, more than the limit of ${ctx.limits.maxDepth}`,
      digest
    )
  }
  let m: Manifest
  try {
    m = await ctx.getManifest(digest)
  } catch (e) {
    throw toCopyError(e, 'source', ctx.src.name, what, digest)
  }
  ctx.budget.manifest(m.bytes.length)
  if (expected && (m.digest !== expected.digest || m.bytes.length !== expected.size)) {
    fail(
      ctx,
      `manifest ${expected.digest}: got ${m.digest} (${m.bytes.length} bytes), the index says ${expected.size} bytes`,
      expected.digest
    )
  }
  if (isSchema1(m.mediaType)) schema1(ctx, m)
  let json: ManifestJson
  try {
    json = JSON.parse(m.bytes.toString('utf8')) as ManifestJson
  } catch (e) {
    throw new CopyError('source', ctx.src.name, `manifest ${m.digest} is not valid JSON`, {
      cause: e,
      digest: m.digest
    })
  }
  if (json === null || typeof json !== 'object')
    fail(ctx, `manifest ${m.digest} is not a JSON object`, m.digest)
  if (json.schemaVersion === 1) schema1(ctx, m)
  // Registries must be sent the type the JSON declares, whatever Content-Type the source answered.
  const mediaType = json.mediaType ?? m.mediaType
  const source = mediaType === m.mediaType ? m : { ...m, mediaType }
  const node: ImageNode = {
    source,
    manifest: source,
    json,
    kind: 'image',
    children: [],
    blobs: [],
    foreign: []
  }
  if (isIndex(mediaType)) {
    node.kind = 'index'
    const entries = json.manifests
    if (!Array.isArray(entries)) fail(ctx, `index ${m.digest} has no manifests array`, m.digest)
    if (entries.length > ctx.limits.maxManifests) {
      fail(
        ctx,
        `index ${m.digest} lists ${entries.length} manifests, more than the limit of ${ctx.limits.maxManifests}`,
        m.digest
      )
    }
    entries.forEach((d, i) => checkDescriptor(ctx, m.digest, d, `entry ${i}`))
    return node
  }
  if (!isImageManifest(mediaType)) {
    fail(ctx, `manifest ${m.digest} has unsupported media type '${mediaType}'`, m.digest)
  }
  const layers = json.layers ?? []
  if (!json.config || !Array.isArray(layers))
    fail(ctx, `manifest ${m.digest} lacks a config or layers`, m.digest)
  if (layers.length > ctx.limits.maxLayers) {
    fail(
      ctx,
      `manifest ${m.digest} has ${layers.length} layers, more than the limit of ${ctx.limits.maxLayers}`,
      m.digest
    )
  }
  checkDescriptor(ctx, m.digest, json.config, 'config')
  layers.forEach((d, i) => checkDescriptor(ctx, m.digest, d, `layer ${i}`))
  node.blobs.push(json.config)
  for (const l of layers) {
    // Without urls the source is the only place the layer can come from: copied, as skopeo does.
    if (isForeignLayer(l.mediaType) && l.urls?.length && !ctx.includeForeignLayers) node.foreign.push(l)
    else node.blobs.push(l)
  }
  return node
}

const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/

/**
 * Descriptors come from the source: a digest that is not one (`sha256:../../x`) or a size that is
 * not a size is the source's fault, said here before a destination turns it into a path or a count.
 */
function checkDescriptor(ctx: ReadContext, manifest: string, d: unknown, what: string): void {
  const x = (d ?? {}) as { digest?: unknown; size?: unknown }
  const shown = (v: unknown): string => String(JSON.stringify(v ?? null)).slice(0, 120)
  if (typeof x.digest !== 'string' || !DIGEST.test(x.digest)) {
    fail(ctx, `manifest ${manifest}: ${what} has an invalid digest ${shown(x.digest)}`, manifest)
  }
  if (typeof x.size !== 'number' || !Number.isSafeInteger(x.size) || x.size < 0) {
    fail(ctx, `manifest ${manifest}: ${what} has an invalid size ${shown(x.size)}`, manifest)
  }
}

function schema1(ctx: ReadContext, m: Manifest): never {
  fail(
    ctx,
    `manifest ${m.digest} is Docker schema 1 (${m.mediaType}), which is deprecated and not copied: ` +
      'pull and push it once with a current Docker to convert it to schema 2',
    m.digest
  )
}

/**
 * Fetch `entries` as the children of `node` (all in parallel, bounded by the request limit),
 * recursively. `above`: digests of the indexes on the path down to `node`, itself included.
 */
export async function readChildren(
  ctx: ReadContext,
  node: ImageNode,
  entries: Descriptor[],
  depth: number,
  above: string[] = [node.source.digest]
): Promise<void> {
  node.children = await Promise.all(entries.map(d => readTree(ctx, d.digest, depth + 1, d, above)))
  node.height = node.children.reduce((h, c) => Math.max(h, (c.height ?? 0) + 1), 0)
}

/** A manifest and everything below it, unfiltered; each digest read and expanded once per copy. */
export async function readTree(
  ctx: ReadContext,
  digest: string | undefined,
  depth: number,
  expected?: Descriptor,
  above: string[] = []
): Promise<ImageNode> {
  if (digest === undefined) {
    const top = await readManifest(ctx, undefined, depth)
    if (top.kind === 'index') await readChildren(ctx, top, top.json.manifests ?? [], depth)
    return top
  }
  // Content addressing rules out a cycle once digests are verified; said plainly should a source not.
  if (above.includes(digest)) fail(ctx, `index ${above.at(-1)} refers back to ${digest}: a cycle`, digest)
  let p = ctx.nodes.get(digest)
  const first = !p
  if (!p) {
    p = (async () => {
      const node = await readManifest(ctx, digest, depth, expected)
      if (node.kind === 'index') {
        await readChildren(ctx, node, node.json.manifests ?? [], depth, [...above, digest])
      }
      return node
    })()
    ctx.nodes.set(digest, p)
  }
  const node = await p
  if (first) return node
  if (expected && node.source.bytes.length !== expected.size) {
    fail(
      ctx,
      `manifest ${digest}: ${node.source.bytes.length} bytes, an index says ${expected.size} bytes`,
      digest
    )
  }
  // Shared: first read at another depth, so its depth below this path is checked here.
  if (depth + (node.height ?? 0) > ctx.limits.maxDepth) {
    fail(
      ctx,
      `manifest ${digest} has manifests nested ${depth + (node.height ?? 0)} levels below the top manifest, ` +
        `more than the limit of ${ctx.limits.maxDepth}`,
      digest
    )
  }
  return node
}

/** Every node of the graph once, children before their parent: the order manifests must be written in. */
export function postOrder(node: ImageNode, out: ImageNode[] = [], seen = new Set<ImageNode>()): ImageNode[] {
  if (seen.has(node)) return out
  seen.add(node)
  for (const c of node.children) postOrder(c, out, seen)
  out.push(node)
  return out
}

/** Distinct blobs of the whole tree. */
export function treeBlobs(node: ImageNode): Descriptor[] {
  const seen = new Map<string, Descriptor>()
  for (const n of postOrder(node)) for (const b of n.blobs) if (!seen.has(b.digest)) seen.set(b.digest, b)
  return [...seen.values()]
}

/**
 * The platform a single image declares in its config. Refuses artifacts: they have no platform to
 * match against a platform filter.
 */
export async function configPlatform(ctx: ReadContext, node: ImageNode): Promise<Platform> {
  const config = node.json.config!
  if (config.mediaType !== MediaType.OciConfig && config.mediaType !== MediaType.DockerConfig) {
    fail(
      ctx,
      `manifest ${node.source.digest} is an artifact (config ${config.mediaType}): it has no platform to match`,
      node.source.digest
    )
  }
  if (config.size > ctx.limits.maxConfigBytes) {
    fail(
      ctx,
      `config ${config.digest} is ${config.size} bytes, more than ${ctx.limits.maxConfigBytes}`,
      config.digest
    )
  }
  try {
    const chunks: Buffer[] = []
    await ctx.request(async () => {
      for await (const chunk of await ctx.src.getBlob(config)) chunks.push(chunk as Buffer)
    })
    const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<Platform>
    return { os: json.os ?? 'unknown', architecture: json.architecture ?? 'unknown', variant: json.variant }
  } catch (e) {
    throw toCopyError(e, 'source', ctx.src.name, `config ${config.digest}`, config.digest)
  }
}
