/**
 * Concurrency limits of the copy engine: a global cap on blob transfers and a cap on requests in
 * flight per registry. One Limiter serves a whole run, so parallel copies share the caps.
 */
import { checkDeadline } from '../oci/index.js'

/**
 * Defaults: 8 blob transfers overall keeps a 2-core runner busy without thrashing; 6 requests per
 * registry matches what browsers and the Docker daemon open per host and stays under the burst
 * thresholds at which Harbor and Docker Hub start answering 429. Tuned by benchmark, settable.
 */
export const DEFAULT_CONCURRENCY = 8
export const DEFAULT_PER_REGISTRY_CONCURRENCY = 6

export type Release = () => void

/** Counting semaphore. FIFO, so a burst of later requests cannot starve an earlier waiter. */
export class Semaphore {
  private active = 0
  private peakActive = 0
  private readonly waiters: (() => void)[] = []

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`)
    }
  }

  /** Slots held now. */
  get inFlight(): number {
    return this.active
  }

  /** Most slots ever held at once: lets tests and benchmarks check the cap held. */
  get peak(): number {
    return this.peakActive
  }

  get waiting(): number {
    return this.waiters.length
  }

  async acquire(): Promise<Release> {
    if (this.active < this.limit) {
      this.take()
    } else {
      // The releaser hands its slot straight to us, so `active` never dips and lets a newcomer jump the queue.
      await new Promise<void>(resolve => this.waiters.push(resolve))
    }
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.waiters.shift()
      if (next) next()
      else this.active--
    }
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire()
    try {
      return await fn()
    } finally {
      release()
    }
  }

  private take(): void {
    this.active++
    if (this.active > this.peakActive) this.peakActive = this.active
  }
}

export interface LimiterOptions {
  /** Blob transfers in flight across all registries. */
  concurrency?: number
  /** Requests in flight against one registry (key: canonical registry host or a transport name). */
  perRegistryConcurrency?: number
}

export class Limiter {
  readonly transfers: Semaphore
  readonly perRegistry: number
  private readonly registries = new Map<string, Semaphore>()

  constructor(opts: LimiterOptions = {}) {
    this.transfers = new Semaphore(opts.concurrency ?? DEFAULT_CONCURRENCY)
    this.perRegistry = opts.perRegistryConcurrency ?? DEFAULT_PER_REGISTRY_CONCURRENCY
    // Validate eagerly so a bad setting fails at start, not at the first request.
    new Semaphore(this.perRegistry)
  }

  registry(key: string): Semaphore {
    let s = this.registries.get(key)
    if (!s) {
      s = new Semaphore(this.perRegistry)
      this.registries.set(key, s)
    }
    return s
  }

  /**
   * Run `fn` holding one request slot on each registry in `keys`. Keys are deduplicated (a copy
   * within one registry must not wait on itself) and taken in sorted order, so two callers can
   * never each hold the slot the other waits for.
   */
  async request<T>(keys: string[], fn: () => Promise<T>): Promise<T> {
    const releases: Release[] = []
    try {
      for (const key of [...new Set(keys)].sort()) releases.push(await this.registry(key).acquire())
      // Work queued before the image's deadline fired does not start after it: nothing more of
      // that image is read or written, whatever the transport.
      checkDeadline()
      return await fn()
    } finally {
      for (const r of releases.reverse()) r()
    }
  }

  /** Run a blob transfer: a global transfer slot first, then the registry slots (always this order). */
  async transfer<T>(keys: string[], fn: () => Promise<T>): Promise<T> {
    return this.transfers.run(() => this.request(keys, fn))
  }
}
