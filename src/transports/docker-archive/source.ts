/**
 * `docker-archive:FILE[:NAME:TAG]` as a source: a `docker save` tar (classic `<id>/layer.tar` or
 * Docker 25+'s OCI layout inside the tar). Members are read as byte ranges of the file; when the
 * archive carries the image's original manifest (Docker 25+, our own archives) it is served as-is,
 * otherwise a Docker v2s2 manifest is built from manifest.json with digests of the stored bytes.
 */
import type { Readable } from 'node:stream'
import type { Descriptor, ImageSource, Manifest, Platform } from '../../oci/index.js'
import { MediaType, formatPlatform, platformMatches } from '../../oci/index.js'
import { BlobNotFoundError, openFileRange } from '../fs/index.js'
import {
  digestFromBlobPath,
  hashMember,
  isZstd,
  layerMediaType,
  readMagic,
  readMember,
  sameArchiveName
} from './common.js'
import { type ArchiveBlob, findArchiveTree } from './oci.js'
import { indexTar, lookupFile, type TarMember } from './tar-index.js'
import { digestOf, isObject, parseJsonText } from '../fs/index.js'

const MAX_JSON = 32 * 1024 * 1024

interface ManifestItem {
  Config: string
  RepoTags: string[]
  Layers: string[]
}

export function archiveName(file: string, ref?: string): string {
  return `docker-archive:${file}${ref ? `:${ref}` : ''}`
}

function parseItems(bytes: Buffer, where: string): ManifestItem[] {
  const json = parseJsonText(bytes.toString('utf8'), where)
  if (!Array.isArray(json)) throw new Error(`${where}: expected a JSON array of images`)
  return json.map((it, i) => {
    const at = `${where}: [${i}]`
    if (!isObject(it) || typeof it.Config !== 'string') throw new Error(`${at}: missing Config`)
    if (!Array.isArray(it.Layers) || it.Layers.some(l => typeof l !== 'string'))
      throw new Error(`${at}: Layers must be a list of paths`)
    const tags = it.RepoTags ?? []
    if (!Array.isArray(tags) || tags.some(t => typeof t !== 'string'))
      throw new Error(`${at}: RepoTags must be a list of names`)
    return { Config: it.Config, RepoTags: tags as string[], Layers: it.Layers as string[] }
  })
}

function selectItem(items: ManifestItem[], ref: string | undefined, name: string): ManifestItem {
  const list = (): string =>
    items.map((it, i) => (it.RepoTags.length ? it.RepoTags.join(', ') : `@${i} (untagged)`)).join('; ')
  if (ref === undefined) {
    if (items.length === 1) return items[0]
    if (items.length === 0) throw new Error(`${name}: the archive holds no image`)
    throw new Error(
      `${name}: the archive holds ${items.length} images; choose one with docker-archive:FILE:NAME:TAG or :@N (${list()})`
    )
  }
  const at = /^@(\d+)$/.exec(ref)
  const hit = at ? items[Number(at[1])] : items.find(it => it.RepoTags.some(t => sameArchiveName(t, ref)))
  if (!hit) throw new Error(`${name}: no image ${ref} in the archive (images: ${list() || 'none'})`)
  return hit
}

export async function openDockerArchiveSource(
  file: string,
  ref?: string,
  platforms?: Platform[]
): Promise<ImageSource> {
  const name = archiveName(file, ref)
  let members: Map<string, TarMember>
  try {
    members = await indexTar(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${name}: ${file} does not exist`, { cause: err })
    throw err
  }
  const manifestMember = members.get('manifest.json')
  if (!manifestMember) throw new Error(`${name}: not a docker-archive (no manifest.json)`)
  const item = selectItem(
    parseItems(
      await readMember(file, lookupFile(members, 'manifest.json', file), MAX_JSON, 'manifest.json'),
      `${file}: manifest.json`
    ),
    ref,
    name
  )
  const blobs = new Map<string, ArchiveBlob>()
  const configMember = lookupFile(members, item.Config, file)
  const configBytes = await readMember(file, configMember, MAX_JSON, `config ${item.Config}`)
  const configDigest = digestOf(configBytes)
  const named = digestFromBlobPath(configMember.name)
  if (named && named !== configDigest)
    throw new Error(`${name}: config ${item.Config} does not match its digest`)
  blobs.set(configDigest, { member: configMember, size: configMember.size })
  const config = parseJsonText(configBytes.toString('utf8'), `${file}: ${item.Config}`)
  if (!isObject(config)) throw new Error(`${name}: config ${item.Config} is not a JSON object`)
  const platform: Platform = {
    os: String(config.os ?? ''),
    architecture: String(config.architecture ?? ''),
    ...(typeof config.variant === 'string' ? { variant: config.variant } : {})
  }
  if (platforms?.length && !platforms.some(p => platformMatches(p, platform))) {
    throw new Error(
      `${name}: the archive holds ${formatPlatform(platform)} only, not ${platforms.map(formatPlatform).join(', ')}`
    )
  }
  const layerMembers = item.Layers.map(l => lookupFile(members, l, file))
  const tree = await findArchiveTree(file, members, configDigest, layerMembers, name)
  if (tree) {
    for (const [d, b] of tree.blobs) blobs.set(d, b)
    return new DockerArchiveSource(file, name, tree.top, tree.manifests, blobs)
  }
  const manifest = await synthesise(file, layerMembers, configDigest, configBytes.length, blobs)
  return new DockerArchiveSource(file, name, manifest, new Map([[manifest.digest, manifest]]), blobs)
}

/** Build a manifest from manifest.json: layer digests are those of the bytes as stored. */
async function synthesise(
  file: string,
  layers: TarMember[],
  configDigest: string,
  configSize: number,
  blobs: Map<string, ArchiveBlob>
): Promise<Manifest> {
  const magics = await Promise.all(layers.map(l => readMagic(file, l)))
  // Docker v2s2 has no zstd layer type: such archives get an OCI manifest.
  const oci = magics.some(isZstd)
  const descs: Descriptor[] = []
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i]
    const digest = digestFromBlobPath(l.name) ?? (await hashMember(file, l))
    blobs.set(digest, { member: l, size: l.size })
    descs.push({ mediaType: layerMediaType(magics[i], oci), size: l.size, digest })
  }
  const json = {
    schemaVersion: 2,
    mediaType: oci ? MediaType.OciManifest : MediaType.DockerManifest,
    config: {
      mediaType: oci ? MediaType.OciConfig : MediaType.DockerConfig,
      size: configSize,
      digest: configDigest
    },
    layers: descs
  }
  const bytes = Buffer.from(JSON.stringify(json, null, 3))
  return { bytes, digest: digestOf(bytes), mediaType: json.mediaType }
}

class DockerArchiveSource implements ImageSource {
  constructor(
    private readonly file: string,
    readonly name: string,
    private readonly manifest: Manifest,
    private readonly manifests: Map<string, Manifest>,
    private readonly blobs: Map<string, ArchiveBlob>
  ) {}

  async resolve(): Promise<Descriptor> {
    return {
      mediaType: this.manifest.mediaType,
      digest: this.manifest.digest,
      size: this.manifest.bytes.length
    }
  }

  async getManifest(digest?: string): Promise<Manifest> {
    if (digest === undefined) return this.manifest
    const m = this.manifests.get(digest)
    if (m) return m
    throw new BlobNotFoundError(`${this.name}: manifest ${digest} is not in the archive`)
  }

  async getBlob(desc: Descriptor): Promise<Readable> {
    const b = this.blobs.get(desc.digest)
    if (!b) throw new BlobNotFoundError(`${this.name}: blob ${desc.digest} is not in the archive`)
    if (b.size !== desc.size) {
      throw new Error(
        `${this.name}: blob ${desc.digest} is ${b.size} bytes in the archive, the descriptor says ${desc.size}`
      )
    }
    return openFileRange(this.file, b.member.offset, desc, this.name)
  }

  async close(): Promise<void> {}
}
