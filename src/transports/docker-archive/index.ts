// The face: what other folders and the tests use from this folder.
export { parseArchiveName } from './common.js'
export { openDockerArchiveDestination, openDockerArchiveSource } from './source.js'
export { indexTar } from './tar-index.js'
