// The face: what the entry point and the tests use from this folder.
export { main } from './main.js'
export { printable } from './print.js'
export { parseSyncArgs } from './sync.js'
export {
  COMMON_FLAGS,
  SIDED_FLAGS,
  loadCliCredentials,
  parseCliArgs,
  parseFlags,
  UsageError
} from './options.js'
export { parseCopyArgs } from './copy-args.js'
export { policyFromFlags } from './verify-flags.js'
export { hostPlatform } from './platform.js'
export { CliProgress } from './progress.js'
export { sigstoreCacheDir } from './sigstore-cache.js'
