/**
 * The state file's memory of where blobs live in the target registries: which repositories hold
 * which blobs of the images the mirror wrote. A later run mounts from there instead of uploading
 * (a new repository on a known base costs no base bytes). A wrong belief costs one mount request
 * and is dropped. Bounded: a few repositories per blob, the most recently used blobs per registry.
 * Not owned by a config: facts about a registry, merged like entries (this run's changes win).
 */
import type { MountHints } from '../oci/index.js'
import { registryKey } from '../oci/index.js'
import { parseTransportRef } from '../transports/index.js'

/** Blobs remembered per registry, most recently used kept. */
export const MAX_BLOBS_PER_REGISTRY = 10_000
/** Repositories remembered per blob, most recently used kept: the engine tries at most three. */
export const MAX_HOLDERS_PER_BLOB = 4
/** Registries remembered: a config names a handful of targets. */
export const MAX_REGISTRIES = 64

const DIGEST = /^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/
// distribution's repository grammar, kept strict: the name goes into a `from=` query parameter.
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/
const REGISTRY = /^[a-z0-9.-]+(?::[0-9]{1,5})?$|^\[[0-9a-f:.]+\](?::[0-9]{1,5})?$/

/** registry → digest → repository → ISO time last seen there. */
export type HoldersDocument = Record<string, Record<string, Record<string, string>>>

const key = (registry: string, digest: string, repository: string): string =>
  `${registry}\n${digest}\n${repository}`

export class BlobHolders implements MountHints {
  private readonly map = new Map<string, Map<string, Map<string, string>>>()
  /** What this run changed, replayed onto the file as it is at save: the time seen, or null for dropped. */
  private readonly touched = new Map<string, string | null>()

  get dirty(): boolean {
    return this.touched.size > 0
  }

  /** Reads the `blobs` part of a state document; returns how many malformed items were dropped. */
  absorb(doc: unknown): number {
    if (doc === undefined) return 0
    if (!doc || typeof doc !== 'object') return 1
    let dropped = 0
    for (const [registry, byDigest] of Object.entries(doc as Record<string, unknown>)) {
      if (!REGISTRY.test(registry) || !byDigest || typeof byDigest !== 'object') {
        dropped++
        continue
      }
      for (const [digest, repos] of Object.entries(byDigest as Record<string, unknown>)) {
        if (!DIGEST.test(digest) || !repos || typeof repos !== 'object') {
          dropped++
          continue
        }
        for (const [repository, at] of Object.entries(repos as Record<string, unknown>)) {
          if (REPOSITORY.test(repository) && typeof at === 'string' && !Number.isNaN(Date.parse(at)))
            this.put(registry, digest, repository, at)
          else dropped++
        }
      }
    }
    // A hand-edited or hostile file must not make the run hold more than a saved one could.
    this.bound()
    return dropped
  }

  candidates(registry: string, digest: string): string[] {
    const repos = this.map.get(registry)?.get(digest)
    if (!repos) return []
    return [...repos.entries()].sort((a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0)).map(([r]) => r)
  }

  stale(registry: string, repository: string, digest: string): void {
    const repos = this.map.get(registry)?.get(digest)
    if (!repos?.delete(repository)) return
    if (!repos.size) this.map.get(registry)!.delete(digest)
    this.touched.set(key(registry, digest, repository), null)
  }

  held(registry: string, repository: string, digest: string): void {
    if (!DIGEST.test(digest) || !REPOSITORY.test(repository)) return
    const at = new Date().toISOString()
    this.put(registry, digest, repository, at)
    this.touched.set(key(registry, digest, repository), at)
  }

  private put(registry: string, digest: string, repository: string, at: string): void {
    let byDigest = this.map.get(registry)
    if (!byDigest) this.map.set(registry, (byDigest = new Map()))
    let repos = byDigest.get(digest)
    if (!repos) byDigest.set(digest, (repos = new Map()))
    const old = repos.get(repository)
    if (old === undefined || old < at) repos.set(repository, at)
  }

  /** This run's changes replayed onto `current` (the file as it is now), which is returned. */
  mergedOnto(current: BlobHolders): BlobHolders {
    for (const [k, at] of this.touched) {
      const [registry, digest, repository] = k.split('\n') as [string, string, string]
      if (at === null) current.stale(registry, repository, digest)
      else current.put(registry, digest, repository, at)
    }
    current.touched.clear()
    return current
  }

  /** Keeps only repositories `keep` accepts (those some state entry still targets), then the caps. */
  retain(keep: (registry: string, repository: string) => boolean): void {
    for (const [registry, byDigest] of this.map) {
      for (const [digest, repos] of byDigest) {
        for (const repo of repos.keys()) if (!keep(registry, repo)) repos.delete(repo)
        if (!repos.size) byDigest.delete(digest)
      }
      if (!byDigest.size) this.map.delete(registry)
    }
    this.bound()
  }

  private bound(): void {
    const newest = (repos: Map<string, string>): string =>
      [...repos.values()].reduce((a, b) => (a > b ? a : b), '')
    for (const byDigest of this.map.values()) {
      for (const repos of byDigest.values()) {
        if (repos.size <= MAX_HOLDERS_PER_BLOB) continue
        const keep = [...repos.entries()]
          .sort((a, b) => (a[1] < b[1] ? 1 : -1))
          .slice(0, MAX_HOLDERS_PER_BLOB)
        repos.clear()
        for (const [r, at] of keep) repos.set(r, at)
      }
      if (byDigest.size <= MAX_BLOBS_PER_REGISTRY) continue
      const order = [...byDigest.entries()].sort((a, b) => (newest(a[1]) < newest(b[1]) ? 1 : -1))
      for (const [digest] of order.slice(MAX_BLOBS_PER_REGISTRY)) byDigest.delete(digest)
    }
    if (this.map.size > MAX_REGISTRIES) {
      const order = [...this.map.entries()].sort((a, b) => b[1].size - a[1].size)
      for (const [registry] of order.slice(MAX_REGISTRIES)) this.map.delete(registry)
    }
  }

  toJSON(): HoldersDocument {
    const out: HoldersDocument = {}
    for (const registry of [...this.map.keys()].sort()) {
      const byDigest = this.map.get(registry)!
      const d: Record<string, Record<string, string>> = (out[registry] = {})
      for (const digest of [...byDigest.keys()].sort()) {
        const repos = byDigest.get(digest)!
        d[digest] = Object.fromEntries([...repos.keys()].sort().map(r => [r, repos.get(r)!]))
      }
    }
    return out
  }
}

/**
 * The registry repositories `targets` (state entries' targets) name: blobs are remembered only
 * where an entry still is, so pruning an image's entry prunes its blobs' locations with it.
 */
export function targetedBy(targets: Iterable<string>): (registry: string, repository: string) => boolean {
  const repos = new Set<string>()
  for (const t of targets) {
    try {
      const r = parseTransportRef(t)
      if (r.transport === 'docker') repos.add(`${registryKey(r.ref.registry)}\n${r.ref.repository}`)
    } catch {
      // An entry whose target no longer parses names no repository to keep.
    }
  }
  return (registry, repository) => repos.has(`${registry}\n${repository}`)
}
