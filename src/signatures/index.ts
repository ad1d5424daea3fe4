// The face: what other folders and the tests use from this folder.
export { SignatureVerifier } from './verify.js'
export type { Verdict } from './verify.js'
export { MAX_CANDIDATES, MAX_SIGNATURE_BYTES, legacyTag } from './discover.js'
export {
  BUNDLE_MEDIA_TYPE,
  COSIGN_PREDICATE,
  IN_TOTO_PAYLOAD_TYPE,
  SIGNATURE_ANNOTATION,
  SIMPLE_SIGNING_MEDIA_TYPE,
  checkBundle,
  checkSimpleSigning,
  pae
} from './payloads.js'
export { keyThatSigned, loadKeys } from './keys.js'
export type { TrustedKey } from './keys.js'
