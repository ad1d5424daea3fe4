// The face: what other folders and the tests use from this folder.
export { RegistryClient, USER_AGENT } from './client.js'
export { VERSION } from './version.js'
export type { BlobBody, ClientOptions, RateLimit, RegistryOptions } from './client.js'
export { parseRateLimit } from './ratelimit.js'
export { ReferrersMemo, fallbackTag, referrerOf } from './referrers.js'
export type { RegistryRequest } from './session.js'
export { DEFAULT_MAX_TAGS, MAX_TAGS_CEILING, listTags, maxTagPages, nextLink, parseMaxTags } from './tags.js'
export { rechunk } from './upload.js'
export { Session } from './session.js'
export { ScopeBatches, TOKEN_BATCH } from './token-batch.js'
export { parseRealm } from './realm.js'
export { realmGetsCredentials } from './realm.js'
export {
  blobPath,
  blobUploadPath,
  manifestDeletePath,
  manifestPath,
  pingPath,
  referrersPath,
  tagDeletePath,
  tagListPath,
  uploadSessionUrl
} from './endpoints.js'
export { deleteRefusal, tagDigests, type DeleteOutcome, type TagReader } from './delete.js'
export { explain401, formatHttpDebug } from './debug.js'
export { flavourOf } from './flavour.js'
