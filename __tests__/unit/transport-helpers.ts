/** Test helpers for the file transports: write built images straight into a destination, read them back. */
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { gunzipSync } from 'node:zlib'
import tar from 'tar-stream'
import type {
  Descriptor,
  ImageDestination,
  ImageSource,
  Manifest,
  ManifestJson
} from '../../src/oci/index.js'
import { buildImage, type BuiltImage } from '../harness/index.js'

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

export interface Entry {
  name: string
  data?: Buffer | string
  type?: 'file' | 'symlink' | 'link' | 'directory'
  linkname?: string
}

export async function makeTar(file: string, entries: Entry[]): Promise<void> {
  const pack = tar.pack()
  const done = pipeline(pack, createWriteStream(file))
  for (const e of entries) {
    if (e.type && e.type !== 'file') pack.entry({ name: e.name, type: e.type, linkname: e.linkname })
    else
      pack.entry(
        { name: e.name },
        typeof e.data === 'string' ? Buffer.from(e.data) : (e.data ?? Buffer.alloc(0))
      )
  }
  pack.finalize()
  await done
}

export const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

/** A classic (`docker save` before Docker 25) archive: `<id>/layer.tar` uncompressed, config `<hex>.json`. */
export function classicEntries(opts: { gzip?: boolean; repoTags?: string[]; seed?: string } = {}): {
  entries: Entry[]
  config: Buffer
  layers: Buffer[]
} {
  const img = buildImage({ seed: opts.seed ?? 'classic', format: 'docker' })
  const m = JSON.parse(img.manifest.bytes.toString()) as {
    config: { digest: string }
    layers: { digest: string }[]
  }
  const config = img.blobs.find(b => b.digest === m.config.digest)!.data
  const gz = m.layers.map(l => img.blobs.find(b => b.digest === l.digest)!.data)
  const layers = opts.gzip ? gz : gz.map(g => gunzipSync(g))
  const ids = layers.map((_, i) => `${String(i).repeat(64)}`)
  const entries: Entry[] = [
    { name: `${sha(config).slice(7)}.json`, data: config },
    ...layers.flatMap((l, i) => [
      { name: `${ids[i]}/`, type: 'directory' as const },
      { name: `${ids[i]}/VERSION`, data: '1.0' },
      { name: `${ids[i]}/layer.tar`, data: l }
    ]),
    {
      name: 'manifest.json',
      data: JSON.stringify([
        {
          Config: `${sha(config).slice(7)}.json`,
          RepoTags: opts.repoTags ?? ['classic:1'],
          Layers: ids.map(id => `${id}/layer.tar`)
        }
      ])
    }
  ]
  return { entries, config, layers }
}
