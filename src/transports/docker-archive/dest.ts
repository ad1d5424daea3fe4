/**
 * `docker-archive:FILE[:NAME:TAG]` as a destination. Blobs are staged (verified) in a directory next
 * to FILE; commit() streams them into a tar written beside FILE and renamed over it, so FILE is
 * either the old archive or the complete new one. The tar is what Docker 25+ `docker save` writes:
 * `manifest.json` + `repositories` for `docker load` and skopeo, and an OCI layout (`oci-layout`,
 * `index.json`, `blobs/sha256/…`) that keeps the original manifest, so its digest survives a round trip.
 * Layers are stored as-is (compressed); `docker load` and skopeo decompress them.
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import tar from 'tar-stream'
import type { Descriptor, ImageDestination, Manifest, ManifestJson } from '../../oci/index.js'
import { MediaType, formatPlatform, isAttestationEntry } from '../../oci/index.js'
import { parseArchiveName, type ArchiveName } from './common.js'
import { blobFileOk, sweepStaleTemps, tempName, writeBlobFile, writeBytesFile } from '../fs/index.js'
import { descriptorsOf, isIndexManifest, parseManifest, requiredBlobs } from '../manifest-util.js'
import { confinedJoin, parseDigest } from '../fs/index.js'
import { checkBytes } from '../fs/index.js'
import { DESTINATION_CAPABILITIES } from '../capabilities.js'

const EPOCH = new Date(0)

export async function openDockerArchiveDestination(file: string, ref?: string): Promise<ImageDestination> {
  const name = `docker-archive:${file}${ref ? `:${ref}` : ''}`
  const parsed = ref !== undefined ? parseArchiveName(ref, name) : undefined
  const st = await stat(file).catch(() => undefined)
  if (st?.isDirectory()) throw new Error(`${name}: ${file} is a directory`)
  const dir = path.dirname(path.resolve(file))
  const base = path.basename(file)
  await sweepStaleTemps(dir, `.${base}.tmp-`)
  await sweepStaleTemps(dir, `.${base}.partial-`)
  return new DockerArchiveDestination(file, name, ref, parsed)
}

interface TarFile {
  name: string
  /** A staged blob streamed into the tar, or small bytes given inline. */
  from?: string
  bytes?: Buffer
  size?: number
}

interface Staged {
  desc: Descriptor
  json: ManifestJson
}

class DockerArchiveDestination implements ImageDestination {
  readonly capabilities = DESTINATION_CAPABILITIES['docker-archive']
  private readonly staging: string
  private readonly manifests = new Map<string, Staged>()
  private readonly tags = new Map<string, Descriptor>()
  /** Manifests the archive on disk holds since the last commit. */
  private written = new Set<string>()

  constructor(
    private readonly file: string,
    readonly name: string,
    private readonly ref: string | undefined,
    private readonly parsed: ArchiveName | undefined
  ) {
    const abs = path.resolve(file)
    this.staging = path.join(path.dirname(abs), tempName(`.${path.basename(abs)}.tmp-`))
  }

  private stagedPath(digest: string): string {
    const { algorithm, hex } = parseDigest(digest, this.name)
    return confinedJoin(this.staging, `${algorithm}-${hex}`)
  }

  async hasBlob(desc: Descriptor): Promise<boolean> {
    return blobFileOk(this.stagedPath(desc.digest), desc.size)
  }

  async putBlob(desc: Descriptor, body: Readable): Promise<void> {
    // The whole body, even if the blob is staged by now: the engine checks every byte was taken.
    await writeBlobFile(this.staging, this.stagedPath(desc.digest), desc, body, this.name)
  }

  /**
   * The digest the archive holds for this name: read back with the source (cheap for our archives).
   * A bare tag (`v1`) cannot name an archive image, so then the archive's only image answers.
   */
  async resolveTag(tag: string): Promise<Descriptor | undefined> {
    const st = await stat(this.file).catch(() => undefined)
    if (!st?.isFile()) return undefined
    let ref = this.ref
    if (ref === undefined) {
      try {
        ref = parseArchiveName(tag, this.name).familiar
      } catch {
        ref = undefined
      }
    }
    const { openDockerArchiveSource } = await import('./source.js')
    try {
      const src = await openDockerArchiveSource(this.file, ref)
      return await src.resolve()
    } catch {
      // An archive without that image (or an unreadable one) is rewritten by the copy.
      return undefined
    }
  }

  async hasManifest(digest: string): Promise<boolean> {
    return this.manifests.has(digest) || this.written.has(digest)
  }

  async putManifest(manifest: Manifest, tag?: string): Promise<void> {
    const what = `${this.name}: manifest ${manifest.digest}`
    checkBytes(manifest.bytes, manifest.digest, undefined, what)
    const json = parseManifest(manifest.bytes, what)
    await writeBytesFile(this.staging, this.stagedPath(manifest.digest), manifest.bytes, undefined, what)
    const desc = { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.bytes.length }
    this.manifests.set(manifest.digest, { desc, json })
    if (tag !== undefined) this.tags.set(tag, desc)
  }

  /**
   * What the archive will hold: the root (an image, or an index with exactly one runnable platform
   * plus its attestations) and every manifest under it. manifest.json describes the runnable image.
   */
  private chooseTree(): { root: Staged; image: Staged; all: Staged[] } {
    let rootDesc: Descriptor | undefined = [...this.tags.values()].at(-1)
    if (!rootDesc) {
      const referenced = new Set<string>()
      for (const { json } of this.manifests.values())
        for (const d of descriptorsOf(json)) referenced.add(d.digest)
      const roots = [...this.manifests.values()].filter(
        s => !referenced.has(s.desc.digest) && !s.json.subject
      )
      if (roots.length !== 1)
        throw new Error(`${this.name}: expected one image to write, got ${roots.length}`)
      rootDesc = roots[0].desc
    }
    const root = this.manifests.get(rootDesc.digest)
    if (!root) throw new Error(`${this.name}: manifest ${rootDesc.digest} was not written`)
    if (!isIndexManifest(root.json, root.desc.mediaType)) return { root, image: root, all: [root] }
    const entries = root.json.manifests ?? []
    const images = entries.filter(d => !isAttestationEntry(d))
    if (images.length !== 1) {
      throw new Error(
        `${this.name}: a docker-archive holds one platform, the source has ${images.length} ` +
          `(${images.map(d => formatPlatform(d.platform)).join(', ')}); choose one with --platform`
      )
    }
    const all = [root]
    for (const d of entries) {
      const child = this.manifests.get(d.digest)
      if (!child || isIndexManifest(child.json, child.desc.mediaType)) {
        throw new Error(`${this.name}: not writing the archive: manifest ${d.digest} is missing or nested`)
      }
      all.push(child)
    }
    return { root, image: this.manifests.get(images[0].digest) as Staged, all }
  }

  /** Without NAME:TAG in the destination, a caller's tag that is a full name (`repo:tag`) names the image. */
  private namesFromTags(): ArchiveName[] {
    const out: ArchiveName[] = []
    for (const t of this.tags.keys()) {
      try {
        out.push(parseArchiveName(t, this.name))
      } catch {
        // a bare tag has no repository: the image stays untagged, as with `docker save IMAGE_ID`
      }
    }
    return out.slice(-1)
  }

  async commit(): Promise<void> {
    if (this.manifests.size === 0) return
    const { root, image, all } = this.chooseTree()
    const config = image.json.config
    if (!config) throw new Error(`${this.name}: manifest ${image.desc.digest} has no config`)
    const layers = image.json.layers ?? []
    if (requiredBlobs(image.json).length !== layers.length + 1) {
      throw new Error(
        `${this.name}: ${image.desc.digest} has foreign layers, which a docker-archive cannot hold without copying them`
      )
    }
    const blobs = all.flatMap(s => requiredBlobs(s.json))
    for (const b of blobs) {
      if (!(await blobFileOk(this.stagedPath(b.digest), b.size))) {
        throw new Error(`${this.name}: not writing the archive: blob ${b.digest} (${b.mediaType}) is missing`)
      }
    }
    const blobName = (d: string): string => `blobs/${d.replace(':', '/')}`
    const names = this.parsed ? [this.parsed] : this.namesFromTags()
    const repoTags = names.map(n => n.familiar)
    const manifestJson = [
      { Config: blobName(config.digest), RepoTags: repoTags, Layers: layers.map(l => blobName(l.digest)) }
    ]
    const repositories: Record<string, Record<string, string>> = {}
    const top = layers.at(-1)
    for (const n of names)
      if (top) repositories[n.repository] = { [n.tag]: parseDigest(top.digest, this.name).hex }
    const annotations = names.length
      ? { 'io.containerd.image.name': names[0].full, 'org.opencontainers.image.ref.name': names[0].tag }
      : undefined
    const index = {
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [{ ...root.desc, ...(annotations ? { annotations } : {}) }]
    }
    const files: TarFile[] = [
      { name: 'oci-layout', bytes: Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })) }
    ]
    const seen = new Set<string>()
    for (const d of [...all.map(s => s.desc), ...blobs]) {
      if (seen.has(d.digest)) continue
      seen.add(d.digest)
      files.push({ name: blobName(d.digest), from: this.stagedPath(d.digest), size: d.size })
    }
    files.push({ name: 'index.json', bytes: Buffer.from(JSON.stringify(index)) })
    files.push({ name: 'manifest.json', bytes: Buffer.from(JSON.stringify(manifestJson)) })
    if (Object.keys(repositories).length)
      files.push({ name: 'repositories', bytes: Buffer.from(JSON.stringify(repositories)) })
    await this.writeTar(files)
    this.written = new Set(all.map(s => s.desc.digest))
    await rm(this.staging, { recursive: true, force: true })
    this.manifests.clear()
    this.tags.clear()
  }

  private async writeTar(files: TarFile[]): Promise<void> {
    const dir = path.dirname(path.resolve(this.file))
    await mkdir(dir, { recursive: true })
    const tmp = path.join(dir, tempName(`.${path.basename(this.file)}.partial-`))
    const pack = tar.pack()
    const dirsAdded = new Set<string>()
    const written = pipeline(pack, createWriteStream(tmp, { flags: 'wx', mode: 0o644 }))
    const failed = written.then(() => {
      throw new Error(`${this.name}: archive stream ended early`)
    })
    failed.catch(() => undefined)
    try {
      for (const f of files) {
        const dirs = f.name.split('/').slice(0, -1)
        for (let i = 1; i <= dirs.length; i++) {
          const d = dirs.slice(0, i).join('/')
          if (!dirsAdded.has(d)) {
            dirsAdded.add(d)
            pack.entry({ name: `${d}/`, type: 'directory', mode: 0o755, mtime: EPOCH })
          }
        }
        const header = { name: f.name, mode: 0o644, mtime: EPOCH, type: 'file' as const }
        if (f.bytes) {
          pack.entry(header, f.bytes)
          continue
        }
        const src = f.from as string
        const entryDone = new Promise<void>((resolve, reject) => {
          const entry = pack.entry({ ...header, size: f.size }, err => (err ? reject(err) : resolve()))
          const rs = createReadStream(src)
          rs.on('error', reject)
          rs.pipe(entry as unknown as NodeJS.WritableStream)
        })
        await Promise.race([entryDone, failed])
      }
      pack.finalize()
      await written
      await rename(tmp, this.file)
    } catch (err) {
      pack.destroy()
      await written.catch(() => undefined)
      await rm(tmp, { force: true })
      throw err
    }
  }

  async close(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true })
  }
}
