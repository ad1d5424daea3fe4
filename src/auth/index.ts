// The face: what other folders and the tests use from this folder.
export { findChallenge, parseChallenges } from './challenge.js'
export type { Challenge } from './challenge.js'
export { CredentialStore } from './credentials.js'
export type { Credential } from './credentials.js'
export {
  CredentialsFileError,
  checkCredential,
  invalidHost,
  noCredentialsWarning,
  parseCredentialsYaml
} from './credentials-yaml.js'
export type { CredentialsYamlOptions } from './credentials-yaml.js'
export { IDENTITY_TOKEN_USER } from './docker-config.js'
export { TokenCache, basicAuth, fetchToken, mergeScopes, parseScope, scopesCover } from './token.js'
