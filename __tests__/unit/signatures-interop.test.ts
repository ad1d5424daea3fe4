/**
 * Real cosign output, verified through our verification path (checkCandidate): Sigstore's public
 * test data with the trusted roots it was made under (vendored under __tests__/fixtures/sigstore/,
 * each with its upstream LICENSE and a README saying where it came from). The certificates expired
 * minutes after signing: they are checked at the transparency log's integrated time, as cosign does.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SignaturePolicy } from '../../src/config/index.js'
import { checkCandidate, loadTrustedRoot, type CheckContext } from '../../src/signatures/index.js'
import { makeTestSigstore } from '../harness/index.js'

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'sigstore')
const read = (p: string) => readFileSync(join(FIXTURES, p))

function ctx(over: Partial<SignaturePolicy>): CheckContext {
  const policy: SignaturePolicy = {
    mode: 'enforce',
    keys: [],
    keyless: [],
    trustedRoot: { file: join(FIXTURES, 'cosign', 'trusted_root_pgi.json') },
    transparencyLog: 'required',
    ...over
  }
  return { policy, keys: [], root: () => loadTrustedRoot(policy.trustedRoot, {}), now: () => new Date() }
}

describe('cosign (pkg/cosign/testdata): a keyless image attestation bundle from the public-good instance', () => {
  // cosign attest, 2025-02-28: Fulcio certificate for cody@soyland.com (GitHub login), Rekor dsse
  // entry with inclusion proof and promise; the in-toto subject is the image digest below.
  const DIGEST = 'sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4'
  const bundle = () => ({
    where: 'bundle',
    kind: 'bundle' as const,
    bundle: read('cosign/oci-attestation.sigstore.json')
  })
  const identity = { issuer: 'https://github.com/login/oauth', subject: '^cody@soyland\\.com$' }

  test('certificate chain, SCT, log inclusion proof and promise, identity all verify; the payload is an attestation, not a signature', async () => {
    const r = await checkCandidate(bundle(), ctx({ keyless: [identity] }), DIGEST)
    // Every check before the payload's passed: what is refused is the predicate (cosign attest
    // writes an attestation predicate; an image signature's is https://sigstore.dev/cosign/sign/v1).
    expect(r).toEqual({
      ok: false,
      reason:
        'predicate mismatch ("https://cosign.sigstore.dev/attestation/v1", expected https://sigstore.dev/cosign/sign/v1)'
    })
  })

  test('another identity: refused as an identity mismatch naming the real certificate', async () => {
    const r = await checkCandidate(
      bundle(),
      ctx({ keyless: [{ ...identity, subject: '^someone@else$' }] }),
      DIGEST
    )
    expect(!r.ok && r.reason).toBe(
      'identity mismatch (certificate for "cody@soyland.com" from "https://github.com/login/oauth"; the policy accepts "^someone@else$" from "https://github.com/login/oauth")'
    )
  })

  test('one flipped bit in the signature: refused before the payload is looked at', async () => {
    const j = JSON.parse(read('cosign/oci-attestation.sigstore.json').toString()) as {
      dsseEnvelope: { signatures: { sig: string }[] }
    }
    const sig = Buffer.from(j.dsseEnvelope.signatures[0]!.sig, 'base64')
    sig[sig.length - 1]! ^= 1
    j.dsseEnvelope.signatures[0]!.sig = sig.toString('base64')
    const r = await checkCandidate(
      { where: 'bundle', kind: 'bundle', bundle: Buffer.from(JSON.stringify(j)) },
      ctx({ keyless: [identity] }),
      DIGEST
    )
    // The log entry binds the original signature: the body check is the first to notice.
    expect(!r.ok && r.reason).toBe('invalid transparency-log proof (tlog entry signature mismatch)')
  })

  test('under a trusted root that is not public-good: untrusted certificate', async () => {
    const ts = await makeTestSigstore()
    const c = ctx({ keyless: [identity] })
    const { TrustedRoot } = await import('@sigstore/protobuf-specs')
    c.root = async () => TrustedRoot.fromJSON(ts.trustedRoot)
    const r = await checkCandidate(bundle(), c, DIGEST)
    expect(!r.ok && r.reason).toMatch(/^untrusted certificate \(/)
  })
})

describe('sigstore-rs (src/cosign/signature_layers.rs): a legacy keyless .sig layer from 2021', () => {
  const fx = JSON.parse(read('sigstore-rs/legacy-keyless-sig.json').toString()) as {
    digest: string
    payload: string
    signature: string
    annotations: Record<string, string>
  }
  test('is refused, with the reason named: 2021 Fulcio certificates carry no SCT, and the log entry is the old rekord kind', async () => {
    const c = {
      where: 'legacy',
      kind: 'legacy' as const,
      payload: Buffer.from(fx.payload),
      signature: fx.signature,
      annotations: fx.annotations
    }
    const r = await checkCandidate(
      c,
      ctx({ keyless: [{ issuer: 'https://github.com/login/oauth', subject: '.*' }] }),
      fx.digest
    )
    // cosign 2+ refuses it the same way unless told --insecure-ignore-sct.
    expect(r).toEqual({ ok: false, reason: 'untrusted certificate (expected 1 SCTs, got 0)' })
  })
})
