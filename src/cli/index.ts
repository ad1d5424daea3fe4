// The face: what the entry point and the tests use from this folder.
export { main } from './main.js'
export { printable } from './print.js'
export { parseSyncArgs } from './sync.js'
export { parseCopyArgs } from './copy.js'
export { loadCliCredentials, parseCliArgs, UsageError } from './options.js'
