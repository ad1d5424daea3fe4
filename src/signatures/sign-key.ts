/**
 * The mirror's signing key: a cosign private key ("ENCRYPTED SIGSTORE PRIVATE KEY", as written by
 * `cosign generate-key-pair`) or an unencrypted PKCS#8 PEM. cosign's encrypted form is
 * go-securesystemslib's: a JSON document holding scrypt parameters and a salt, and a NaCl secretbox
 * (XSalsa20-Poly1305) of the PKCS#8 DER. Node has scrypt but no XSalsa20, so the box is opened with
 * tweetnacl (audited, no dependencies) rather than a home-made cipher.
 */
import { createHash, createPrivateKey, createPublicKey, scryptSync, sign, type KeyObject } from 'node:crypto'
import nacl from 'tweetnacl'

export interface SigningKey {
  /** SPKI PEM of the public half: what the mirror's consumers verify with. */
  publicPem: string
  /** base64(SHA-256(SPKI DER)): the bundle's public-key hint, so a verifier can pick the key. */
  hint: string
  /** A signature of `data` as cosign makes it: ECDSA (DER) and RSA (PKCS#1 v1.5) over SHA-256, pure Ed25519. */
  sign(data: Buffer): Buffer
}

/** scrypt work a key file may ask for: cosign writes N=32768 r=8 p=1 (32 MiB); more is refused, not run. */
const MAX_SCRYPT_MEM = 256 * 1024 * 1024
const PEM = /-----BEGIN ([A-Z ]+)-----\r?\n([\s\S]*?)\r?\n-----END \1-----/

/**
 * Opens `pem` with `password` (cosign's key) or as it is (PKCS#8). Messages name what is wrong with
 * the file, never its content or the password. `what` names the key for messages (file or env:VAR).
 */
export function loadSigningKey(pem: string, password: string | undefined, what: string): SigningKey {
  const m = PEM.exec(pem)
  if (!m) throw new Error(`${what}: not a PEM private key`)
  let key: KeyObject
  if (m[1] === 'ENCRYPTED SIGSTORE PRIVATE KEY' || m[1] === 'ENCRYPTED COSIGN PRIVATE KEY') {
    if (password === undefined) throw new Error(`${what}: the key is encrypted and no password was given`)
    const der = openSealed(Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64'), password, what)
    key = privateKey(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), what)
  } else if (/PRIVATE KEY$/.test(m[1]!)) {
    key = privateKey(() => createPrivateKey(pem), what)
  } else {
    throw new Error(`${what}: a PEM "${m[1]}" is not a private key`)
  }
  const t = key.asymmetricKeyType
  const curve = key.asymmetricKeyDetails?.namedCurve
  if (!(t === 'ed25519' || t === 'rsa' || (t === 'ec' && (curve === 'prime256v1' || curve === 'secp384r1'))))
    throw new Error(`${what}: a ${t} ${curve ?? ''} key; supported: ECDSA P-256 or P-384, Ed25519, RSA`)
  const pub = createPublicKey(key)
  const spki = pub.export({ type: 'spki', format: 'der' })
  const hash = t === 'ed25519' ? null : 'sha256'
  return {
    publicPem: pub.export({ type: 'spki', format: 'pem' }).toString(),
    hint: createHash('sha256').update(spki).digest('base64'),
    sign: data => sign(hash, data, key)
  }
}

function privateKey(make: () => KeyObject, what: string): KeyObject {
  try {
    return make()
  } catch (err) {
    // Node's message describes the parse failure, not the bytes: safe to show.
    throw new Error(`${what}: not a usable private key: ${(err as Error).message}`, { cause: err })
  }
}

interface Sealed {
  kdf?: { name?: unknown; params?: { N?: unknown; r?: unknown; p?: unknown }; salt?: unknown }
  cipher?: { name?: unknown; nonce?: unknown }
  ciphertext?: unknown
}

/** go-securesystemslib's sealed document (the JSON inside cosign's PEM) opened with `password`. */
export function openSealed(body: Buffer, password: string, what: string): Buffer {
  let j: Sealed
  try {
    j = JSON.parse(body.toString('utf8')) as Sealed
  } catch {
    throw new Error(`${what}: the encrypted key is not cosign's format (not JSON inside the PEM)`)
  }
  const { N, r, p } = j.kdf?.params ?? {}
  if (j.kdf?.name !== 'scrypt' || j.cipher?.name !== 'nacl/secretbox')
    throw new Error(
      `${what}: unsupported key encryption (expected scrypt and nacl/secretbox, as cosign writes)`
    )
  if (!isInt(N) || !isInt(r) || !isInt(p) || (N & (N - 1)) !== 0 || N < 2 || 128 * N * r * p > MAX_SCRYPT_MEM)
    throw new Error(`${what}: scrypt parameters out of bounds (N a power of two, 128·N·r·p at most 256 MiB)`)
  const salt = b64(j.kdf.salt)
  const nonce = b64(j.cipher.nonce)
  const box = b64(j.ciphertext)
  if (!salt || !nonce || nonce.length !== nacl.secretbox.nonceLength || !box)
    throw new Error(`${what}: the encrypted key lacks its salt, nonce or ciphertext`)
  const k = scryptSync(Buffer.from(password, 'utf8'), salt, nacl.secretbox.keyLength, {
    N,
    r,
    p,
    maxmem: MAX_SCRYPT_MEM + 1024 * 1024
  })
  const plain = nacl.secretbox.open(new Uint8Array(box), new Uint8Array(nonce), new Uint8Array(k))
  if (!plain) throw new Error(`${what}: wrong password (or a damaged key file)`)
  return Buffer.from(plain)
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0

function b64(v: unknown): Buffer | undefined {
  return typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length > 0
    ? Buffer.from(v, 'base64')
    : undefined
}
