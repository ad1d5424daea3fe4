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

export class HostBreaker {
  private readonly down = new Map<string, RegistryError>()

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
