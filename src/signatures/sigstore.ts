/**
 * Certificates and transparency-log proofs, through @sigstore/verify: a Fulcio certificate chains
 * to the trusted root's CA at the time the log (or a timestamp authority) proves, its SCT checks
 * against the root's CT logs when the root lists any, each log entry's inclusion proof or signed
 * entry timestamp checks against the root's log keys and binds this very signature. Identity
 * (issuer + subject regex) is matched here so a mismatch gets its own reason.
 */
import { createHash, type KeyObject } from 'node:crypto'
import type { TransparencyLogEntry } from '@sigstore/bundle'
import { X509Certificate } from '@sigstore/core'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { toTrustMaterial, Verifier, type SignedEntity, type Signer } from '@sigstore/verify'
import type { KeylessIdentity } from '../config/index.js'
import { verifiesWith } from './keys.js'
import { base64, obj } from './payloads.js'

/** A Sigstore library error, by its code, as the reason the report shows. */
export function reasonFor(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
  const cause = (err as { cause?: unknown } | null)?.cause
  // The library wraps the chain builder's error ("no trusted certificate path found", "expired")
  // in a generic one: the inner message is the useful one.
  const msg = cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err)
  switch (code) {
    case 'CERTIFICATE_ERROR':
      return `untrusted certificate (${msg})`
    case 'TLOG_ERROR':
      return `missing transparency-log proof (${msg})`
    case 'TLOG_MISSING_INCLUSION_ERROR':
      return 'missing transparency-log proof (the log entry has neither an inclusion proof nor a signed entry timestamp)'
    case 'TLOG_INCLUSION_PROMISE_ERROR':
    case 'TLOG_INCLUSION_PROOF_ERROR':
    case 'TLOG_BODY_ERROR':
      return `invalid transparency-log proof (${msg})`
    case 'TIMESTAMP_ERROR':
      return /got 0$/.test(msg)
        ? 'missing transparency-log proof (no signed time: a keyless certificate is checked at the time a transparency log or timestamp authority proves)'
        : `invalid timestamp (${msg})`
    case 'SIGNATURE_ERROR':
      return "signature mismatch (the signature does not verify with the certificate's key)"
    case 'PUBLIC_KEY_ERROR':
      return `key mismatch (${msg})`
    default:
      return `malformed: ${msg}`
  }
}

export interface Strictness {
  /** At least one verified log entry (`transparency-log: required`). */
  tlog: boolean
  /** Keyless: no signed time. Checked at `now` as cosign does with --insecure-ignore-tlog. */
  now?: Date
}

/**
 * Runs the library's verifier over `entity` for a certificate signer. Throws the library's errors;
 * `reasonFor` names them. Returns the signer (its key and certificate identity).
 */
export function verifyCertificateSigner(entity: SignedEntity, root: TrustedRoot, s: Strictness): Signer {
  const material = toTrustMaterial(root)
  let timestamps = entity.timestamps
  if (timestamps.length === 0 && !s.tlog && s.now) {
    // The library takes its time only from log entries and timestamp authorities. Under an
    // optional log with neither, the certificate is checked at the current time (what cosign does
    // with --insecure-ignore-tlog): a stand-in entry carries that time and nothing else, and the
    // log threshold is 0, so no proof is claimed from it.
    const at = String(Math.floor(s.now.getTime() / 1000))
    const stand = {
      integratedTime: at,
      inclusionPromise: { signedEntryTimestamp: Buffer.alloc(0) },
      logId: { keyId: Buffer.alloc(0) }
    }
    timestamps = [{ $case: 'transparency-log', tlogEntry: stand as unknown as TransparencyLogEntry }]
  }
  return new Verifier(material, {
    tlogThreshold: s.tlog ? 1 : 0,
    // A private root without CT logs cannot prove an SCT; public-good lists them and gets the check.
    ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
    timestampThreshold: 1
  }).verify({ ...entity, timestamps })
}

/**
 * The log entries of a keyed signature, checked against the trusted root's log keys and bound to
 * the signature (the signature itself was checked already under `key`; it is checked again here by
 * the same rules so the library's body checks see the same bytes).
 */
export function verifyKeyedLog(entity: SignedEntity, key: KeyObject, root: TrustedRoot): void {
  const material = toTrustMaterial(root, () => ({ publicKey: key, validFor: () => true }))
  new Verifier(material, { tlogThreshold: 1, ctlogThreshold: 0, timestampThreshold: 0 }).verify(entity)
}

/** The first configured identity the signer's certificate matches; undefined: none. */
export function matchIdentity(signer: Signer, ids: KeylessIdentity[]): KeylessIdentity | undefined {
  const issuer = signer.identity?.extensions?.issuer
  const san = signer.identity?.subjectAlternativeName
  if (issuer === undefined || san === undefined) return undefined
  return ids.find(id => id.issuer === issuer && new RegExp(id.subject, 'u').test(san))
}

export function identityOf(signer: Signer): string {
  const san = signer.identity?.subjectAlternativeName ?? 'no subject'
  const iss = signer.identity?.extensions?.issuer ?? 'no issuer'
  return `${cut(san)} from ${cut(iss)}`
}

const cut = (s: string) => JSON.stringify(s.length > 120 ? `${s.slice(0, 117)}...` : s)

/** The annotations cosign puts on a legacy `.sig` layer besides the signature. */
export const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate'
export const CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain'
export const REKOR_BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle'

/**
 * A legacy `.sig` signature as the library's signed entity: the signature over the payload bytes,
 * the certificate (or a key hint for keyed), and the Rekor entry of the `bundle` annotation (its
 * signed entry timestamp is the inclusion promise; cosign's legacy format carries no inclusion
 * proof). Throws a plain Error for malformed annotations.
 */
export function legacyEntity(
  payload: Buffer,
  signature: Buffer,
  annotations: Record<string, string>
): SignedEntity {
  const pem = annotations[CERTIFICATE_ANNOTATION]
  const entries = rekorEntries(annotations[REKOR_BUNDLE_ANNOTATION])
  const digest = createHash('sha256').update(payload).digest()
  return {
    signature: {
      signature,
      compareSignature: s => s.equals(signature),
      compareDigest: d => d.equals(digest),
      verifySignature: k => verifiesWith(k, payload, signature)
    },
    key: pem
      ? { $case: 'certificate', certificate: parseCertificate(pem) }
      : { $case: 'public-key', hint: '' },
    tlogEntries: entries,
    timestamps: entries.map(tlogEntry => ({ $case: 'transparency-log' as const, tlogEntry }))
  }
}

function parseCertificate(pem: string): X509Certificate {
  try {
    return X509Certificate.parse(pem)
  } catch (err) {
    throw new Error(
      `the ${CERTIFICATE_ANNOTATION} annotation is not a PEM certificate (${(err as Error).message})`,
      {
        cause: err
      }
    )
  }
}

/** cosign's `{SignedEntryTimestamp, Payload: {body, integratedTime, logIndex, logID}}`; absent: none. */
function rekorEntries(text: string | undefined): TransparencyLogEntry[] {
  if (text === undefined) return []
  let j: unknown
  try {
    j = JSON.parse(text)
  } catch {
    throw new Error(`the ${REKOR_BUNDLE_ANNOTATION} annotation is not JSON`)
  }
  const set = base64(obj(j)?.SignedEntryTimestamp)
  const p = obj(obj(j)?.Payload)
  const body = base64(p?.body)
  const { integratedTime, logIndex, logID } = p ?? {}
  if (
    !set ||
    !body ||
    typeof integratedTime !== 'number' ||
    typeof logIndex !== 'number' ||
    typeof logID !== 'string' ||
    !/^[0-9a-f]+$/.test(logID)
  )
    throw new Error(
      `the ${REKOR_BUNDLE_ANNOTATION} annotation is not a Rekor bundle (SignedEntryTimestamp, Payload)`
    )
  let kind: unknown
  let apiVersion: unknown
  try {
    ;({ kind, apiVersion } = JSON.parse(body.toString('utf8')) as { kind?: unknown; apiVersion?: unknown })
  } catch {
    throw new Error(`the ${REKOR_BUNDLE_ANNOTATION} annotation's entry body is not JSON`)
  }
  return [
    {
      logIndex: String(logIndex),
      logId: { keyId: Buffer.from(logID, 'hex') },
      kindVersion: { kind: String(kind), version: String(apiVersion) },
      integratedTime: String(integratedTime),
      inclusionPromise: { signedEntryTimestamp: set },
      inclusionProof: undefined,
      canonicalizedBody: body
    }
  ]
}
