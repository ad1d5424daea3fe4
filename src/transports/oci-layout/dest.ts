/**
 * `oci:DIR[:REF]` as a destination. Blobs land atomically (ingest/ temp file, verified, renamed into
 * blobs/); putManifest with a tag only records the intent and commit() publishes it in index.json,
 * after checking the image is complete — so index.json never names an image with missing parts.
 */
import { lstat, mkdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import type { Descriptor, ImageDestination, Manifest, ManifestJson } from '../../oci/index.js'
import {
  blobFileOk,
  readBlobFile,
  removeIfEmpty,
  sweepStaleTemps,
  writeBlobFile,
  writeBytesFile
} from '../fs/index.js'
import { withDirLock } from '../fs/index.js'
import { assertComplete, descriptorsOf, parseManifest } from '../manifest-util.js'
import {
  LAYOUT_FILE,
  LAYOUT_VERSION,
  REF_NAME_ANNOTATION,
  blobPath,
  emptyIndex,
  ensureInsideDirs,
  isEmptyOrMissing,
  readIndex,
  readLayoutMarker,
  refNameOf,
  type IndexJson
} from './index-json.js'
import { assertRealInside, parseDigest, validateOciRefName } from '../fs/index.js'
import { checkBytes } from '../fs/index.js'
import { DESTINATION_CAPABILITIES } from '../capabilities.js'

/** Cosign-style fallback tags (`sha256-<hex>[.sig|.att|…]`) name referrers, never the image itself. */
export function isFallbackTag(tag: string): boolean {
  return /^sha(256|512)-[a-f0-9]{64,128}/.test(tag)
}

/** What a layout (ours, or one being created) may hold at its top. */
const LAYOUT_NAMES = new Set([LAYOUT_FILE, 'index.json', 'index.json.lock', 'blobs', 'ingest'])

async function isA(kind: 'file' | 'dir', p: string): Promise<boolean> {
  try {
    const st = await stat(p)
    return kind === 'file' ? st.isFile() : st.isDirectory()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw err
  }
}

interface PutManifest {
  desc: Descriptor
  json: ManifestJson
}

export async function openOciDestination(dir: string, ref?: string): Promise<OciDestination> {
  const name = `oci:${dir}${ref ? `:${ref}` : ''}`
  if (ref !== undefined) validateOciRefName(ref, name)
  const dest = new OciDestination(dir, name, ref)
  await dest.init()
  return dest
}

export class OciDestination implements ImageDestination {
  /** The layout's real path, set by init(): every REF of one layout shares its blobs. */
  blobStore?: string
  readonly capabilities = DESTINATION_CAPABILITIES.oci
  private readonly ingest: string
  private readonly algDirs = new Set<string>()
  private readonly names = new Map<string, Descriptor>()
  private readonly put = new Map<string, PutManifest>()

  constructor(
    readonly dir: string,
    readonly name: string,
    private readonly ref?: string
  ) {
    this.ingest = path.join(dir, 'ingest')
  }

  /**
   * Create the layout, or take over one a killed run left half-created. Idempotent and safe against
   * other openers of the same directory (sync workers, sync shards): creation happens under the
   * layout's lock, so nobody sees a layout in the making and mistakes it for a foreign directory.
   */
  async init(): Promise<void> {
    if (!(await this.complete())) {
      // Refuse an obviously foreign directory before dropping a lock file into it.
      if (!(await isEmptyOrMissing(this.dir, n => LAYOUT_NAMES.has(n)))) await this.refuseUnlessLayout()
      await mkdir(this.dir, { recursive: true })
      await withDirLock(this.dir, async () => {
        await this.refuseUnlessLayout()
        await ensureInsideDirs(this.dir, 'ingest')
        // oci-layout first: a run killed after it leaves a layout the next open completes.
        if (!(await readLayoutMarker(this.dir))) {
          const marker = Buffer.from(JSON.stringify({ imageLayoutVersion: LAYOUT_VERSION }))
          await writeBytesFile(this.ingest, path.join(this.dir, LAYOUT_FILE), marker, undefined, this.name)
        }
        await ensureInsideDirs(this.dir, 'blobs', 'sha256')
        // Under the lock, so it cannot overwrite an index.json another destination just committed.
        if (!(await isA('file', path.join(this.dir, 'index.json')))) {
          const bytes = Buffer.from(JSON.stringify(emptyIndex()))
          await writeBytesFile(this.ingest, path.join(this.dir, 'index.json'), bytes, undefined, this.name)
        }
      })
    }
    // ingest/ comes and goes (removed when empty, made again by the next temp file): check only
    // that one that is there does not lead out of the layout.
    await assertRealInside(this.dir, this.ingest).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err
    })
    await sweepStaleTemps(this.ingest, '.tmp-')
    this.blobStore = `oci:${await realpath(this.dir)}`
  }

  /** All a layout needs is there: the common case of opening an existing layout takes no lock. */
  private async complete(): Promise<boolean> {
    return (
      (await readLayoutMarker(this.dir)) &&
      (await isA('file', path.join(this.dir, 'index.json'))) &&
      (await isA('dir', path.join(this.dir, 'blobs', 'sha256')))
    )
  }

  /** A directory without oci-layout holding more than a killed creator leaves (ingest/, the lock) is not ours. */
  private async refuseUnlessLayout(): Promise<void> {
    if (await readLayoutMarker(this.dir)) return
    if (await isEmptyOrMissing(this.dir, n => n === 'ingest' || n === 'index.json.lock')) return
    throw new Error(
      `${this.name}: ${this.dir} exists, is not empty and is not an OCI layout (no ${LAYOUT_FILE})`
    )
  }

  private async pathFor(digest: string): Promise<string> {
    const { algorithm } = parseDigest(digest, this.name)
    if (!this.algDirs.has(algorithm)) {
      await ensureInsideDirs(this.dir, 'blobs', algorithm)
      this.algDirs.add(algorithm)
    }
    return blobPath(this.dir, digest, this.name)
  }

  async hasBlob(desc: Descriptor): Promise<boolean> {
    return blobFileOk(await this.pathFor(desc.digest), desc.size)
  }

  /**
   * Always takes the whole body, even when the blob appears meanwhile (another image of the run or
   * another process wrote it): writeBlobFile then counts it as written.
   */
  async putBlob(desc: Descriptor, body: Readable): Promise<void> {
    await writeBlobFile(this.ingest, await this.pathFor(desc.digest), desc, body, this.name)
  }

  async resolveTag(tag: string): Promise<Descriptor | undefined> {
    const name = this.nameFor(tag)
    const index = await readIndex(this.dir)
    const hit = index?.manifests.find(d => refNameOf(d) === name)
    return hit ? { mediaType: hit.mediaType, digest: hit.digest, size: hit.size } : undefined
  }

  async hasManifest(digest: string): Promise<boolean> {
    try {
      return (await lstat(await this.pathFor(digest))).isFile()
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw err
    }
  }

  async putManifest(manifest: Manifest, tag?: string): Promise<void> {
    const what = `${this.name}: manifest ${manifest.digest}`
    checkBytes(manifest.bytes, manifest.digest, undefined, what)
    const json = parseManifest(manifest.bytes, what)
    const file = await this.pathFor(manifest.digest)
    if (!(await blobFileOk(file, manifest.bytes.length))) {
      await writeBytesFile(this.ingest, file, manifest.bytes, undefined, what)
    }
    const desc: Descriptor = {
      mediaType: manifest.mediaType,
      digest: manifest.digest,
      size: manifest.bytes.length
    }
    this.put.set(manifest.digest, { desc, json })
    if (tag !== undefined) this.names.set(this.nameFor(tag), desc)
  }

  /** The destination's REF names the image whatever tag the caller passes; fallback tags keep their own name. */
  private nameFor(tag: string): string {
    const name = isFallbackTag(tag) ? tag : (this.ref ?? tag)
    return validateOciRefName(name, this.name)
  }

  /** Publish what putManifest recorded: verify completeness, then rewrite index.json under the lock. */
  async commit(): Promise<void> {
    const named = new Map(this.names)
    const unnamed: Descriptor[] = []
    if (named.size === 0) {
      const roots = this.roots()
      if (roots.length > 1) {
        throw new Error(
          `${this.name}: several unrelated manifests were written and none was tagged: ${roots.map(r => r.digest).join(', ')}`
        )
      }
      if (roots.length === 1) {
        if (this.ref) named.set(this.ref, roots[0])
        else unnamed.push(roots[0])
      }
    }
    const namedDigests = new Set([...named.values()].map(d => d.digest))
    for (const { desc, json } of this.put.values()) {
      if (json.subject && !namedDigests.has(desc.digest)) {
        unnamed.push({ ...desc, artifactType: json.artifactType ?? json.config?.mediaType ?? desc.mediaType })
      }
    }
    for (const d of [...named.values(), ...unnamed]) await this.checkComplete(d)
    if (named.size === 0 && unnamed.length === 0) return
    await withDirLock(this.dir, async () => {
      const index: IndexJson = (await readIndex(this.dir)) ?? emptyIndex()
      for (const [ref, desc] of named) {
        const entry: Descriptor = { ...desc, annotations: { [REF_NAME_ANNOTATION]: ref } }
        const at = index.manifests.findIndex(d => refNameOf(d) === ref)
        index.manifests = index.manifests.filter(d => refNameOf(d) !== ref)
        index.manifests.splice(at < 0 ? index.manifests.length : at, 0, entry)
      }
      for (const d of unnamed) {
        if (!index.manifests.some(e => e.digest === d.digest && refNameOf(e) === undefined))
          index.manifests.push(d)
      }
      const bytes = Buffer.from(JSON.stringify(index))
      await writeBytesFile(this.ingest, path.join(this.dir, 'index.json'), bytes, undefined, this.name)
    })
    this.names.clear()
    this.put.clear()
    // A finished layout has no empty ingest/ (umoci and others list the top of a layout).
    await removeIfEmpty(this.ingest)
  }

  /** Manifests written in this session that no other written manifest references, referrers excluded. */
  private roots(): Descriptor[] {
    const referenced = new Set<string>()
    for (const { json } of this.put.values()) for (const d of descriptorsOf(json)) referenced.add(d.digest)
    return [...this.put.values()]
      .filter(p => !referenced.has(p.desc.digest) && !p.json.subject)
      .map(p => p.desc)
  }

  private async checkComplete(desc: Descriptor): Promise<void> {
    await assertComplete(
      desc,
      {
        manifest: async d =>
          this.put.get(d.digest)?.json ??
          parseManifest(await readBlobFile(await this.pathFor(d.digest), d, this.name), this.name),
        hasBlob: async d => blobFileOk(await this.pathFor(d.digest), d.size)
      },
      this.name
    )
  }

  async close(): Promise<void> {
    await removeIfEmpty(this.ingest)
  }
}
