import { pushBigImage } from './biglayer.js'
import { buildImage, pushImage, type StartedRegistry } from '../__tests__/harness/index.js'

export const PLATFORMS = ['linux/amd64', 'linux/arm64']
export const SOURCE_NAMESPACE = 'bench'
export const TARGET_NAMESPACE = 'mirror'

/** One source repository with its tags and the digest each tag must have at the target. */
export interface CatalogRepo {
  repo: string // 'bench/r0'
  name: string // 'r0': both tools place it at <target>/mirror/r0
  tags: Record<string, string> // tag → top-level digest (an index over PLATFORMS)
}

export interface Catalog {
  repos: CatalogRepo[]
  images: number // top-level manifests
  blobs: number // distinct blobs (configs and layers)
  bytes: number // distinct blob bytes
}

/**
 * Seeds R repositories × T tags × 2 platforms: within a repository every tag shares the base layer
 * (what makes blob dedupe and cross-tag reuse matter), and each tag has its own top layer.
 */
export async function seedCatalog(
  reg: StartedRegistry,
  o: { repos: number; tags: number; baseBytes: number; topBytes: number }
): Promise<Catalog> {
  const repos: CatalogRepo[] = []
  const blobs = new Map<string, number>()
  let images = 0
  for (let r = 0; r < o.repos; r++) {
    const name = `r${r}`
    const repo: CatalogRepo = { repo: `${SOURCE_NAMESPACE}/${name}`, name, tags: {} }
    // Pushed one at a time: the catalog's images hold their blob bytes until pushed.
    for (let t = 0; t < o.tags; t++) {
      const tag = `v1.${t}.0`
      const image = buildImage({
        seed: `bench-${name}-${tag}`,
        platforms: PLATFORMS,
        layerSizes: [o.baseBytes, o.topBytes],
        sharedBaseSeed: `bench-${name}-base`
      })
      repo.tags[tag] = await pushImage(reg, repo.repo, tag, image)
      for (const b of image.blobs) blobs.set(b.digest, b.size)
      images++
    }
    repos.push(repo)
  }
  let bytes = 0
  for (const size of blobs.values()) bytes += size
  return { repos, images, blobs: blobs.size, bytes }
}

export interface SharedCatalog {
  /** bench/s0 … bench/s<N>, tag v1 each: the first N for the cold run, the last added later. */
  repos: CatalogRepo[]
  /** Distinct blob and manifest bytes of the first N images: the floor of the cold run. */
  coldBytes: number
  /** Blob and manifest bytes only the last image has: the floor of the run that adds it. */
  addedBytes: number
}

/**
 * Scenario 5: N + 1 single-tag repositories, every image on one base per platform (as a catalog
 * built on Debian or distroless is), each with its own top layer.
 */
export async function seedSharedCatalog(
  reg: StartedRegistry,
  o: { images: number; baseBytes: number; topBytes: number }
): Promise<SharedCatalog> {
  const repos: CatalogRepo[] = []
  const cold = new Map<string, number>()
  let addedBytes = 0
  for (let i = 0; i <= o.images; i++) {
    const name = `s${i}`
    const repo: CatalogRepo = { repo: `${SOURCE_NAMESPACE}/${name}`, name, tags: {} }
    const image = buildImage({
      seed: `bench-shared-${i}`,
      platforms: PLATFORMS,
      layerSizes: [o.baseBytes, o.topBytes],
      sharedBaseSeed: 'bench-shared-base'
    })
    repo.tags.v1 = await pushImage(reg, repo.repo, 'v1', image)
    // The manifests must cross too: the floor counts them with the blobs.
    const manifests = [image.manifest, ...image.children]
    for (const b of [...image.blobs, ...manifests.map(m => ({ digest: m.digest, size: m.bytes.length }))]) {
      if (i < o.images) cold.set(b.digest, b.size)
      else if (!cold.has(b.digest)) addedBytes += b.size
    }
    repos.push(repo)
  }
  let coldBytes = 0
  for (const size of cold.values()) coldBytes += size
  return { repos, coldBytes, addedBytes }
}

/** The single-layer image of scenario 4, under bench/big:v1, streamed from a temp file. */
export async function seedBigImage(reg: StartedRegistry, layerBytes: number): Promise<CatalogRepo> {
  const repo: CatalogRepo = { repo: `${SOURCE_NAMESPACE}/big`, name: 'big', tags: {} }
  repo.tags.v1 = await pushBigImage(reg, repo.repo, 'v1', layerBytes)
  return repo
}

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

/**
 * Checks, outside the timed part, that every tag arrived with the source's digest: a tool that
 * finishes fast by copying less must not win. Returns the problems found (empty when all match).
 */
export async function verifyTarget(targetUrl: string, repos: CatalogRepo[]): Promise<string[]> {
  const problems: string[] = []
  for (const r of repos) {
    for (const [tag, digest] of Object.entries(r.tags)) {
      const url = `${targetUrl}/v2/${TARGET_NAMESPACE}/${r.name}/manifests/${tag}`
      const res = await fetch(url, { method: 'HEAD', headers: { Accept: ACCEPT } })
      const got = res.headers.get('docker-content-digest')
      if (res.status !== 200) problems.push(`${TARGET_NAMESPACE}/${r.name}:${tag}: HTTP ${res.status}`)
      else if (got !== digest)
        problems.push(`${TARGET_NAMESPACE}/${r.name}:${tag}: digest ${got}, source ${digest}`)
    }
  }
  return problems
}
