/**
 * The on-disk OCI image layout (image-spec `image-layout.md`): `oci-layout`, `index.json`,
 * `blobs/<alg>/<hex>`. Paths come only from validated digests, and are checked against symlinks.
 */
import { mkdir, readFile, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Descriptor } from '../../oci/index.js'
import { checkDescriptor } from '../manifest-util.js'
import { assertRealInside, confinedJoin, parseDigest } from '../fs/index.js'
import { isObject, parseJsonText } from '../fs/index.js'

export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name'
export const LAYOUT_FILE = 'oci-layout'
export const LAYOUT_VERSION = '1.0.0'
const MAX_INDEX_BYTES = 64 * 1024 * 1024

export interface IndexJson {
  schemaVersion: number
  mediaType?: string
  manifests: Descriptor[]
  [k: string]: unknown
}

export function emptyIndex(): IndexJson {
  return { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] }
}

/** `blobs/<alg>/<hex>` under `dir`; the digest is validated so it cannot name anything else. */
export function blobPath(dir: string, digest: string, where: string): string {
  const { algorithm, hex } = parseDigest(digest, where)
  return confinedJoin(dir, 'blobs', algorithm, hex)
}

/** blobPath plus a real-path check, for reads through a layout that may contain symlinks. */
export async function safeBlobPath(dir: string, digest: string, where: string): Promise<string> {
  const p = blobPath(dir, digest, where)
  try {
    await assertRealInside(dir, p)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  return p
}

/** Create `rel` (a chain of directories) under `dir`, refusing any existing part that is a symlink leading out. */
export async function ensureInsideDirs(dir: string, ...rel: string[]): Promise<void> {
  let cur = dir
  for (const seg of rel) {
    cur = confinedJoin(cur, seg)
    await mkdir(cur).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err
    })
    await assertRealInside(dir, cur)
  }
}

/** Check `oci-layout`; returns false when it does not exist. */
export async function readLayoutMarker(dir: string): Promise<boolean> {
  const file = path.join(dir, LAYOUT_FILE)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw err
  }
  const json = parseJsonText(text, file)
  const version = isObject(json) ? json.imageLayoutVersion : undefined
  if (typeof version !== 'string' || !/^1\.\d+\.\d+$/.test(version)) {
    throw new Error(`${file}: unsupported imageLayoutVersion ${JSON.stringify(version)} (expected 1.x)`)
  }
  return true
}

/** Read and validate `index.json`; undefined when the layout has none yet. */
export async function readIndex(dir: string): Promise<IndexJson | undefined> {
  const file = path.join(dir, 'index.json')
  let st
  try {
    st = await stat(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  if (st.size > MAX_INDEX_BYTES)
    throw new Error(`${file}: ${st.size} bytes, over the ${MAX_INDEX_BYTES}-byte limit`)
  const json = parseJsonText(await readFile(file, 'utf8'), file)
  if (!isObject(json) || json.schemaVersion !== 2 || !Array.isArray(json.manifests)) {
    throw new Error(`${file}: not an OCI image index (schemaVersion 2 with a manifests array)`)
  }
  json.manifests.forEach((d, i) => checkDescriptor(d, `${file}: manifests[${i}]`))
  return json as IndexJson
}

export function refNameOf(d: Descriptor): string | undefined {
  return d.annotations?.[REF_NAME_ANNOTATION]
}

/** Human list of the images in an index, for "which one did you mean" errors. */
export function describeEntries(entries: Descriptor[]): string {
  return entries.map(d => refNameOf(d) ?? `(unnamed ${d.digest})`).join(', ')
}

/**
 * True when `dir` is missing or holds nothing but `ours` (what a run killed while creating the
 * layout leaves behind): safe to turn into a new layout.
 */
export async function isEmptyOrMissing(
  dir: string,
  ours: (name: string) => boolean = () => false
): Promise<boolean> {
  try {
    return (await readdir(dir)).every(ours)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true
    throw err
  }
}
