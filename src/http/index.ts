// The face: what other folders and the tests use from this folder.
export { RegistryError, describeFailure, failure, parseOciErrors, redactText, redactUrl } from './errors.js'
export { scavengeTotals, streamed } from './scavenge.js'
export { DEFAULT_TIMEOUTS, HttpTransport, header, isStream, timeoutsFor } from './transport.js'
export type { HostOptions, Timeouts, TlsOptions } from './transport.js'
export { hintFor, type Flavour } from './hints.js'
export type { Headers, HttpDebugEvent, HttpRequest, HttpResponse } from './types.js'
export { Agent, EnvHttpProxyAgent, request } from './undici.js'
export { deadlineFired, networkError } from './neterror.js'
export {
  DEFAULT_MIN_THROUGHPUT,
  DEFAULT_THROUGHPUT_WINDOW_MS,
  ThroughputMeter,
  floorFor
} from './throughput.js'
export type { Floor } from './throughput.js'
