/** Trusted public keys and the one way a signature is checked against them (Node's crypto). */
import { createPublicKey, verify, type KeyObject } from 'node:crypto'
import { readFile } from 'node:fs/promises'

export interface TrustedKey {
  /** The key file, for messages: which key accepted a signature. */
  file: string
  key: KeyObject
}

/** Loads PEM public keys (config validation already refused unreadable or unsupported ones). */
export async function loadKeys(files: string[]): Promise<TrustedKey[]> {
  return Promise.all(
    files.map(async file => {
      try {
        return { file, key: createPublicKey(await readFile(file, 'utf8')) }
      } catch (err) {
        throw new Error(`signature key ${file}: ${(err as Error).message}`, { cause: err })
      }
    })
  )
}

/**
 * The digests a signature by `key` may use. cosign signs ECDSA and RSA keys over SHA-256 (RSA as
 * PKCS#1 v1.5); P-384 signers that follow the curve's strength use SHA-384, so both are accepted
 * there. Ed25519 hashes internally (pure Ed25519: no digest argument).
 */
function hashesFor(key: KeyObject): (string | null)[] {
  if (key.asymmetricKeyType === 'ed25519') return [null]
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'secp384r1')
    return ['sha384', 'sha256']
  return ['sha256']
}

/** The first key under which `signature` is a valid signature of `data`, or undefined. */
export function keyThatSigned(keys: TrustedKey[], data: Buffer, signature: Buffer): TrustedKey | undefined {
  for (const k of keys) {
    for (const hash of hashesFor(k.key)) {
      try {
        if (verify(hash, data, k.key, signature)) return k
      } catch {
        // A signature of the wrong shape for this key type (an Ed25519 signature under an ECDSA key)
        // throws instead of answering false: for us it is the same "not this key".
      }
    }
  }
  return undefined
}

/** Whether `signature` over `data` verifies under `key`, with the digests cosign signers use for it. */
export function verifiesWith(key: KeyObject, data: Buffer, signature: Buffer): boolean {
  return keyThatSigned([{ file: '', key }], data, signature) !== undefined
}
