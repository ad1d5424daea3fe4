/**
 * The one retry policy of the program: how many attempts, how long to wait between them
 * (exponential backoff with full jitter, or the server's Retry-After up to a cap), and the sleep
 * that waits (injected by tests, so no test waits for real). What is worth retrying is decided by
 * `isRetryable`/`isRetryableStatus` in errors.ts. It lives in the leaf model because both the HTTP
 * transport (requests) and the copy engine (whole transfers from one-shot streams) apply it, and
 * the engine sees nothing but this folder.
 *
 * Each failure is retried by one loop only: a loop that spends its attempts marks the error as no
 * longer retryable, so an outer loop does not multiply the requests to a registry in trouble.
 */

export interface RetryOptions {
  /** Total attempts including the first. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** A longer Retry-After is not waited for: the response is returned as is. */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000
}

export type Sleep = (ms: number) => Promise<void>

const realSleep: Sleep = ms => new Promise(r => setTimeout(r, ms))

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(v: string | string[] | undefined, now = Date.now()): number | undefined {
  const s = Array.isArray(v) ? v[0] : v
  if (!s) return undefined
  if (/^\s*\d+\s*$/.test(s)) return Number(s.trim()) * 1000
  const t = Date.parse(s)
  if (Number.isNaN(t)) return undefined
  return Math.max(0, t - now)
}

/**
 * A 429 to a pull that says the pull quota is spent (`RateLimit-Remaining: 0`, or a TOOMANYREQUESTS
 * body that speaks of a pull limit or quota, as Docker Hub's "You have reached your pull rate
 * limit"): nothing changes for hours, so asking again only spends requests and time. Any 429 carries
 * TOOMANYREQUESTS, so the code alone (a momentary throttle) keeps the usual backoff. The caller
 * retries a 429 with a Retry-After within the cap whatever this says.
 */
export function pullQuotaSpent(remaining: string | undefined, body: string | undefined): boolean {
  const m = /^\s*(\d+)/.exec(remaining ?? '')
  if (m && Number(m[1]) === 0) return true
  return body !== undefined && body.includes('TOOMANYREQUESTS') && /pull[\w ]*limit|quota/i.test(body)
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^n)]. */
export function backoffDelay(attempt: number, r: RetryOptions, random = Math.random): number {
  const ceiling = Math.min(r.maxDelayMs, r.baseDelayMs * 2 ** attempt)
  return Math.floor(random() * ceiling)
}

export class RetryPolicy {
  readonly options: RetryOptions

  constructor(
    options: Partial<RetryOptions> = {},
    readonly sleep: Sleep = realSleep,
    private readonly random: () => number = Math.random
  ) {
    this.options = { ...DEFAULT_RETRY, ...options }
  }

  get attempts(): number {
    return Math.max(1, this.options.attempts)
  }

  /** True when attempt `attempt` (0-based) was the last one allowed. */
  isLast(attempt: number): boolean {
    return attempt >= this.attempts - 1
  }

  /**
   * How long to wait after attempt `attempt` (0-based) failed: the server's Retry-After when it
   * gave one within the cap, else backoff. Undefined: the server asked for longer than we wait.
   */
  delay(attempt: number, retryAfterMs?: number): number | undefined {
    if (retryAfterMs === undefined) return backoffDelay(attempt, this.options, this.random)
    return retryAfterMs <= this.options.maxRetryAfterMs ? retryAfterMs : undefined
  }

  /** Waits before the next attempt; false when no further attempt should be made. */
  async wait(attempt: number, retryAfterMs?: number): Promise<boolean> {
    if (this.isLast(attempt)) return false
    const ms = this.delay(attempt, retryAfterMs)
    if (ms === undefined) return false
    await this.sleep(ms)
    return true
  }
}
