/**
 * What a sync does when a registry pushes back. A source's 429 (or its RateLimit-Remaining under the
 * reserve) is its pull quota: that source's images not started yet wait for a later run, which is
 * not a failure. A target's 429 that outlasts the client's retries is a refusal to store what we copy:
 * the image fails, and images not started yet fail without asking that target again.
 */
import { rateLimited, registryKey } from '../oci/index.js'
import type { RateLimit } from '../registry/index.js'

export interface RateLimitOutcome {
  status: 'deferred' | 'failed'
  error: unknown
}

export class RateLimits {
  /** Sources we stopped pulling from: images deferred, and the remaining count seen. */
  private readonly deferredBy = new Map<string, { count: number; remaining?: number }>()
  /** Targets that kept answering 429: registry → the host that answered (an upload host may differ). */
  private readonly refusedBy = new Map<string, string>()

  /**
   * `reserve`: pulls to leave unused per source; `perRegistry` (keyed by registryKey, from the
   * config's `registries:`) overrides it for one registry.
   */
  constructor(
    readonly reserve: number,
    private readonly perRegistry: Record<string, number | undefined> = {}
  ) {}

  reserveFor(registry: string): number {
    return this.perRegistry[registryKey(registry)] ?? this.reserve
  }

  /** Whether pulls from `source` stopped earlier in this run. */
  deferring(source: string): boolean {
    return this.deferredBy.has(source)
  }

  defer(source: string, remaining?: number): void {
    const d = this.deferredBy.get(source) ?? { count: 0, remaining }
    d.count++
    this.deferredBy.set(source, d)
  }

  /** The error of an image not attempted because its target refused an earlier one, or undefined. */
  refused(target: string | undefined): Error | undefined {
    const host = target === undefined ? undefined : this.refusedBy.get(target)
    if (host === undefined) return undefined
    return new Error(
      `target ${host} answered 429 Too Many Requests to an earlier image of this run and kept refusing; not attempted`
    )
  }

  /**
   * Deferred or failed for a 429 whose side is known, else undefined (an ordinary failure).
   * `target` is the target registry, for registry targets.
   */
  classify(error: unknown, source: string, target: string | undefined): RateLimitOutcome | undefined {
    const rl = rateLimited(error)
    if (rl?.side === 'source') {
      this.defer(source)
      return { status: 'deferred', error }
    }
    if (rl?.side !== 'destination') return undefined
    const host = rl.host ?? target ?? 'the target'
    if (target !== undefined) this.refusedBy.set(target, host)
    const message = `target ${host} answered 429 Too Many Requests and was still refusing after retries`
    return { status: 'failed', error: new Error(message, { cause: error }) }
  }

  warnings(): string[] {
    return [...this.deferredBy].map(([source, d]) => {
      const why =
        d.remaining !== undefined
          ? `RateLimit-Remaining ${d.remaining} is below ${this.reserveFor(source)} (rate-limit-reserve)`
          : 'answered 429 Too Many Requests (pull rate limit)'
      return `source ${source}: ${why}; ${d.count} image(s) deferred to a later run`
    })
  }
}

/** Below the reserve no new pull may start from that registry; unknown limits never defer. */
export function rateLimitExhausted(rl: RateLimit | undefined, reserve: number): boolean {
  return rl?.remaining !== undefined && rl.remaining < reserve
}

/** A 429 / TOOMANYREQUESTS on either side: the registry wants us to stop, not a broken image. */
export function isRateLimitError(error: unknown): boolean {
  return rateLimited(error) !== undefined
}
