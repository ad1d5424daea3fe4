/** Test helpers for the file transports: write built images straight into a destination, read them back. */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import type {
  Descriptor,
  ImageDestination,
  ImageSource,
  Manifest,
  ManifestJson
} from '../../src/copy/types.js'
import type { BuiltImage } from '../harness/index.js'

export async function tempDir(
  prefix = 'mirror-transports-'
): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** Write a built image the way the engine does: blobs, children by digest, then the root (tagged), then commit. */
export async function writeBuilt(dst: ImageDestination, img: BuiltImage, tag?: string): Promise<void> {
  for (const b of img.blobs) {
    const desc = { mediaType: b.mediaType, digest: b.digest, size: b.size }
    if (!(await dst.hasBlob(desc))) await dst.putBlob(desc, Readable.from([b.data]))
  }
  for (const c of img.children)
    await dst.putManifest({ bytes: c.bytes, digest: c.digest, mediaType: c.mediaType })
  await dst.putManifest(img.manifest, tag)
  await dst.commit?.()
}

export async function readAll(r: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of r) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

/**
 * A minimal copier (no engine): walk the source tree, move every blob and manifest, tag the root,
 * commit. Returns the root manifest.
 */
export async function copyDirect(src: ImageSource, dst: ImageDestination, tag?: string): Promise<Manifest> {
  const root = await src.getManifest()
  const walk = async (m: Manifest, isRoot: boolean): Promise<void> => {
    const json = JSON.parse(m.bytes.toString('utf8')) as ManifestJson
    for (const child of json.manifests ?? []) await walk(await src.getManifest(child.digest), false)
    const blobs: Descriptor[] = [...(json.config ? [json.config] : []), ...(json.layers ?? [])]
    for (const b of blobs) if (!(await dst.hasBlob(b))) await dst.putBlob(b, await src.getBlob(b))
    if (!isRoot) await dst.putManifest(m)
  }
  await walk(root, true)
  await dst.putManifest(root, tag)
  await dst.commit?.()
  return root
}
