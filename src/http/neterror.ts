/** Network-level failures (no HTTP status) as messages a user can act on; URLs redacted. */
import { RegistryError, redactUrl } from './errors.js'
import { answeredInPlainHttp, errorCode, isRetryable, isTlsVerifyError } from '../oci/index.js'

export function networkError(method: string, url: URL, e: unknown): RegistryError {
  const code = errorCode(e)
  const what = `${method} ${redactUrl(url.href)}`
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
