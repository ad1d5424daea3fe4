// The face: what other folders and the tests use from this folder.
export { ConfigError, ConfigErrors, didYouMean } from './errors.js'
export { compileTagPattern, selectTags, tagPatternError, tagVersion, targetFor } from './filters.js'
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
  SignaturePolicy,
  TagFilter,
  TransparencyLog,
  TrustedRootSetting,
  VerifyMode
} from './types.js'
export { DEFAULT_MAX_AGE_DAYS } from './types.js'
export { MAX_TIMEOUT_MS, parseDuration } from './registries.js'
export { keyTypeProblem } from './signatures.js'
