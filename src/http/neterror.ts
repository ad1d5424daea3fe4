/** Network-level failures (no HTTP status) as messages a user can act on; URLs redacted. */
import { RegistryError, redactUrl } from './errors.js'
import type { Timeouts } from './agents.js'
import {
  answeredInPlainHttp,
  causes,
  deadlineOf,
  errorCode,
  formatMs,
  isRetryable,
  isTlsVerifyError,
  SLOW_BODY_CODE
} from '../oci/index.js'

const seconds = (ms: number): string => `${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1)} s`

/**
 * Which timeout fired, in words that name the host and the setting that changes it (undici says only
 * "Body Timeout Error"): a user must tell a dead host from a trickling one. Undefined for others.
 */
function timeoutText(code: string | undefined, host: string, t: Timeouts | undefined): string | undefined {
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    const after = t ? ` within ${seconds(t.connectMs)}` : ''
    return `connect timeout: no connection to ${host}${after} (connect-timeout)`
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    const after = t ? ` within ${seconds(t.headersMs)}` : ''
    return `response timeout: ${host} accepted the request but sent no response${after} (response-timeout)`
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    // A trickling host, not a dead one: no byte of the body for the idle limit.
    const after = t ? ` for ${seconds(t.bodyIdleMs)}` : ' within the idle limit'
    return `idle timeout: ${host} sent no byte of the response body${after} (response-timeout)`
  }
  return undefined
}

/** The timeout `e` is, named for `host`; undefined when `e` is not a timeout. */
export function deadlineFired(e: unknown, host: string): string | undefined {
  const code = errorCode(e)
  if (code === SLOW_BODY_CODE) {
    // The floor's own words carry the measured rate and the floor.
    for (const c of causes(e)) if (c.code === SLOW_BODY_CODE && c instanceof Error) return c.message
  }
  return timeoutText(code, host, undefined)
}

/** `t`: the timeouts that applied to the request, so a timeout's message can say how long it was. */
export function networkError(method: string, url: URL, e: unknown, t?: Timeouts): RegistryError {
  const code = errorCode(e)
  const what = `${method} ${redactUrl(url.href)}`
  const deadline = deadlineOf(e)
  if (deadline) {
    // The image's own deadline, not this host's fault (the engine names every host it waited for).
    return new RegistryError(`${what}: aborted by ${deadline.setting} (${formatMs(deadline.ms)})`, {
      method,
      url: url.href,
      cause: deadline,
      retryable: false
    })
  }
  const timeout = timeoutText(code, url.host, t)
  if (timeout) {
    return new RegistryError(`${what}: ${timeout}`, { method, url: url.href, cause: e, retryable: true })
  }
  if (url.protocol === 'https:' && answeredInPlainHttp(e)) {
    // OpenSSL's words for this ("wrong version number", "packet length too long") send people
    // looking for a certificate problem; the server simply does not speak TLS.
    const host = url.host
    return new RegistryError(
      `${what}: ${host} answered in plain HTTP, not HTTPS (not a certificate problem). If it is a registry ` +
        `that serves only plain HTTP and you trust the network, allow that: in the config, ` +
        `registries: { "${host}": { insecure: true } }; on the command line, --insecure-registry ${host} ` +
        `(or --tls-verify=false, --src-tls-verify=false, --dest-tls-verify=false)`,
      { method, url: url.href, cause: e }
    )
  }
  if (isTlsVerifyError(e)) {
    return new RegistryError(
      `${what}: TLS certificate verification failed (${code}); give the registry's CA with caFile, or set insecure: true / --tls-verify=false if you trust the network`,
      { method, url: url.href, cause: e }
    )
  }
  const msg = (e as Error)?.message ?? String(e)
  return new RegistryError(`${what}: ${code ? `${code}: ` : ''}${msg}`, {
    method,
    url: url.href,
    cause: e,
    retryable: isRetryable(e)
  })
}
