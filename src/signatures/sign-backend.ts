/**
 * Who signs: a key (keyed) or Fulcio + Rekor (keyless, sign-keyless.ts). Both answer the same four
 * questions, so the signer's flow (look, then write) is one.
 */
import { createPublicKey } from 'node:crypto'
import type { Descriptor } from '../oci/index.js'
import { BUNDLE_MEDIA_TYPE, checkBundle, checkSimpleSigning, IN_TOTO_PAYLOAD_TYPE, pae } from './payloads.js'
import type { TrustedKey } from './keys.js'
import type { LegacyLayer } from './sign-build.js'
import type { SigningKey } from './sign-key.js'

export interface Backend {
  /** A Sigstore bundle (v0.3 JSON bytes) whose DSSE envelope signs `statement` (an in-toto statement). */
  bundle(statement: Buffer): Promise<Buffer>
  /** A legacy `.sig` layer signing `payload` (simple signing). */
  legacy(payload: Buffer): Promise<LegacyLayer>
  /** Is this bundle a valid signature of ours for `digest`? */
  ownsBundle(bundle: Buffer, digest: string): Promise<boolean>
  /** Is this legacy layer (`layer`: its descriptor, with cosign's annotations) a valid signature of ours for `digest`? */
  ownsLegacy(payload: Buffer, signature: string, digest: string, layer?: Descriptor): Promise<boolean>
}

/** Signing with the configured private key; "ours" means it verifies under that key's public half. */
export class KeyBackend implements Backend {
  private readonly trusted: TrustedKey[]

  constructor(
    private readonly key: SigningKey,
    label: string
  ) {
    this.trusted = [{ file: label, key: createPublicKey(key.publicPem) }]
  }

  bundle(statement: Buffer): Promise<Buffer> {
    const sig = this.key.sign(pae(IN_TOTO_PAYLOAD_TYPE, statement))
    return Promise.resolve(
      Buffer.from(
        JSON.stringify({
          mediaType: BUNDLE_MEDIA_TYPE,
          // Keyed: no certificate; the hint names the key, and no transparency-log entry is made.
          verificationMaterial: { publicKey: { hint: this.key.hint }, tlogEntries: [] },
          dsseEnvelope: {
            payload: statement.toString('base64'),
            payloadType: IN_TOTO_PAYLOAD_TYPE,
            signatures: [{ sig: sig.toString('base64'), keyid: '' }]
          }
        })
      )
    )
  }

  legacy(payload: Buffer): Promise<LegacyLayer> {
    return Promise.resolve({ payload, signature: this.key.sign(payload) })
  }

  ownsBundle(bundle: Buffer, digest: string): Promise<boolean> {
    return Promise.resolve(checkBundle(bundle, this.trusted, digest).ok)
  }

  ownsLegacy(payload: Buffer, signature: string, digest: string): Promise<boolean> {
    return Promise.resolve(checkSimpleSigning(payload, signature, this.trusted, digest).ok)
  }
}
