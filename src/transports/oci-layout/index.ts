// The face: what other folders and the tests use from this folder.
export { isEmptyOrMissing, readIndex, refNameOf } from './index-json.js'
export { openOciDestination } from './dest.js'
export { openOciSource } from './source.js'
