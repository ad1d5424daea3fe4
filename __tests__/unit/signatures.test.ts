/**
 * Keyed signature checks over bytes (no registry): cosign's legacy simple-signing payloads and
 * Sigstore DSSE bundles, built in the test from the specs with freshly generated keys.
 */
import { describe, expect, test } from '@jest/globals'
import { createPublicKey, sign } from 'node:crypto'
import { checkBundle, checkSimpleSigning, pae, type TrustedKey } from '../../src/signatures/index.js'
import {
  COSIGN,
  generateTestKey,
  inTotoStatement,
  sigstoreBundle,
  simpleSigningPayload,
  type KeyKind,
  type TestKey
} from '../harness/index.js'

const DIGEST = `sha256:${'a'.repeat(64)}`
const OTHER = `sha256:${'b'.repeat(64)}`
const KINDS: KeyKind[] = ['p256', 'p384', 'ed25519', 'rsa']
const keys = Object.fromEntries(KINDS.map(k => [k, generateTestKey(k)])) as Record<KeyKind, TestKey>
const stranger = generateTestKey('p256')
const trusted = (k: TestKey): TrustedKey[] => [{ file: `${k.kind}.pub`, key: createPublicKey(k.publicPem) }]

describe('DSSE pre-authentication encoding', () => {
  test("matches the DSSE spec's example", () => {
    // From the DSSE protocol document (envelope.md, "Signature definition").
    expect(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe(
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world'
    )
  })
  test('counts bytes, not characters', () => {
    expect(pae('t', Buffer.from('é')).toString()).toBe('DSSEv1 1 t 2 é')
  })
})

describe('legacy .sig payload', () => {
  test.each(KINDS)('a %s signature over the payload naming the digest is accepted', kind => {
    const payload = simpleSigningPayload(DIGEST)
    const sig = keys[kind].sign(payload).toString('base64')
    const r = checkSimpleSigning(payload, sig, trusted(keys[kind]), DIGEST)
    expect(r).toEqual({ ok: true, key: expect.objectContaining({ file: `${kind}.pub` }) })
  })

  test('a P-384 signature over SHA-384 is accepted too', () => {
    const payload = simpleSigningPayload(DIGEST)
    const sig = sign('sha384', payload, keys.p384.privateKey).toString('base64')
    expect(checkSimpleSigning(payload, sig, trusted(keys.p384), DIGEST).ok).toBe(true)
    // …but not SHA-512: the accepted digests are a short, fixed list.
    const other = sign('sha512', payload, keys.p384.privateKey).toString('base64')
    expect(checkSimpleSigning(payload, other, trusted(keys.p384), DIGEST).ok).toBe(false)
  })

  test('any one of several keys suffices', () => {
    const payload = simpleSigningPayload(DIGEST)
    const sig = keys.ed25519.sign(payload).toString('base64')
    expect(
      checkSimpleSigning(payload, sig, [...trusted(keys.p256), ...trusted(keys.ed25519)], DIGEST).ok
    ).toBe(true)
  })

  test.each([
    ['another key signed it', (p: Buffer) => ({ payload: p, sig: stranger.sign(p) }), /^key mismatch/],
    [
      'the payload was altered after signing',
      (p: Buffer) => ({
        payload: Buffer.from(p.toString().replace('"optional":null', '"optional":{}')),
        sig: keys.p256.sign(p)
      }),
      /^key mismatch/
    ],
    [
      'the signed payload names another digest',
      () => {
        const p = simpleSigningPayload(OTHER)
        return { payload: p, sig: keys.p256.sign(p) }
      },
      /^digest mismatch \(the payload signs "sha256:b{64}", not sha256:a{64}\)$/
    ],
    [
      'the signed payload is not simple signing',
      () => {
        const p = Buffer.from(JSON.stringify({ critical: { image: { 'docker-manifest-digest': DIGEST } } }))
        return { payload: p, sig: keys.p256.sign(p) }
      },
      /^malformed: the signed payload's type/
    ]
  ])('refused when %s', (_name, make, reason) => {
    const { payload, sig } = make(simpleSigningPayload(DIGEST))
    const r = checkSimpleSigning(payload, sig.toString('base64'), trusted(keys.p256), DIGEST)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.reason).toMatch(reason)
  })

  test('an annotation that is not base64 is malformed, not a crash', () => {
    const r = checkSimpleSigning(simpleSigningPayload(DIGEST), 'not base64!', trusted(keys.p256), DIGEST)
    expect(!r.ok && r.reason).toMatch(/^malformed: .* not base64/)
  })
})

describe('Sigstore bundle (DSSE, in-toto)', () => {
  test.each(KINDS)('a %s-signed statement about the digest is accepted', kind => {
    const bundle = sigstoreBundle({ statement: inTotoStatement(DIGEST), key: keys[kind] })
    expect(checkBundle(bundle, trusted(keys[kind]), DIGEST).ok).toBe(true)
  })

  test('the signature is over the PAE, not the bare payload', () => {
    const statement = inTotoStatement(DIGEST)
    const bare = JSON.parse(sigstoreBundle({ statement, key: keys.p256 }).toString()) as {
      dsseEnvelope: { signatures: { sig: string }[] }
    }
    bare.dsseEnvelope.signatures[0]!.sig = keys.p256.sign(statement).toString('base64')
    const r = checkBundle(Buffer.from(JSON.stringify(bare)), trusted(keys.p256), DIGEST)
    expect(!r.ok && r.reason).toMatch(/^key mismatch/)
  })

  test.each([
    [
      'another key signed it',
      () => sigstoreBundle({ statement: inTotoStatement(DIGEST), key: stranger }),
      /^key mismatch/
    ],
    [
      'the payload was altered after signing',
      () =>
        sigstoreBundle({
          statement: inTotoStatement(OTHER),
          key: keys.p256,
          tamper: () => inTotoStatement(DIGEST)
        }),
      /^key mismatch/
    ],
    [
      'the in-toto subject is another digest',
      () => sigstoreBundle({ statement: inTotoStatement(OTHER), key: keys.p256 }),
      /^digest mismatch \(the in-toto subject is "sha256:b{64}", not sha256:a{64}\)$/
    ],
    [
      'the predicate is not a cosign signature',
      () =>
        sigstoreBundle({
          statement: inTotoStatement(DIGEST, 'https://slsa.dev/provenance/v1'),
          key: keys.p256
        }),
      /^predicate mismatch/
    ],
    [
      'the payload type is not in-toto',
      () => sigstoreBundle({ statement: inTotoStatement(DIGEST), key: keys.p256, payloadType: 'text/plain' }),
      /^malformed: DSSE payload type/
    ],
    [
      'it is a message-signature bundle',
      () =>
        Buffer.from(
          JSON.stringify({
            mediaType: COSIGN.bundle,
            messageSignature: { messageDigest: { algorithm: 'SHA2_256', digest: '' }, signature: '' }
          })
        ),
      /^unsupported: message-signature/
    ],
    ['it is not JSON', () => Buffer.from('{'), /^malformed: the bundle is not a JSON object/],
    [
      'its media type is another version',
      () =>
        Buffer.from(JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1' })),
      /^malformed: bundle media type/
    ]
  ])('refused when %s', (_name, make, reason) => {
    const r = checkBundle(make(), trusted(keys.p256), DIGEST)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.reason).toMatch(reason)
  })

  test('an Ed25519 signature offered to an ECDSA key is a mismatch, not a throw', () => {
    const bundle = sigstoreBundle({ statement: inTotoStatement(DIGEST), key: keys.ed25519 })
    expect(checkBundle(bundle, trusted(keys.p256), DIGEST).ok).toBe(false)
  })
})
