/**
 * What reading one image may cost, and the manifests a run has read already. A hostile index of
 * indexes naming the same few manifests on every path costs a tree walk exponential work; read as a
 * graph (each digest once) and under a total budget, it costs what its distinct manifests cost.
 */
import type { Manifest } from '../oci/index.js'
import { ownResult } from '../oci/index.js'

/** Budget limits, also members of the engine's `Limits`. */
export interface BudgetLimits {
  /** Distinct manifests read for one image (indexes, images, referrers). */
  maxImageManifests: number
  /** Bytes of those manifests together. */
  maxImageManifestBytes: number
  /** Requests one image sends its source for manifests, configs and referrers (blobs aside). */
  maxImageRequests: number
}

/** Spends one image's budget; throws (via `fail`) naming the limit the moment one is passed. */
export class ReadBudget {
  manifests = 0
  bytes = 0
  requests = 0

  constructor(
    private readonly limits: BudgetLimits,
    private readonly fail: (message: string) => never
  ) {}

  request(): void {
    if (++this.requests > this.limits.maxImageRequests) {
      this.fail(
        `reading this image needs more than ${this.limits.maxImageRequests} requests to the source ` +
          `(limit maxImageRequests)`
      )
    }
  }

  manifest(bytes: number): void {
    if (++this.manifests > this.limits.maxImageManifests) {
      this.fail(
        `this image has more than ${this.limits.maxImageManifests} distinct manifests ` +
          `(limit maxImageManifests)`
      )
    }
    this.bytes += bytes
    if (this.bytes > this.limits.maxImageManifestBytes) {
      this.fail(
        `this image's manifests are more than ${this.limits.maxImageManifestBytes} bytes together ` +
          `(limit maxImageManifestBytes)`
      )
    }
  }
}

/**
 * Manifests fetched by digest this run, per source repository, so a child shared by many tags is
 * fetched once per run. Content-addressed and verified, so a hit is as good as a fetch; bounded by
 * bytes (least recently used out first) so a long sync does not keep every manifest it saw.
 */
export class ManifestCache {
  private readonly entries = new Map<string, { p: Promise<Manifest>; size: number }>()
  private bytes = 0

  constructor(private readonly maxBytes: number) {}

  get(key: string, fetch: () => Promise<Manifest>): Promise<Manifest> {
    const found = this.entries.get(key)
    if (found) {
      this.entries.delete(key)
      this.entries.set(key, found)
      // Another image's deadline may cut a read this one awaits: then it reads for itself.
      return ownResult(found.p, () => this.get(key, fetch))
    }
    const entry = { p: fetch(), size: 0 }
    this.entries.set(key, entry)
    entry.p.then(
      m => {
        if (this.entries.get(key) !== entry) return
        entry.size = m.bytes.length
        this.bytes += entry.size
        this.evict()
      },
      // A failure is not remembered: the next image asks again, under its own retries.
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key)
      }
    )
    return entry.p
  }

  private evict(): void {
    for (const [key, e] of this.entries) {
      if (this.bytes <= this.maxBytes) return
      this.entries.delete(key)
      this.bytes -= e.size
    }
  }
}
