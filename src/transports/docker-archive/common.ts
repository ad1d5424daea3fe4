/** Shared by the docker-archive source and destination: names, media types, member reads. */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { MediaType } from '../../oci/index.js'
import { DOCKER_HUB, familiarRegistry, parseReference } from '../../oci/index.js'
import type { TarMember } from './tar-index.js'
import { readAt } from './tar-index.js'

export interface ArchiveName {
  /** `docker.io/library/busybox:latest`: what two spellings of one name compare by. */
  full: string
  /** `busybox:latest`: what `docker save` writes into RepoTags. */
  familiar: string
  repository: string
  tag: string
}

/** A docker-archive image name is `NAME:TAG` (no digest), as in `docker save`'s RepoTags. */
export function parseArchiveName(s: string, where: string): ArchiveName {
  let ref
  try {
    ref = parseReference(s, { defaultTag: false })
  } catch (err) {
    throw new Error(`${where}: ${(err as Error).message}`, { cause: err })
  }
  if (ref.digest !== undefined || ref.tag === undefined) {
    throw new Error(`${where}: the image name ${JSON.stringify(s)} must be NAME:TAG (no digest)`)
  }
  let repository = `${familiarRegistry(ref.registry)}/${ref.repository}`
  const full = `${repository}:${ref.tag}`
  if (ref.registry === DOCKER_HUB) repository = ref.repository.replace(/^library\//, '')
  return { full, familiar: `${repository}:${ref.tag}`, repository, tag: ref.tag }
}

/** The same name compares equal however it was spelt (`busybox:1` vs `docker.io/library/busybox:1`). */
export function sameArchiveName(a: string, b: string): boolean {
  try {
    return parseArchiveName(a, '').full === parseArchiveName(b, '').full
  } catch {
    return a === b
  }
}

/** Layer media type from the stored bytes' magic number; uncompressed tars have none. */
export function layerMediaType(magic: Buffer, oci: boolean): string {
  if (magic[0] === 0x1f && magic[1] === 0x8b) return oci ? MediaType.OciLayerGzip : MediaType.DockerLayer
  if (magic.readUInt32LE(0) === 0xfd2fb528) return MediaType.OciLayerZstd
  return oci ? MediaType.OciLayer : 'application/vnd.docker.image.rootfs.diff.tar'
}

export function isZstd(magic: Buffer): boolean {
  return magic.length >= 4 && magic.readUInt32LE(0) === 0xfd2fb528
}

export async function readMagic(file: string, member: TarMember): Promise<Buffer> {
  const fh = await open(file, 'r')
  try {
    const b = await readAt(fh, member.offset, Math.min(4, member.size))
    return Buffer.concat([b, Buffer.alloc(4 - b.length)])
  } finally {
    await fh.close()
  }
}

/** Read a small member (manifest.json, a config) whole, refusing anything over `cap`. */
export async function readMember(
  file: string,
  member: TarMember,
  cap: number,
  what: string
): Promise<Buffer> {
  if (member.size > cap)
    throw new Error(`${file}: ${what} is ${member.size} bytes, over the ${cap}-byte limit`)
  const fh = await open(file, 'r')
  try {
    return await readAt(fh, member.offset, member.size)
  } finally {
    await fh.close()
  }
}

/** sha256 of a member's bytes, streamed: layers are never held in memory. */
export async function hashMember(file: string, member: TarMember): Promise<string> {
  if (member.size === 0) return `sha256:${createHash('sha256').digest('hex')}`
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file, {
    start: member.offset,
    end: member.offset + member.size - 1
  })) {
    hash.update(chunk as Buffer)
  }
  return `sha256:${hash.digest('hex')}`
}

/** `blobs/<alg>/<hex>` members (Docker 25+ and our own archives) are content-addressed by name. */
export function digestFromBlobPath(name: string): string | undefined {
  const m = /^blobs\/(sha256|sha512)\/([a-f0-9]+)$/.exec(name)
  if (!m || m[2].length !== (m[1] === 'sha256' ? 64 : 128)) return undefined
  return `${m[1]}:${m[2]}`
}
