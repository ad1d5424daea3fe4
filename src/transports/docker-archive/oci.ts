/**
 * The OCI layout that Docker 25+ (and our destination) put inside a docker-archive: `index.json`
 * naming the image's original manifest (or index) stored as `blobs/<alg>/<hex>`. When the tree is
 * complete in the archive and contains the manifest.json image, it is served as-is: the digest the
 * image had in its registry survives the round trip.
 */
import type { Descriptor, Manifest, ManifestJson } from '../../oci/index.js'
import { isAttestationEntry } from '../../oci/index.js'
import { MAX_MANIFEST_BYTES } from '../fs/index.js'
import { readMember } from './common.js'
import { isIndexManifest, manifestMediaType, parseManifest, requiredBlobs } from '../manifest-util.js'
import { lookupFile, type TarMember } from './tar-index.js'
import { checkBytes, isObject, parseJsonText } from '../fs/index.js'

export interface ArchiveBlob {
  member: TarMember
  size: number
}

export interface ArchiveTree {
  top: Manifest
  manifests: Map<string, Manifest>
  blobs: Map<string, ArchiveBlob>
}

const MAX_CANDIDATES = 256

export function blobMember(members: Map<string, TarMember>, digest: string): TarMember | undefined {
  const m = /^(sha256|sha512):([a-f0-9]+)$/.exec(digest)
  if (!m || !members.has(`blobs/${m[1]}/${m[2]}`)) return undefined
  try {
    return lookupFile(members, `blobs/${m[1]}/${m[2]}`, '')
  } catch {
    return undefined
  }
}

/** Does `image` describe the manifest.json entry: same config, same layer members in order? */
function describes(
  json: ManifestJson,
  configDigest: string,
  layers: TarMember[],
  members: Map<string, TarMember>
): boolean {
  if (json.config?.digest !== configDigest || json.layers?.length !== layers.length) return false
  return json.layers.every((l, k) => {
    const m = blobMember(members, l.digest)
    return m !== undefined && m.size === l.size && m.offset === layers[k].offset
  })
}

export async function findArchiveTree(
  file: string,
  members: Map<string, TarMember>,
  configDigest: string,
  layers: TarMember[],
  name: string
): Promise<ArchiveTree | undefined> {
  const indexMember = members.get('index.json')
  if (!indexMember || indexMember.type !== 'file') return undefined
  const index = parseJsonText(
    (await readMember(file, indexMember, 64 * 1024 * 1024, 'index.json')).toString('utf8'),
    `${file}: index.json`
  )
  if (!isObject(index) || !Array.isArray(index.manifests)) return undefined
  const candidates: Descriptor[] = (index.manifests as unknown[]).filter(
    (d): d is Descriptor => isObject(d) && typeof d.digest === 'string'
  )
  const read = async (d: Descriptor): Promise<{ m: Manifest; json: ManifestJson } | undefined> => {
    const member = blobMember(members, d.digest)
    if (!member || member.size > MAX_MANIFEST_BYTES) return undefined
    const bytes = await readMember(file, member, MAX_MANIFEST_BYTES, `manifest ${d.digest}`)
    checkBytes(bytes, d.digest, undefined, `${name}: manifest ${d.digest}`)
    const json = parseManifest(bytes, `${name}: manifest ${d.digest}`)
    return { m: { bytes, digest: d.digest, mediaType: manifestMediaType(json, d.mediaType) }, json }
  }
  for (let i = 0; i < candidates.length && i < MAX_CANDIDATES; i++) {
    const top = await read(candidates[i])
    if (!top) continue
    const tree: ArchiveTree = { top: top.m, manifests: new Map([[top.m.digest, top.m]]), blobs: new Map() }
    let complete = true
    let found = false
    const images: ManifestJson[] = []
    if (isIndexManifest(top.json, top.m.mediaType)) {
      for (const c of top.json.manifests ?? []) {
        const child = await read(c)
        if (!child || isIndexManifest(child.json, child.m.mediaType)) {
          complete = false
          continue
        }
        tree.manifests.set(c.digest, child.m)
        images.push(child.json)
      }
    } else images.push(top.json)
    for (const img of images) {
      if (describes(img, configDigest, layers, members)) found = true
      for (const b of requiredBlobs(img)) {
        const m = blobMember(members, b.digest)
        if (!m || m.size !== b.size) complete = false
        else tree.blobs.set(b.digest, { member: m, size: m.size })
      }
    }
    if (complete && found) return tree
    // A partial index (Docker 27 saves only the local platform): try its children on their own.
    if (!complete && isIndexManifest(top.json, top.m.mediaType)) {
      candidates.push(...(top.json.manifests ?? []).filter(c => !isAttestationEntry(c)))
    }
  }
  return undefined
}
