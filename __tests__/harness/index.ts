/** The integration-test harness: real registries, deterministic images, skopeo, and proxies. */
export { startRegistry, parseAccessLog } from './registry.js'
export type { RegistryMode, AccessLogEntry, StartedRegistry } from './registry.js'
export type { TokenRequest } from './token-server.js'
export { buildImage, buildArtifact, parsePlatform, DEFAULT_ARTIFACT_TYPE } from './images.js'
export type { BuiltBlob, BuiltImage, BuiltManifest, BuildImageOptions, PlatformSpec } from './images.js'
export { pushImage } from './push.js'
export { skopeo, skopeoFlags } from './skopeo.js'
export { seededBytes, seededRandom } from './prng.js'
