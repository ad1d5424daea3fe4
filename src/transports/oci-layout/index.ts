// The face: what other folders and the tests use from this folder.
export { isEmptyOrMissing, readIndex, refNameOf } from './index-json.js'
export { openOciDestination, openOciSource } from './source.js'
