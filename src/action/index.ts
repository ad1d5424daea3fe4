// The face: what other folders and the tests use from this folder.
export {
  MAX_IMAGE_ANNOTATIONS,
  annotateConfigErrors,
  annotateFailedImages,
  bareMessage,
  positionedErrors
} from './annotations.js'
export type { PositionedError } from './annotations.js'
export {
  DigestCache,
  KEY_PREFIX,
  sigstoreDirFor,
  stateFileFor,
  stateKeyPrefix,
  usesTufRoot
} from './cache.js'
export type { CacheBackend } from './cache.js'
export {
  COMMENT_MARKER,
  MAX_COMMENT_CHARS,
  mdCode,
  mdText,
  renderComment,
  renderConfigErrorComment,
  upsertComment
} from './comment.js'
export type { CommentsApi, ExistingComment } from './comment.js'
export {
  DEFAULT_CONFIG,
  InputError,
  maskCredentialValues,
  parseConcurrency,
  parseOnDeferred,
  parseReserve,
  parseCountInput,
  parseShardInput,
  readInputs,
  readRunnerContext,
  readSigningSecrets,
  runKey
} from './context.js'
export { parseByteSize, parseShardsInput } from './input-values.js'
export type { ShardsInput } from './input-values.js'
export { ActionLog } from './log.js'
export { imagesOutput } from './outputs.js'
export type { LogSink } from './log.js'
export { run } from './main.js'
