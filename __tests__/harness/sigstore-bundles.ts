/**
 * cosign-shaped keyless (and keyed, log-backed) signatures made with a TestSigstore: Rekor entry
 * bodies from Rekor's type definitions, bundles from the Sigstore bundle v0.3 format, legacy `.sig`
 * layers with cosign's annotations. Written from the specifications, importing nothing from src/.
 */
import { createHash } from 'node:crypto'
import { COSIGN, dssePae } from './signatures.js'
import type { TestSigstore } from './sigstore-trust.js'

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest()

/** Rekor's `dsse` 0.0.1 entry for a DSSE envelope signed by `verifier` (a PEM cert or key). */
export function dsseRekorBody(
  payload: Buffer,
  signature: Buffer,
  verifierPem: string,
  envelopeJson: string
): object {
  return {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha256(Buffer.from(envelopeJson)).toString('hex') },
      payloadHash: { algorithm: 'sha256', value: sha256(payload).toString('hex') },
      signatures: [
        { signature: signature.toString('base64'), verifier: Buffer.from(verifierPem).toString('base64') }
      ]
    }
  }
}

/** Rekor's `hashedrekord` 0.0.1 entry: the SHA-256 of the signed bytes and the signature. */
export function hashedRekordBody(data: Buffer, signature: Buffer, verifierPem: string): object {
  return {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: sha256(data).toString('hex') } },
      signature: {
        content: signature.toString('base64'),
        publicKey: { content: Buffer.from(verifierPem).toString('base64') }
      }
    }
  }
}

/**
 * A cosign v3 keyless bundle: DSSE envelope over the in-toto statement, the leaf certificate, and
 * (unless `tlog: false`) its Rekor `dsse` entry. `keyPem` + `sign` instead of a certificate: keyed.
 */
export function keylessBundle(
  ts: TestSigstore,
  statement: Buffer,
  signer: { certDer?: Buffer; certPem?: string; publicPem?: string; sign(d: Buffer): Buffer },
  opts: { tlog?: boolean; tamperSet?: boolean } = {}
): Buffer {
  const sig = signer.sign(dssePae(COSIGN.inToto, statement))
  const envelope = {
    payload: statement.toString('base64'),
    payloadType: COSIGN.inToto,
    signatures: [{ sig: sig.toString('base64'), keyid: '' }]
  }
  const verifierPem = signer.certPem ?? signer.publicPem!
  const entries = []
  if (opts.tlog !== false) {
    const e = ts.logEntry(dsseRekorBody(statement, sig, verifierPem, JSON.stringify(envelope)))
    const j = e.bundleJson as { inclusionPromise: { signedEntryTimestamp: string } }
    if (opts.tamperSet) j.inclusionPromise.signedEntryTimestamp = Buffer.alloc(70, 1).toString('base64')
    entries.push(j)
  }
  return Buffer.from(
    JSON.stringify({
      mediaType: COSIGN.bundle,
      verificationMaterial: {
        ...(signer.certDer
          ? { certificate: { rawBytes: signer.certDer.toString('base64') } }
          : { publicKey: { hint: '' } }),
        tlogEntries: entries
      },
      dsseEnvelope: envelope
    })
  )
}

/** A legacy keyless `.sig` layer: signature, certificate, chain and Rekor bundle annotations. */
export function keylessLegacy(
  ts: TestSigstore,
  payload: Buffer,
  signer: { certPem?: string; publicPem?: string; sign(d: Buffer): Buffer },
  opts: { tlog?: boolean } = {}
): { payload: Buffer; signature: string; annotations: Record<string, string> } {
  const sig = signer.sign(payload)
  const annotations: Record<string, string> = {}
  if (signer.certPem) {
    annotations['dev.sigstore.cosign/certificate'] = signer.certPem
    annotations['dev.sigstore.cosign/chain'] = ts.caPem
  }
  if (opts.tlog !== false)
    annotations['dev.sigstore.cosign/bundle'] = ts.logEntry(
      hashedRekordBody(payload, sig, signer.certPem ?? signer.publicPem!)
    ).cosignAnnotation
  return { payload, signature: sig.toString('base64'), annotations }
}
