// The face: what other folders and the tests use from this folder.
export { ConfigError, ConfigErrors, didYouMean } from './errors.js'
export {
  compileTagPattern,
  explainTags,
  selectTags,
  tagPatternError,
  tagVersion,
  targetFor
} from './filters.js'
export type { TagVerdict } from './filters.js'
export { goRegexToTagPattern, goSemverToRange, yamlString } from './import-render.js'
export { importConfig } from './import.js'
export type { ImportFormat } from './import.js'
export { loadConfig, parseConfig } from './load.js'
export type {
  EntryOptions,
  KeylessIdentity,
  MirrorConfig,
  MirrorEntry,
  Overwrite,
  RetentionOptions,
  SignaturePolicy,
  SignFormat,
  SignPolicy,
  TagFilter,
  TransparencyLog,
  TrustedRootSetting,
  VerifyMode
} from './types.js'
export { DEFAULT_MAX_AGE_DAYS, DEFAULT_PRUNE_LIMIT } from './types.js'
export { DEFAULT_FULCIO_URL, DEFAULT_PASSWORD_ENV, DEFAULT_REKOR_URL, signEnvNames } from './signing.js'
export { MAX_IMAGE_TIMEOUT_MS, MAX_TIMEOUT_MS, parseDuration, parseThroughput } from './registries.js'
export { keyTypeProblem } from './signatures.js'
