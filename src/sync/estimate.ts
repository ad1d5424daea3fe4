/**
 * Byte estimates for `shard-max-bytes`: the plan knows which images it would copy but not how big
 * they are (a HEAD says nothing of layers). Reading the manifests costs GETs, which Docker Hub counts
 * as pulls, so this runs only when a byte cap is asked for, and only for images the plan would copy.
 */
import type { RegistryClient } from '../registry/index.js'
import { isIndex, parseReference, type ManifestJson } from '../oci/index.js'
import { errorMessage, type ImageReport } from './report.js'
import { mapLimit } from './map-limit.js'

/** Children read per index: past this the average of those read stands in for the rest. */
const MAX_CHILDREN = 16

function blobsOf(m: ManifestJson): number {
  let n = m.config?.size ?? 0
  for (const l of m.layers ?? []) n += l.size ?? 0
  return n
}

/**
 * An upper bound of what copying `digest` moves: config and layers of every platform, each image on
 * its own (blobs shared between images or already at the target count again). A platform subset or
 * dropped attestations copy less.
 */
async function estimate(client: RegistryClient, source: string, digest: string): Promise<number> {
  const ref = parseReference(source, { defaultTag: false })
  const at = { registry: ref.registry, repository: ref.repository }
  const top = await client.manifestGet({ ...at, digest })
  const json = JSON.parse(top.bytes.toString('utf8')) as ManifestJson
  if (!isIndex(top.mediaType)) return blobsOf(json)
  const children = json.manifests ?? []
  let sum = 0
  const read = children.slice(0, MAX_CHILDREN)
  for (const c of read) {
    const child = await client.manifestGet({ ...at, digest: c.digest })
    sum += blobsOf(JSON.parse(child.bytes.toString('utf8')) as ManifestJson)
  }
  return read.length === 0 ? 0 : Math.round((sum / read.length) * children.length)
}

/**
 * The estimate of every image a dry run planned to copy (the report's `bytes` stay what was moved:
 * nothing). An image whose manifest cannot be read counts 0 with a warning: the split stays usable,
 * just less even.
 */
export async function estimatePlannedBytes(
  client: RegistryClient,
  images: ImageReport[],
  concurrency = 8
): Promise<{ bytes: Map<ImageReport, number>; warnings: string[] }> {
  const warnings: string[] = []
  const bytes = new Map<ImageReport, number>()
  const planned = images.filter(r => r.status === 'planned' && r.sourceDigest)
  await mapLimit(planned, concurrency, async r => {
    try {
      bytes.set(r, await estimate(client, r.source, r.sourceDigest!))
    } catch (error) {
      warnings.push(`${r.source}: size unknown for shard sizing (${errorMessage(error)})`)
    }
  })
  return { bytes, warnings }
}
