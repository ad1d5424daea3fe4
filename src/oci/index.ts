// The face: what other folders and the tests use from this folder.
export {
  answeredInPlainHttp,
  causes,
  codesOf,
  errorCode,
  isRetryable,
  isRetryableStatus,
  isTlsVerifyError,
  kindOf,
  rateLimited,
  SLOW_BODY_CODE,
  sideOf,
  spent,
  statusOf
} from './errors.js'
export type { ErrorKind, RateLimited, Side } from './errors.js'
export {
  DEADLINE_CODE,
  DeadlineError,
  DeadlineScope,
  checkDeadline,
  currentSignal,
  deadlineOf,
  enterHost,
  foreignDeadline,
  formatMs,
  ownResult,
  withDeadline
} from './deadline.js'
export { DEFAULT_RETRY, RetryPolicy, backoffDelay, parseRetryAfter, pullQuotaSpent } from './retry.js'
export type { RetryOptions, Sleep } from './retry.js'
export {
  MANIFEST_LIMIT,
  Schema1Error,
  algorithmOf,
  baseMediaType,
  detectMediaType,
  digestOf
} from './manifest.js'
export {
  MANIFEST_ACCEPT_ALL,
  MediaType,
  isForeignLayer,
  isImageManifest,
  isIndex,
  isSchema1
} from './mediatypes.js'
export {
  formatPlatform,
  isAttestationEntry,
  normalizePlatform,
  parsePlatform,
  platformMatches,
  rewriteIndex,
  selectEntries,
  sha256Digest
} from './platform.js'
export {
  DOCKER_HUB,
  ReferenceError,
  familiarRegistry,
  formatReference,
  formatRepository,
  isLoopbackHost,
  isValidTag,
  parseReference,
  registryKey
} from './reference.js'
export type { Reference } from './reference.js'
export type {
  BlobLocation,
  Descriptor,
  DestinationCapabilities,
  ImageDestination,
  ImageSource,
  Manifest,
  ManifestJson,
  MountHints,
  Platform
} from './types.js'
