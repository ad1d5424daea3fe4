/**
 * What the signed bytes must say, for both formats. Each check runs only on bytes whose signature
 * already verified: nothing unsigned is parsed for a decision. A problem is returned as text, the
 * reason the report shows.
 */
import { keyThatSigned, type TrustedKey } from './keys.js'

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json'
export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json'
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature'
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json'
export const COSIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1'
const COSIGN_TYPE = 'cosign container image signature'

/** Accepted (the key that signed) or rejected (why). */
export type Check = { ok: true; key: TrustedKey } | { ok: false; reason: string }

const KEY_MISMATCH = 'key mismatch (the signature does not verify with any configured key)'

/** DSSE pre-authentication encoding: "DSSEv1" SP len(type) SP type SP len(body) SP body (lengths in bytes). */
export function pae(payloadType: string, body: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8')
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body])
}

export function parse(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

export function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
}

/** Strict base64 (standard or URL alphabet, as DSSE allows); undefined when it is not. */
export function base64(s: unknown): Buffer | undefined {
  if (typeof s !== 'string' || s.length === 0 || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(s)) return undefined
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
}

/** A legacy `.sig` layer: the signature over the simple-signing payload, which must name `digest`. */
export function checkSimpleSigning(
  payload: Buffer,
  signatureB64: string,
  keys: TrustedKey[],
  digest: string
): Check {
  const sig = base64(signatureB64)
  if (!sig) return { ok: false, reason: `malformed: the ${SIGNATURE_ANNOTATION} annotation is not base64` }
  const key = keyThatSigned(keys, payload, sig)
  if (!key) return { ok: false, reason: KEY_MISMATCH }
  const problem = simpleSigningProblem(payload, digest)
  return problem ? { ok: false, reason: problem } : { ok: true, key }
}

/** What is wrong with a simple-signing payload whose signature verified, for `digest`; undefined: nothing. */
export function simpleSigningProblem(payload: Buffer, digest: string): string | undefined {
  const critical = obj(obj(parse(payload))?.critical)
  if (!critical) return 'malformed: the signed payload is not a simple-signing document'
  if (critical.type !== COSIGN_TYPE) return `malformed: the signed payload's type is not "${COSIGN_TYPE}"`
  const signed = obj(critical.image)?.['docker-manifest-digest']
  if (signed !== digest) return `digest mismatch (the payload signs ${shown(signed)}, not ${digest})`
  return undefined
}

/**
 * A Sigstore bundle (v0.3 JSON). Only the DSSE form is read: an in-toto statement about `digest`
 * with cosign's signing predicate. A `messageSignature` signs the manifest bytes themselves, which
 * this check does not fetch: refused by name rather than half-checked.
 */
export function checkBundle(bytes: Buffer, keys: TrustedKey[], digest: string): Check {
  const b = obj(parse(bytes))
  if (!b) return { ok: false, reason: 'malformed: the bundle is not a JSON object' }
  if (b.mediaType !== BUNDLE_MEDIA_TYPE)
    return {
      ok: false,
      reason: `malformed: bundle media type ${shown(b.mediaType)} (only ${BUNDLE_MEDIA_TYPE} is read)`
    }
  const env = obj(b.dsseEnvelope)
  if (!env) {
    if (b.messageSignature !== undefined)
      return {
        ok: false,
        reason: 'unsupported: message-signature bundles are not verified yet (DSSE bundles are)'
      }
    return { ok: false, reason: 'malformed: the bundle has no DSSE envelope' }
  }
  const body = base64(env.payload)
  const type = env.payloadType
  if (!body || typeof type !== 'string')
    return { ok: false, reason: 'malformed: the DSSE envelope has no payload' }
  const sigs = Array.isArray(env.signatures) ? env.signatures.slice(0, 16) : []
  const signed = pae(type, body)
  let key: TrustedKey | undefined
  for (const s of sigs) {
    const sig = base64(obj(s)?.sig)
    if (sig) key = keyThatSigned(keys, signed, sig)
    if (key) break
  }
  if (!key) return { ok: false, reason: KEY_MISMATCH }
  const problem = statementProblem(type, body, digest)
  return problem ? { ok: false, reason: problem } : { ok: true, key }
}

/** What is wrong with a DSSE payload whose signature verified, for `digest`; undefined: nothing. */
export function statementProblem(type: string, body: Buffer, digest: string): string | undefined {
  if (type !== IN_TOTO_PAYLOAD_TYPE)
    return `malformed: DSSE payload type ${shown(type)}, expected ${IN_TOTO_PAYLOAD_TYPE}`
  const st = obj(parse(body))
  if (!st) return 'malformed: the signed payload is not an in-toto statement'
  if (st.predicateType !== COSIGN_PREDICATE)
    return `predicate mismatch (${shown(st.predicateType)}, expected ${COSIGN_PREDICATE})`
  const hex = digest.startsWith('sha256:') ? digest.slice(7) : undefined
  const subjects = Array.isArray(st.subject) ? st.subject : []
  if (hex === undefined || !subjects.some(s => obj(obj(s)?.digest)?.sha256 === hex)) {
    const named = subjects.map(s => obj(obj(s)?.digest)?.sha256).filter(x => typeof x === 'string')
    const what = named.length > 0 ? `sha256:${String(named[0])}` : 'no sha256 digest'
    return `digest mismatch (the in-toto subject is ${shown(what)}, not ${digest})`
  }
  return undefined
}

/** Remote text in a message: quoted, cut short. */
export function shown(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? 'nothing')
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s)
}
