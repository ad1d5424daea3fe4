/**
 * The integration-test harness: real registries, deterministic images, skopeo, and proxies.
 *
 *   const reg = await startRegistry({ mode: 'token' })          // one per describe block; reg.stop() in afterAll
 *   startRegistry({ mode: 'token', realmHost: '127.0.0.2' })    // token realm on another host than the registry
 *   reg.tokenRequests().filter(r => r.credentials)              // token requests that carried credentials
 *   const img = buildImage({ seed: 'x', platforms: ['linux/amd64', 'linux/arm64'] })
 *   await pushImage(reg, 'ns/app', 'v1', img)                   // returns img.manifest.digest
 *   await skopeo(['inspect', '--raw', `docker://${reg.host}/ns/app:v1`], { reg })
 *   await reg.clearAccessLog(); …; (await reg.accessLog()).filter(e => e.method === 'GET')
 *   const acr = await startPersonality('aliyun')                // a registry's quirks in front of a real one
 *   acr.host (for the client), acr.reg (the registry behind, for pushImage/skopeo), acr.fired('aliyun/…')
 *
 * Proxies take the registry URL (`reg.url`) and return their own `url`/`host`; to point skopeo at a
 * proxy pass `{ reg: { ...reg, host: proxy.host } }` so it keeps the registry's credentials.
 * Fault decisions follow the order requests arrive: reproducible for a sequential client.
 *
 * This file is the harness's one face: tests and bench/ import it, never a file beside it
 * (__tests__/unit/layers.test.ts checks), so the harness can be rearranged without touching them.
 */
export { startRegistry, parseAccessLog } from './registry.js'
export { tlsMaterial, type TlsMaterial } from './certs.js'
export type { RegistryMode, AccessLogEntry, StartedRegistry, StartRegistryOptions } from './registry.js'
export type { TokenRequest } from './token-server.js'
export {
  buildImage,
  buildArtifact,
  parsePlatform,
  DEFAULT_ARTIFACT_TYPE,
  FOREIGN_LAYER_URL
} from './images.js'
export type { BuiltBlob, BuiltImage, BuiltManifest, BuildImageOptions, PlatformSpec } from './images.js'
export { pushImage } from './push.js'
export { skopeo, skopeoFlags } from './skopeo.js'
export { seededBytes, seededRandom } from './prng.js'
export { startSlowProxy, type ProxyHandle, type SlowProxyHandle } from './proxy.js'
// The pieces the slow proxy is made of, for tests that build a front of their own.
export { badGateway, listen, openUpstream, relay, relayHeaders, upstreamFor } from './proxy.js'
export { startRedirectingBlobServer, type RedirectingBlobServer } from './redirect.js'
export { startFaultProxy, FAULT_KINDS } from './fault-proxy.js'
export type { FaultKind, FaultProxy, FaultProxyOptions } from './fault-proxy.js'
export { regRequest, failure, type RegRequest } from './http.js'
export { makeTempDir, removeTempDir, run, trackChild, type RunResult } from './util.js'
export { startCacheService, type FakeCacheService } from './cache-server.js'
export {
  COSIGN,
  bundleReferrerImage,
  cosignSignatureImage,
  dssePae,
  generateTestKey,
  inTotoStatement,
  sigstoreBundle,
  simpleSigningPayload
} from './signatures.js'
export type { KeyKind, TestKey } from './signatures.js'
export { startPersonality, PERSONALITIES, ECR_ACCOUNT, GHCR_MAX_BODY } from './personalities/index.js'
export type { Personality, PersonalityName, PersonalityOptions } from './personalities/index.js'
export { encryptedCosignKey } from './cosign-keys.js'
export { KEYLESS_IDENTITY, KEYLESS_ISSUER, startSigstoreStandIns } from './sigstore.js'
export type { SigstoreStandIns } from './sigstore.js'
// The verification side's private Sigstore (sigstore-trust.ts); the signing side's stand-ins above.
export { FULCIO_ISSUER_V1, FULCIO_ISSUER_V2, canonicalJson, makeTestSigstore } from './sigstore-trust.js'
export { dsseRekorBody, hashedRekordBody, keylessBundle, keylessLegacy } from './sigstore-bundles.js'
export type { KeylessSigner, LogEntry, TestSigstore } from './sigstore-trust.js'
