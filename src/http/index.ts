// The face: what other folders and the tests use from this folder.
export { RegistryError, describeFailure, failure, parseOciErrors, redactText, redactUrl } from './errors.js'
export { DEFAULT_RETRY } from './retry.js'
export { streamed } from './scavenge.js'
export {
  HttpTransport,
  answeredInPlainHttp,
  backoffDelay,
  header,
  isRetryableError,
  isRetryableStatus,
  isStream,
  isTlsVerifyError,
  parseRetryAfter
} from './transport.js'
export type { Headers, HttpRequest, HttpResponse, RetryOptions, Timeouts, TlsOptions } from './transport.js'
export { Agent, EnvHttpProxyAgent, request } from './undici.js'
