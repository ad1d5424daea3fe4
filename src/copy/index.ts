// The face: what other folders and the tests use from this folder.
export {
  ConvertError,
  checkIndexConvertible,
  convertIndexToDocker,
  convertManifestToDocker
} from './convert.js'
export { convertIndexToOci, convertManifestToOci } from './convert-oci.js'
export { CopyEngine, CopyError, DEFAULT_PER_REGISTRY_CONCURRENCY } from './engine.js'
export type { CopyHooks, CopyOptions, CopyResult } from './engine.js'
export type { Side } from './errors.js'
export { Limiter, Semaphore } from './limiter.js'
export { MountBook, namespaceOf } from './mounts.js'
