// The face: what other folders and the tests use from this folder.
export { findChallenge, parseChallenges } from './challenge.js'
export type { Challenge } from './challenge.js'
export { CredentialStore, CredentialsFileError, parseCredentialsYaml } from './credentials.js'
export type { Credential } from './credentials.js'
export { IDENTITY_TOKEN_USER } from './docker-config.js'
export { TokenCache, basicAuth, fetchToken, mergeScopes, parseScope, scopesCover } from './token.js'
