/** The mirror's signing key: cosign's encrypted format (checked against go-securesystemslib's own vector), PKCS#8, and the refusals. */
import { describe, expect, test } from '@jest/globals'
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadSigningKey, openSealed } from '../../src/signatures/index.js'
import { encryptedCosignKey, generateTestKey, type KeyKind } from '../harness/index.js'

const PEERS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'peers', 'go-securesystemslib')

describe('cosign encrypted keys', () => {
  test("go-securesystemslib's test vector opens with its passphrase (scrypt + nacl/secretbox as cosign writes them)", () => {
    const v = JSON.parse(readFileSync(join(PEERS, 'decrypt-vector.json'), 'utf8')) as Record<string, string>
    expect(openSealed(Buffer.from(v.sealed!), v.passphrase!, 'vector').toString()).toBe(v.plaintext)
    expect(() => openSealed(Buffer.from(v.sealed!), 'wrong', 'vector')).toThrow(/vector: wrong password/)
  })

  test.each<KeyKind>(['p256', 'p384', 'ed25519', 'rsa'])(
    '%s: an encrypted key signs; the signature verifies under its public key',
    kind => {
      const k = generateTestKey(kind)
      const pem = encryptedCosignKey(k.privateKey, 'pw', { N: 1024, r: 8, p: 1 })
      const s = loadSigningKey(pem, 'pw', 'k')
      const data = Buffer.from('payload')
      const hash = kind === 'ed25519' ? null : 'sha256'
      expect(verify(hash, data, createPublicKey(k.publicPem), s.sign(data))).toBe(true)
      expect(s.publicPem).toBe(k.publicPem)
    }
  )

  test('an unencrypted PKCS#8 key works as it is', () => {
    const k = generateTestKey('p256')
    expect(loadSigningKey(k.privatePem, undefined, 'k').publicPem).toBe(k.publicPem)
  })

  test.each([
    [
      'the wrong password',
      (pem: string) => loadSigningKey(pem, 'nope', 'mirror.yaml:4:5: key'),
      /^mirror\.yaml:4:5: key: wrong password/
    ],
    ['no password', (pem: string) => loadSigningKey(pem, undefined, 'k'), /encrypted and no password/],
    [
      'a public key',
      () => loadSigningKey(generateTestKey('p256').publicPem, undefined, 'k'),
      /"PUBLIC KEY" is not a private key/
    ],
    ['no PEM', () => loadSigningKey('hello', undefined, 'k'), /not a PEM private key/],
    [
      'scrypt work over the bound',
      (pem: string) => {
        const body = JSON.parse(Buffer.from(pem.split('\n').slice(1, -2).join(''), 'base64').toString()) as {
          kdf: { params: { N: number } }
        }
        body.kdf.params.N = 1 << 22
        const b64 = Buffer.from(JSON.stringify(body)).toString('base64')
        return loadSigningKey(
          `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${b64}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n`,
          'pw',
          'k'
        )
      },
      /scrypt parameters out of bounds/
    ],
    [
      'a P-521 key',
      () => {
        const p = generateKeyPairSync('ec', { namedCurve: 'secp521r1' }).privateKey
        return loadSigningKey(p.export({ type: 'pkcs8', format: 'pem' }).toString(), undefined, 'k')
      },
      /supported: ECDSA P-256 or P-384/
    ]
  ])('refused: %s, with a message that names the key and never the password', (_, open, message) => {
    const pem = encryptedCosignKey(generateTestKey('p256').privateKey, 'pw', { N: 1024, r: 8, p: 1 })
    let err: Error | undefined
    try {
      open(pem)
    } catch (e) {
      err = e as Error
    }
    expect(err?.message).toMatch(message)
    expect(err?.message).not.toContain('pw,')
    expect(err?.message).not.toContain(pem.split('\n')[1])
  })
})
