/**
 * The minimum-throughput floor of blob downloads (`min-throughput` over `min-throughput-window`).
 * The idle timeout catches a host that stops sending; a host that sends a byte every few seconds
 * never trips it and would hold a copy for days. The floor fails such a body as a network error,
 * which the one retry policy retries (a resumed download) and then gives up on.
 *
 * Measured in consecutive windows, checked as bytes arrive: a window that ends below the floor
 * fails. A body that stops altogether is the idle timeout's case, so no timer is needed here.
 */
import { RegistryError, redactUrl } from './errors.js'
import type { Timeouts } from './agents.js'
import { formatMs, isLoopbackHost, SLOW_BODY_CODE } from '../oci/index.js'

/**
 * Default floor: 1 KiB/s over a minute. Far below any working registry or CDN, far above a
 * trickling one. Not applied to loopback hosts (tests throttle those on purpose); a floor set in
 * the config or on the command line applies everywhere.
 */
export const DEFAULT_MIN_THROUGHPUT = 1024
export const DEFAULT_THROUGHPUT_WINDOW_MS = 60_000

export interface Floor {
  bytesPerSec: number
  windowMs: number
}

/** The floor for a download from `url` under timeouts `t`, or undefined when off. */
export function floorFor(t: Timeouts, url: URL): Floor | undefined {
  const bytesPerSec = t.minBytesPerSec ?? (isLoopbackHost(url.host) ? 0 : DEFAULT_MIN_THROUGHPUT)
  if (!(bytesPerSec > 0)) return undefined
  return { bytesPerSec, windowMs: t.throughputWindowMs ?? DEFAULT_THROUGHPUT_WINDOW_MS }
}

/** `10 KiB/s`, `312 B/s`. */
export function formatRate(bytesPerSec: number): string {
  if (bytesPerSec < 1024) return `${Math.round(bytesPerSec)} B/s`
  const units = ['KiB', 'MiB', 'GiB']
  let v = bytesPerSec / 1024
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]}/s`
}

/** Counts a body's bytes; `add` throws once a whole window ran below the floor. */
export class ThroughputMeter {
  private start: number
  private bytes = 0

  constructor(
    private readonly floor: Floor,
    private readonly url: string,
    private readonly now: () => number = Date.now
  ) {
    this.start = now()
  }

  add(n: number): void {
    this.bytes += n
    const t = this.now()
    const elapsed = t - this.start
    if (elapsed < this.floor.windowMs) return
    const rate = (this.bytes * 1000) / elapsed
    if (rate < this.floor.bytesPerSec) throw slowBody(this.url, rate, this.floor, elapsed)
    this.start = t
    this.bytes = 0
  }
}

function slowBody(url: string, rate: number, floor: Floor, elapsed: number): RegistryError {
  const host = new URL(url).host
  const cause = Object.assign(
    new Error(
      `slow body: ${host} sent ${formatRate(rate)} over ${formatMs(Math.round(elapsed))}, below the floor of ` +
        `${formatRate(floor.bytesPerSec)} (min-throughput, over min-throughput-window ${formatMs(floor.windowMs)})`
    ),
    { code: SLOW_BODY_CODE }
  )
  return new RegistryError(`GET ${redactUrl(url)}: ${cause.message}`, {
    method: 'GET',
    url,
    cause,
    retryable: true
  })
}
