/**
 * Uncompressed layers (as `docker save` and `dir:` store them) gzip-compressed on their way to a
 * registry, as skopeo does: a registry link carries about half the bytes. The compressed blob's
 * digest is known only once it is whole, so it goes through a temporary file (bounded memory; the
 * disk holds one compressed layer per transfer in flight). gzip without a timestamp is
 * deterministic, so a rerun writes the same digests and finds them in place.
 */
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { MediaType, isIndex, rewriteIndex } from '../oci/index.js'
import type { Descriptor, ImageSource, Manifest, ManifestJson } from '../oci/index.js'
import { postOrder, type ImageNode } from './tree.js'

const GZIPPED: Record<string, string> = {
  'application/vnd.docker.image.rootfs.diff.tar': MediaType.DockerLayer,
  [MediaType.OciLayer]: MediaType.OciLayerGzip
}

/** The gzip media type for an uncompressed layer type, else undefined. */
export function gzipMediaType(mediaType: string): string | undefined {
  return GZIPPED[mediaType]
}

class Hasher extends Transform {
  private readonly hash = createHash('sha256')
  size = 0
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk)
    this.size += chunk.length
    cb(null, chunk)
  }
  digest(): string {
    return `sha256:${this.hash.digest('hex')}`
  }
}

export interface Compressed {
  desc: Descriptor
  /** A source serving the compressed blob from the temporary file. */
  source: Pick<ImageSource, 'name' | 'getBlob'>
  dispose(): Promise<void>
}

/** Reads `desc` from `src` (verified by the source), writes it gzip-compressed to a temporary file. */
export async function compressBlob(
  src: ImageSource,
  desc: Descriptor,
  mediaType: string
): Promise<Compressed> {
  const dir = await mkdtemp(join(tmpdir(), 'mirror-gzip-'))
  const file = join(dir, 'blob')
  const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true })
  try {
    const hasher = new Hasher()
    await pipeline(await src.getBlob(desc), createGzip(), hasher, createWriteStream(file, { mode: 0o600 }))
    const out: Descriptor = { ...desc, mediaType, digest: hasher.digest(), size: hasher.size }
    return {
      desc: out,
      source: { name: src.name, getBlob: () => Promise.resolve(createReadStream(file)) },
      dispose
    }
  } catch (e) {
    await dispose()
    throw e
  }
}

/**
 * Rewrites the manifests of the tree whose layers were compressed (`replaced`: old digest → new
 * descriptor), then the indexes above them, children first so an entry names its child's new digest.
 */
export function rewriteCompressed(root: ImageNode, replaced: Map<string, Descriptor>): void {
  if (!replaced.size) return
  for (const node of postOrder(root)) {
    if (node.present) continue
    if (node.kind === 'image') {
      const layers = node.json.layers ?? []
      if (!layers.some(l => replaced.has(l.digest))) continue
      const json: ManifestJson = JSON.parse(node.manifest.bytes.toString('utf8')) as ManifestJson
      json.layers = (json.layers ?? []).map(l => {
        const r = replaced.get(l.digest)
        // The layer's type as this manifest spells it (it may have been converted meanwhile).
        return r
          ? { ...l, mediaType: gzipMediaType(l.mediaType) ?? r.mediaType, digest: r.digest, size: r.size }
          : l
      })
      node.manifest = manifestOf(json, node.manifest.mediaType)
      continue
    }
    if (!isIndex(node.manifest.mediaType)) continue
    const changed = node.children.filter(c => c.manifest.digest !== c.source.digest)
    if (!changed.length) continue
    const json = JSON.parse(node.manifest.bytes.toString('utf8')) as ManifestJson
    const byOld = new Map(node.children.map(c => [c.source.digest, c.manifest]))
    const entries = (json.manifests ?? []).map(d => {
      const m = byOld.get(d.digest)
      return m && m.digest !== d.digest ? { ...d, digest: m.digest, size: m.bytes.length } : d
    })
    node.manifest = rewriteIndex(node.manifest, entries)
  }
}

function manifestOf(json: ManifestJson, mediaType: string): Manifest {
  const bytes = Buffer.from(JSON.stringify(json), 'utf8')
  return { bytes, mediaType, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` }
}
