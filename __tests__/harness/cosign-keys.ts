/**
 * cosign's encrypted private key file, written from its specification (go-securesystemslib's
 * `encrypted` package, as `cosign generate-key-pair` uses it): PEM type "ENCRYPTED SIGSTORE PRIVATE
 * KEY" around a JSON document {kdf: scrypt N/r/p + salt, cipher: nacl/secretbox + nonce, ciphertext},
 * the ciphertext being the secretbox of the PKCS#8 DER under scrypt(password, salt).
 */
import { randomBytes, scryptSync, type KeyObject } from 'node:crypto'
import nacl from 'tweetnacl'

export function encryptedCosignKey(
  privateKey: KeyObject,
  password: string,
  params: { N: number; r: number; p: number } = { N: 32768, r: 8, p: 1 }
): string {
  const der = privateKey.export({ type: 'pkcs8', format: 'der' })
  const salt = randomBytes(32)
  const nonce = randomBytes(24)
  const key = scryptSync(Buffer.from(password), salt, 32, { ...params, maxmem: 256 * 1024 * 1024 })
  const box = nacl.secretbox(new Uint8Array(der), new Uint8Array(nonce), new Uint8Array(key))
  const doc = JSON.stringify({
    kdf: { name: 'scrypt', params, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: Buffer.from(box).toString('base64')
  })
  const body = Buffer.from(doc)
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')
  return `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${body}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n`
}
