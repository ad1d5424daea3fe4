/**
 * One circuit breaker per host for the run: once the retry policy has given up on reaching a host
 * at all (refused, unreachable, closed before any response), the rest of that host's work fails at
 * once with the same error instead of spending the policy again, image after image.
 */
import { RegistryError } from './errors.js'
import { errorCode } from '../oci/index.js'

/** Failures to get any response from the host, as opposed to a response that went wrong. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET'
])

/**
 * A hung host accepts connections and never answers: each attempt costs a whole response timeout.
 * A response timeout is retried once only (HUNG_ATTEMPTS), and HUNG_LIMIT attempts in a row
 * without a response from a host (any answer resets the count) mark it down like a refused host.
 */
export const HUNG_ATTEMPTS = 2
export const HUNG_LIMIT = 3

export class HostBreaker {
  private readonly down = new Map<string, RegistryError>()
  /** Host → attempts in a row that got no response before the response timeout. */
  private readonly silent = new Map<string, number>()

  /** The host answered (any status): it is not hung. */
  answered(url: URL): void {
    this.silent.delete(url.host)
  }

  /** An attempt timed out waiting for the host's response; the HUNG_LIMIT-th in a row marks it down. */
  noResponse(url: URL, e: unknown): void {
    const host = e instanceof RegistryError && e.url ? new URL(e.url).host : url.host
    const n = (this.silent.get(host) ?? 0) + 1
    this.silent.set(host, n)
    if (n < HUNG_LIMIT || this.down.has(host) || !(e instanceof RegistryError)) return
    this.down.set(
      host,
      new RegistryError(`${e.message} (${n} requests in a row without a response)`, {
        method: e.method,
        url: e.url,
        cause: e,
        retryable: false
      })
    )
  }

  /** Throws the host's recorded failure when it is down. */
  check(method: string, url: URL): void {
    const first = this.down.get(url.host)
    if (!first) return
    throw new RegistryError(`${first.message} (${url.host} is down: not tried again this run)`, {
      method,
      url: url.href,
      cause: first,
      retryable: false
    })
  }

  /** After the policy's last attempt: a host that never answered is down for the rest of the run. */
  trip(url: URL, e: unknown, attempts: number): void {
    const code = errorCode(e)
    if (!(e instanceof RegistryError) || code === undefined || !UNREACHABLE.has(code)) return
    // The failing hop's host (a redirect may have led elsewhere), else the request's.
    const host = e.url ? new URL(e.url).host : url.host
    if (!this.down.has(host)) {
      this.down.set(
        host,
        new RegistryError(`${e.message} (after ${attempts} attempts)`, {
          method: e.method,
          url: e.url,
          cause: e,
          retryable: false
        })
      )
    }
  }
}
