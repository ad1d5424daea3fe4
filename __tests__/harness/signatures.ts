/**
 * cosign-shaped signatures for tests, written from cosign's and DSSE's specifications rather than
 * imported from src/ (a fixture must not share a mistake with the code under test):
 *  - legacy: the `sha256-<hex>.sig` tag, one layer per signature holding the simple-signing payload,
 *    the base64 signature of those bytes in the `dev.cosignproject.cosign/signature` annotation;
 *  - bundle: a Sigstore bundle v0.3 (JSON) whose DSSE envelope carries an in-toto statement, pushed
 *    as a referrer (artifactType = the bundle media type, one layer, `subject` = the image).
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import type { BuiltBlob, BuiltImage, BuiltManifest } from './images.js'
import { sha256 } from './prng.js'

export const COSIGN = {
  simpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
  signatureAnnotation: 'dev.cosignproject.cosign/signature',
  bundle: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  inToto: 'application/vnd.in-toto+json',
  signPredicate: 'https://sigstore.dev/cosign/sign/v1'
} as const

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json'
const OCI_EMPTY = 'application/vnd.oci.empty.v1+json'

export type KeyKind = 'p256' | 'p384' | 'ed25519' | 'rsa'

export interface TestKey {
  kind: KeyKind
  publicPem: string
  privatePem: string
  privateKey: KeyObject
  /** The signature cosign would make with this key: DER ECDSA over SHA-256, pure Ed25519, RSA PKCS#1 v1.5. */
  sign(data: Buffer): Buffer
}

export function generateTestKey(kind: KeyKind): TestKey {
  const pair =
    kind === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : kind === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ec', { namedCurve: kind === 'p256' ? 'prime256v1' : 'secp384r1' })
  const hash = kind === 'ed25519' ? null : 'sha256'
  return {
    kind,
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    privateKey: pair.privateKey,
    sign: data => sign(hash, data, pair.privateKey)
  }
}

/** cosign's simple-signing payload for `digest` (the bytes that are signed, exactly). */
export function simpleSigningPayload(digest: string, reference = 'registry.invalid/app'): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': reference },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature'
      },
      optional: null
    })
  )
}

/** DSSE v1 pre-authentication encoding; lengths are byte counts in ASCII decimal. */
export function dssePae(payloadType: string, body: Buffer): Buffer {
  const t = Buffer.from(payloadType)
  return Buffer.concat([Buffer.from(`DSSEv1 ${t.length} `), t, Buffer.from(` ${body.length} `), body])
}

/** An in-toto v1 statement about `digest`, as cosign v3 signs an image. */
export function inTotoStatement(digest: string, predicateType: string = COSIGN.signPredicate): Buffer {
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'registry.invalid/app', digest: { sha256: digest.replace(/^sha256:/, '') } }],
      predicateType,
      predicate: {}
    })
  )
}

/** A bundle v0.3 with a DSSE envelope; `signature` defaults to `key` signing the PAE of the statement. */
export function sigstoreBundle(opts: {
  statement: Buffer
  key: TestKey
  payloadType?: string
  /** Replace the payload after signing (a tampered bundle). */
  tamper?: (payload: Buffer) => Buffer
}): Buffer {
  const type = opts.payloadType ?? COSIGN.inToto
  const sig = opts.key.sign(dssePae(type, opts.statement))
  const payload = opts.tamper ? opts.tamper(opts.statement) : opts.statement
  return Buffer.from(
    JSON.stringify({
      mediaType: COSIGN.bundle,
      verificationMaterial: { publicKey: { hint: '' }, tlogEntries: [] },
      dsseEnvelope: {
        payload: payload.toString('base64'),
        payloadType: type,
        signatures: [{ sig: sig.toString('base64'), keyid: '' }]
      }
    })
  )
}

function blob(data: Buffer, mediaType: string): BuiltBlob {
  return { digest: sha256(data), size: data.length, mediaType, data }
}

function manifest(value: unknown): BuiltManifest {
  const bytes = Buffer.from(JSON.stringify(value))
  return { bytes, digest: sha256(bytes), mediaType: OCI_MANIFEST }
}

/** The manifest cosign pushes to `sha256-<hex>.sig`: one simple-signing layer per signature. */
export function cosignSignatureImage(
  signatures: { payload: Buffer; signature: string; annotations?: Record<string, string> }[]
): BuiltImage {
  const config = blob(
    Buffer.from(JSON.stringify({ architecture: '', os: '', rootfs: { type: 'layers', diff_ids: [] } })),
    OCI_CONFIG
  )
  const layers = signatures.map(s => blob(s.payload, COSIGN.simpleSigning))
  return {
    manifest: manifest({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
      layers: layers.map((l, i) => ({
        mediaType: l.mediaType,
        digest: l.digest,
        size: l.size,
        annotations: { ...signatures[i]!.annotations, [COSIGN.signatureAnnotation]: signatures[i]!.signature }
      }))
    }),
    children: [],
    blobs: [config, ...layers]
  }
}

/** A referrer of `subject` holding one bundle, as cosign v3 attaches it. */
export function bundleReferrerImage(
  subject: { digest: string; size: number; mediaType: string },
  bundle: Buffer
): BuiltImage {
  const empty = blob(Buffer.from('{}'), OCI_EMPTY)
  const layer = blob(bundle, COSIGN.bundle)
  return {
    manifest: manifest({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: COSIGN.bundle,
      config: { mediaType: empty.mediaType, digest: empty.digest, size: empty.size },
      layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.size }],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size }
    }),
    children: [],
    blobs: [empty, layer]
  }
}
