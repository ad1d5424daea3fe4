/**
 * One candidate signature against the policy: keyed (Node's crypto, plus the log entry when the
 * policy requires one) or keyless (certificate, identity, log, through sigstore.ts). The signed
 * payload is read only after its signature verified.
 */
import { basename } from 'node:path'
import { createHash } from 'node:crypto'
import { bundleFromJSON, type Bundle } from '@sigstore/bundle'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { toSignedEntity, type SignedEntity } from '@sigstore/verify'
import type { SignaturePolicy } from '../config/index.js'
import type { Candidate } from './discover.js'
import { verifiesWith, type TrustedKey } from './keys.js'
import {
  base64,
  BUNDLE_MEDIA_TYPE,
  checkBundle,
  checkSimpleSigning,
  obj,
  pae,
  parse,
  SIGNATURE_ANNOTATION,
  simpleSigningProblem,
  statementProblem
} from './payloads.js'
import {
  CERTIFICATE_ANNOTATION,
  identityOf,
  legacyEntity,
  matchIdentity,
  reasonFor,
  REKOR_BUNDLE_ANNOTATION,
  verifyCertificateSigner,
  verifyKeyedLog
} from './sigstore.js'

export interface Context {
  policy: SignaturePolicy
  keys: TrustedKey[]
  /** Loaded on first need: a keyed policy with an optional log never reads a trusted root. */
  root: () => Promise<TrustedRoot>
  now: () => Date
}

export type Outcome = { ok: true; by: string } | { ok: false; reason: string }

const no = (reason: string): Outcome => ({ ok: false, reason })
const NO_IDENTITY = 'keyless signature (it carries a certificate), but the policy names no keyless identity'
const NO_KEY = 'key mismatch (the signature carries no certificate and the policy names no keys)'

/** Trusted-root loading errors reject (a run problem, not a verdict); everything else is an outcome. */
export async function checkCandidate(c: Candidate, ctx: Context, digest: string): Promise<Outcome> {
  if (c.kind === 'refused') return no(c.reason)
  if (c.kind === 'legacy') return checkLegacy(c, ctx, digest)
  return checkBundleCandidate(c.bundle, ctx, digest)
}

async function checkLegacy(
  c: Extract<Candidate, { kind: 'legacy' }>,
  ctx: Context,
  digest: string
): Promise<Outcome> {
  const required = ctx.policy.transparencyLog === 'required'
  if (c.annotations[CERTIFICATE_ANNOTATION] !== undefined) {
    if (ctx.policy.keyless.length === 0) return no(NO_IDENTITY)
    const sig = base64(c.signature)
    if (!sig) return no(`malformed: the ${SIGNATURE_ANNOTATION} annotation is not base64`)
    const root = await ctx.root()
    let entity: SignedEntity
    try {
      entity = legacyEntity(c.payload, sig, c.annotations)
    } catch (err) {
      return no(`malformed: ${(err as Error).message}`)
    }
    return keyless(entity, root, ctx, () => simpleSigningProblem(c.payload, digest))
  }
  if (ctx.policy.keys.length === 0) return no(NO_KEY)
  const r = checkSimpleSigning(c.payload, c.signature, ctx.keys, digest)
  if (!r.ok) return r
  const by = `key ${basename(r.key.file)}`
  if (!required) return { ok: true, by }
  if (c.annotations[REKOR_BUNDLE_ANNOTATION] === undefined)
    return no(`missing transparency-log proof (no ${REKOR_BUNDLE_ANNOTATION} annotation)`)
  const root = await ctx.root()
  try {
    verifyKeyedLog(legacyEntity(c.payload, base64(c.signature)!, c.annotations), r.key.key, root)
  } catch (err) {
    return no(err instanceof Error && !('code' in err) ? `malformed: ${err.message}` : reasonFor(err))
  }
  return { ok: true, by: `${by}, transparency log` }
}

async function checkBundleCandidate(bytes: Buffer, ctx: Context, digest: string): Promise<Outcome> {
  const j = obj(parse(bytes))
  const vm = obj(j?.verificationMaterial)
  const certified =
    vm !== undefined && (vm.certificate !== undefined || vm.x509CertificateChain !== undefined)
  if (!j || j.mediaType !== BUNDLE_MEDIA_TYPE || !certified) {
    // Keyed (a public-key hint) or malformed: the keyed check names either.
    if (certified === false && ctx.policy.keys.length === 0 && j?.mediaType === BUNDLE_MEDIA_TYPE)
      return no(NO_KEY)
    const r = checkBundle(bytes, ctx.keys, digest)
    if (!r.ok) return r
    const by = `key ${basename(r.key.file)}`
    if (ctx.policy.transparencyLog !== 'required') return { ok: true, by }
    const b = parseBundle(j)
    if (typeof b === 'string') return no(b)
    if (b.verificationMaterial.tlogEntries.length === 0)
      return no('missing transparency-log proof (the bundle has no transparency-log entry)')
    const root = await ctx.root()
    try {
      verifyKeyedLog(keyedEntity(b), r.key.key, root)
    } catch (err) {
      return no(reasonFor(err))
    }
    return { ok: true, by: `${by}, transparency log` }
  }
  if (ctx.policy.keyless.length === 0) return no(NO_IDENTITY)
  const b = parseBundle(j)
  if (typeof b === 'string') return no(b)
  if (b.content.$case !== 'dsseEnvelope')
    return no('unsupported: message-signature bundles are not verified yet (DSSE bundles are)')
  const env = b.content.dsseEnvelope
  const root = await ctx.root()
  let entity: SignedEntity
  try {
    entity = toSignedEntity(b)
  } catch (err) {
    return no(`malformed: ${(err as Error).message}`)
  }
  return keyless(entity, root, ctx, () => statementProblem(env.payloadType, env.payload, digest))
}

/** The library's verifier, then the identity, then what the signed payload says. */
function keyless(
  entity: SignedEntity,
  root: TrustedRoot,
  ctx: Context,
  payloadProblem: () => string | undefined
): Outcome {
  const required = ctx.policy.transparencyLog === 'required'
  let signer
  try {
    signer = verifyCertificateSigner(entity, root, { tlog: required, now: ctx.now() })
  } catch (err) {
    return no(reasonFor(err))
  }
  const id = matchIdentity(signer, ctx.policy.keyless)
  if (!id)
    return no(
      `identity mismatch (certificate for ${identityOf(signer)}; the policy accepts ${ctx.policy.keyless
        .map(i => `${JSON.stringify(i.subject)} from ${JSON.stringify(i.issuer)}`)
        .join(' or ')})`
    )
  const problem = payloadProblem()
  if (problem) return no(problem)
  const tlog = entity.tlogEntries.length > 0 ? ', transparency log' : ''
  return { ok: true, by: `certificate ${identityOf(signer)}${tlog}` }
}

function parseBundle(j: unknown): Bundle | string {
  try {
    return bundleFromJSON(j)
  } catch (err) {
    return `malformed: ${(err as Error).message}`
  }
}

/**
 * A keyed DSSE bundle for the library's log checks. Its signature check is ours (the digests cosign
 * signers use per key type, e.g. SHA-384 on P-384), over the first signature: the one a log entry binds.
 */
function keyedEntity(b: Bundle): SignedEntity {
  const e = toSignedEntity(b)
  if (b.content.$case !== 'dsseEnvelope') return e
  const env = b.content.dsseEnvelope
  const sig = env.signatures[0]?.sig ?? Buffer.alloc(0)
  const hash = createHash('sha256').update(env.payload).digest()
  return {
    ...e,
    signature: {
      signature: sig,
      compareSignature: s => s.equals(sig),
      compareDigest: d => d.equals(hash),
      verifySignature: k => verifiesWith(k, pae(env.payloadType, env.payload), sig)
    }
  }
}
