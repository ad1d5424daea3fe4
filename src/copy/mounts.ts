/**
 * Where a blob can be mounted from in a target registry: repositories this run put it in (or found
 * it in), the source when it lives in the same registry, and what earlier runs remembered (hints).
 * Also what the run learnt about registries that will not mount, so they stop being asked.
 */
import type { BlobLocation, MountHints } from '../oci/index.js'

export interface MountCandidate {
  from: BlobLocation
  /**
   * Known to hold the blob (this run saw it there, or it is the source): a refusal then says the
   * registry does not mount, not that the location is stale.
   */
  known: boolean
}

/** Mount sources tried per blob: more would cost more round trips than an upload of small blobs saves. */
export const MAX_MOUNT_CANDIDATES = 3

/**
 * Harbor projects, ACR and GitLab namespaces mount only within themselves: the first path
 * component is the unit a refusal is remembered for, and candidates sharing it go first.
 */
export function namespaceOf(repository: string): string {
  const i = repository.indexOf('/')
  return i < 0 ? '' : repository.slice(0, i)
}

export class MountBook {
  /** registry → digest → repositories of that registry known (this run) to hold the blob. */
  private readonly holders = new Map<string, Map<string, Set<string>>>()
  /** `registry` (mounts refused within a namespace) or `registry\nfrom-ns\nto-ns`. */
  private readonly refused = new Set<string>()

  constructor(private readonly hints?: MountHints) {}

  /** Remember that `loc` holds `digest`, making it a mount source for other repositories. */
  record(loc: BlobLocation, digest: string): void {
    let byDigest = this.holders.get(loc.registry)
    if (!byDigest) this.holders.set(loc.registry, (byDigest = new Map()))
    let repos = byDigest.get(digest)
    if (!repos) byDigest.set(digest, (repos = new Set()))
    repos.add(loc.repository)
    this.hints?.held?.(loc.registry, loc.repository, digest)
  }

  /** Some repository of `registry` is known this run to hold `digest`. */
  held(registry: string, digest: string): boolean {
    return (this.holders.get(registry)?.get(digest)?.size ?? 0) > 0
  }

  /** The registry answered a mount between two repositories of one namespace with an upload session. */
  refusesAll(registry: string): boolean {
    return this.refused.has(registry)
  }

  private refuses(registry: string, from: string, to: string): boolean {
    if (this.refused.has(registry)) return true
    const f = namespaceOf(from)
    const t = namespaceOf(to)
    return f !== t && this.refused.has(`${registry}\n${f}\n${t}`)
  }

  /** Best first: the destination's namespace before others; within that, known holders before hints. */
  candidates(dst: BlobLocation, src: BlobLocation | undefined, digest: string): MountCandidate[] {
    if (this.refused.has(dst.registry)) return []
    const out: MountCandidate[] = []
    const add = (repository: string, known: boolean): void => {
      if (repository === dst.repository || out.some(c => c.from.repository === repository)) return
      if (this.refuses(dst.registry, repository, dst.repository)) return
      out.push({ from: { registry: dst.registry, repository }, known })
    }
    for (const repo of this.holders.get(dst.registry)?.get(digest) ?? []) add(repo, true)
    if (src && src.registry === dst.registry) add(src.repository, true)
    for (const repo of this.hints?.candidates(dst.registry, digest) ?? []) add(repo, false)
    const ns = namespaceOf(dst.repository)
    const rank = (c: MountCandidate): number =>
      (namespaceOf(c.from.repository) === ns ? 0 : 2) + (c.known ? 0 : 1)
    // Array.prototype.sort is stable: within a rank, this run's order stays.
    return out.sort((a, b) => rank(a) - rank(b)).slice(0, MAX_MOUNT_CANDIDATES)
  }

  /**
   * The registry answered the mount without mounting (202, or 401/403/404). From a known holder the
   * registry refuses such mounts, remembered for the run so nobody asks again; from a hint the hint
   * was stale, and is forgotten.
   */
  missed(dst: BlobLocation, c: MountCandidate, digest: string): void {
    if (!c.known) {
      this.hints?.stale?.(dst.registry, c.from.repository, digest)
      return
    }
    const f = namespaceOf(c.from.repository)
    const t = namespaceOf(dst.repository)
    this.refused.add(f === t ? dst.registry : `${dst.registry}\n${f}\n${t}`)
  }
}
