// The face: what other folders and the tests use from this folder.
export {
  BlobNotFoundError,
  MAX_MANIFEST_BYTES,
  blobFileOk,
  openBlobFile,
  openFileRange,
  readBlobFile,
  removeIfEmpty,
  sweepStaleTemps,
  tempName,
  writeBlobFile,
  writeBytesFile
} from './blobfile.js'
export { acquireFileLock, withDirLock } from './lock.js'
export {
  PathError,
  assertRealInside,
  confinedJoin,
  normaliseArchivePath,
  parseDigest,
  resolveArchiveLink,
  validateOciRefName
} from './paths.js'
export { checkBytes, digestOf, isObject, jsonErrorOffset, parseJsonText } from './verify.js'
