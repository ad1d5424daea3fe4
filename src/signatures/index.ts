// The face: what other folders and the tests use from this folder.
export { SignatureVerifier, policyKey } from './verify.js'
export type { SignaturePlatforms, Verdict, VerifierOptions } from './verify.js'
export { checkCandidate } from './check.js'
export type { Context as CheckContext, Outcome } from './check.js'
export { loadTrustedRoot } from './trust.js'
export { CERTIFICATE_ANNOTATION, CHAIN_ANNOTATION, REKOR_BUNDLE_ANNOTATION } from './sigstore.js'
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
export { createSigner } from './sign-setup.js'
export type { SigningSecrets } from './sign-setup.js'
export { MirrorSigner } from './signer.js'
export type { SignatureWritten, SignTarget } from './signer.js'
export { loadSigningKey, openSealed } from './sign-key.js'
export type { SigningKey } from './sign-key.js'
