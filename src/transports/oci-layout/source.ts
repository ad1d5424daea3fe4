/**
 * `oci:DIR[:REF]` as a source: images in an OCI image layout, told apart by the
 * `org.opencontainers.image.ref.name` annotation of their index.json entry.
 */
import { stat } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import type { Descriptor, ImageSource, Manifest } from '../../oci/index.js'
import { readBlobFile, openBlobFile } from '../fs/index.js'
import { manifestMediaType, parseManifest } from '../manifest-util.js'
import {
  describeEntries,
  readIndex,
  readLayoutMarker,
  refNameOf,
  safeBlobPath,
  type IndexJson
} from './index-json.js'
import { validateOciRefName } from '../fs/index.js'

export function ociName(dir: string, ref?: string): string {
  return `oci:${dir}${ref ? `:${ref}` : ''}`
}

/** Pick the entry `ref` names, or the only image when no ref is given. */
export function selectEntry(index: IndexJson, ref: string | undefined, name: string): Descriptor {
  if (ref !== undefined) {
    const hits = index.manifests.filter(d => refNameOf(d) === ref)
    if (hits.length === 0) {
      throw new Error(
        `${name}: no image named '${ref}' in index.json (images: ${describeEntries(index.manifests) || 'none'})`
      )
    }
    if (new Set(hits.map(d => d.digest)).size > 1) {
      throw new Error(`${name}: index.json names several different images '${ref}'`)
    }
    return hits[0]
  }
  // Referrers (signatures, SBOMs) stored as untagged entries carry artifactType: they are not images to pick.
  const untyped = index.manifests.filter(d => !d.artifactType)
  // …unless artifacts are all there is (an ORAS layout holding one artifact).
  const images = untyped.length ? untyped : index.manifests
  if (images.length === 1) return images[0]
  if (images.length === 0) throw new Error(`${name}: the layout holds no image`)
  throw new Error(
    `${name}: the layout holds ${images.length} images; choose one with oci:DIR:REF ` +
      `(images: ${describeEntries(images)})`
  )
}

export async function openOciSource(dir: string, ref?: string): Promise<ImageSource> {
  const name = ociName(dir, ref)
  if (ref !== undefined) validateOciRefName(ref, name)
  if (!(await readLayoutMarker(dir)))
    throw new Error(`${name}: not an OCI image layout (no oci-layout file in ${dir})`)
  const index = await readIndex(dir)
  if (!index) throw new Error(`${name}: the layout has no index.json`)
  const entry = selectEntry(index, ref, name)
  return new OciSource(dir, name, index, entry)
}

class OciSource implements ImageSource {
  private subjects?: Map<string, Descriptor[]>

  constructor(
    private readonly dir: string,
    readonly name: string,
    private readonly index: IndexJson,
    private readonly entry: Descriptor
  ) {}

  async resolve(): Promise<Descriptor> {
    const { mediaType, digest, size } = this.entry
    return { mediaType, digest, size }
  }

  async getManifest(digest?: string): Promise<Manifest> {
    const d = digest ?? this.entry.digest
    const known = this.index.manifests.find(e => e.digest === d)
    const file = await safeBlobPath(this.dir, d, this.name)
    const size = known?.size ?? (await fileSize(file, this.name, d))
    const bytes = await readBlobFile(file, { digest: d, size }, this.name)
    const json = parseManifest(bytes, `${this.name}: manifest ${d}`)
    return { bytes, digest: d, mediaType: manifestMediaType(json, known?.mediaType) }
  }

  async getBlob(desc: Descriptor): Promise<Readable> {
    return openBlobFile(await safeBlobPath(this.dir, desc.digest, this.name), desc, this.name)
  }

  /** Referrers stored the way ORAS and our destination do: untagged index.json entries with a `subject`. */
  async referrers(digest: string): Promise<Descriptor[]> {
    if (!this.subjects) {
      const subjects = new Map<string, Descriptor[]>()
      for (const e of this.index.manifests) {
        if (refNameOf(e) !== undefined || e.mediaType.includes('index')) continue
        const m = await this.getManifest(e.digest)
        const json = parseManifest(m.bytes, this.name)
        if (!json.subject) continue
        const list = subjects.get(json.subject.digest) ?? []
        list.push({
          mediaType: m.mediaType,
          digest: e.digest,
          size: e.size,
          ...(json.artifactType || json.config?.mediaType
            ? { artifactType: json.artifactType ?? json.config?.mediaType }
            : {}),
          ...(json.annotations ? { annotations: json.annotations } : {})
        })
        subjects.set(json.subject.digest, list)
      }
      this.subjects = subjects
    }
    return this.subjects.get(digest) ?? []
  }

  /** The image another index.json entry names (cosign-style `sha256-<hex>.sig` tags live there too). */
  async resolveTag(tag: string): Promise<Descriptor | undefined> {
    const hit = this.index.manifests.find(d => refNameOf(d) === tag)
    return hit ? { mediaType: hit.mediaType, digest: hit.digest, size: hit.size } : undefined
  }

  async fallbackTags(digest: string): Promise<string[]> {
    const prefix = digest.replace(':', '-')
    return this.index.manifests
      .map(d => refNameOf(d))
      .filter((r): r is string => r !== undefined && (r === prefix || r.startsWith(`${prefix}.`)))
  }

  async close(): Promise<void> {}
}

async function fileSize(file: string, name: string, digest: string): Promise<number> {
  try {
    return (await stat(file)).size
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${name}: manifest ${digest} not found`)
    throw err
  }
}
