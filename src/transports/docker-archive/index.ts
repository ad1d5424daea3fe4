// The face: what other folders and the tests use from this folder.
export { parseArchiveName } from './common.js'
export { openDockerArchiveDestination } from './dest.js'
export { openDockerArchiveSource } from './source.js'
export { indexTar } from './tar-index.js'
