/**
 * `dir:DIR`: skopeo's plain directory format (`version`, `manifest.json` for the image,
 * `<hex>.manifest.json` for the instances of an index, `<hex>` per blob). One image per directory.
 * Writes are atomic per file and `manifest.json` is written last, by commit().
 */
import { lstat, mkdir, readFile } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import type { Descriptor, ImageDestination, ImageSource, Manifest, ManifestJson } from '../oci/index.js'
import {
  BlobNotFoundError,
  blobFileOk,
  openBlobFile,
  readBlobFile,
  sweepStaleTemps,
  writeBlobFile,
  writeBytesFile
} from './fs/index.js'
import { assertComplete, descriptorsOf, manifestMediaType, parseManifest } from './manifest-util.js'
import { assertRealInside, confinedJoin, parseDigest } from './fs/index.js'
import { isEmptyOrMissing } from './oci-layout/index.js'
import { checkBytes, digestOf } from './fs/index.js'
import { DESTINATION_CAPABILITIES } from './capabilities.js'

const VERSION = 'Directory Transport Version: 1.1\n'

function hexOf(digest: string, where: string): string {
  const { algorithm, hex } = parseDigest(digest, where)
  if (algorithm !== 'sha256')
    throw new Error(`${where}: the dir: format stores sha256 blobs only, not ${digest}`)
  return hex
}

async function safePath(dir: string, file: string): Promise<string> {
  const p = confinedJoin(dir, file)
  await assertRealInside(dir, p).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err
  })
  return p
}

async function readVersion(dir: string): Promise<string | undefined> {
  try {
    return await readFile(confinedJoin(dir, 'version'), 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}

export async function openDirSource(dir: string): Promise<ImageSource> {
  const name = `dir:${dir}`
  const version = await readVersion(dir)
  // No version file is read as version 1.0, as skopeo does: its own test fixtures have none.
  if (version !== undefined && !/^Directory Transport Version: 1\.[01]\n?$/.test(version)) {
    throw new Error(`${name}: unsupported ${JSON.stringify(version.trim().slice(0, 80))}`)
  }
  const file = await safePath(dir, 'manifest.json')
  const st = await lstat(file).catch(() => undefined)
  if (!st?.isFile()) throw new Error(`${name}: not a dir: image (no manifest.json in ${dir})`)
  const bytes = await readFile(file)
  const digest = digestOf(bytes)
  const top: Manifest = { bytes, digest, mediaType: manifestMediaType(parseManifest(bytes, `${file}`)) }
  return {
    name,
    async resolve() {
      return { mediaType: top.mediaType, digest, size: bytes.length }
    },
    async getManifest(d?: string) {
      if (d === undefined || d === digest) return top
      const p = await safePath(dir, `${hexOf(d, name)}.manifest.json`)
      const s = await lstat(p).catch(() => undefined)
      if (!s?.isFile()) throw new BlobNotFoundError(`${name}: manifest ${d} not found`)
      const b = await readBlobFile(p, { digest: d, size: s.size }, name)
      return { bytes: b, digest: d, mediaType: manifestMediaType(parseManifest(b, p)) }
    },
    async getBlob(desc: Descriptor): Promise<Readable> {
      return openBlobFile(await safePath(dir, hexOf(desc.digest, name)), desc, name)
    },
    async close() {}
  }
}

export async function openDirDestination(dir: string): Promise<ImageDestination> {
  const name = `dir:${dir}`
  const version = await readVersion(dir)
  if (version === undefined) {
    if (!(await isEmptyOrMissing(dir, n => n.startsWith('.tmp-'))))
      throw new Error(`${name}: ${dir} exists, is not empty and is not a dir: image`)
    await mkdir(dir, { recursive: true })
    await writeBytesFile(dir, confinedJoin(dir, 'version'), Buffer.from(VERSION), undefined, name)
  }
  await sweepStaleTemps(dir, '.tmp-')
  const put = new Map<string, { desc: Descriptor; json: ManifestJson }>()
  let tagged: Descriptor | undefined
  const blobPath = (d: string): Promise<string> => safePath(dir, hexOf(d, name))
  const manifestPath = (d: string): Promise<string> => safePath(dir, `${hexOf(d, name)}.manifest.json`)

  return {
    name,
    capabilities: DESTINATION_CAPABILITIES.dir,
    async hasBlob(desc) {
      return blobFileOk(await blobPath(desc.digest), desc.size)
    },
    async putBlob(desc, body) {
      // The whole body, even if the blob is there by now: the engine checks every byte was taken.
      await writeBlobFile(dir, await blobPath(desc.digest), desc, body, name)
    },
    async resolveTag() {
      const p = confinedJoin(dir, 'manifest.json')
      const bytes = await readFile(p).catch(() => undefined)
      if (!bytes) return undefined
      return {
        mediaType: manifestMediaType(parseManifest(bytes, p)),
        digest: digestOf(bytes),
        size: bytes.length
      }
    },
    async hasManifest(digest) {
      return (
        put.has(digest) ||
        (await lstat(await manifestPath(digest)).then(
          s => s.isFile(),
          () => false
        ))
      )
    },
    async putManifest(m, tag) {
      const what = `${name}: manifest ${m.digest}`
      checkBytes(m.bytes, m.digest, undefined, what)
      const json = parseManifest(m.bytes, what)
      await writeBytesFile(dir, await manifestPath(m.digest), m.bytes, undefined, what)
      const desc = { mediaType: m.mediaType, digest: m.digest, size: m.bytes.length }
      put.set(m.digest, { desc, json })
      if (tag !== undefined) tagged = desc
    },
    async commit() {
      let root = tagged
      if (!root) {
        const referenced = new Set<string>()
        for (const { json } of put.values()) for (const d of descriptorsOf(json)) referenced.add(d.digest)
        // A manifest with a subject (a signature, an SBOM) copied on its own is the image here:
        // a dir: holds no referrers beside an image.
        const roots = [...put.values()].filter(p => !referenced.has(p.desc.digest))
        if (roots.length > 1)
          throw new Error(`${name}: several unrelated manifests were written; a dir: holds one image`)
        root = roots[0]?.desc
      }
      if (!root) {
        // Manifests were written but none can be manifest.json: a copy must not pass for done.
        if (put.size)
          throw new Error(`${name}: none of the ${put.size} manifest(s) written is an image to publish`)
        return
      }
      await assertComplete(
        root,
        {
          manifest: async d =>
            put.get(d.digest)?.json ??
            parseManifest(await readBlobFile(await manifestPath(d.digest), d, name), name),
          hasBlob: async d => blobFileOk(await blobPath(d.digest), d.size)
        },
        name
      )
      const bytes = await readBlobFile(await manifestPath(root.digest), root, name)
      await writeBytesFile(dir, confinedJoin(dir, 'manifest.json'), bytes, root, name)
      put.clear()
      tagged = undefined
    },
    async close() {}
  }
}
