/**
 * Keyless and transparency-log checks over bytes (no registry), against a private trusted root the
 * harness makes: its own CA standing in for Fulcio, its own log key standing in for Rekor.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createPublicKey } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SignaturePolicy } from '../../src/config/index.js'
import { checkCandidate, loadTrustedRoot, type CheckContext } from '../../src/signatures/index.js'
import {
  generateTestKey,
  inTotoStatement,
  keylessBundle,
  keylessLegacy,
  makeTestSigstore,
  simpleSigningPayload,
  type KeylessSigner,
  type TestSigstore
} from '../harness/index.js'

const DIGEST = `sha256:${'a'.repeat(64)}`
const OTHER = `sha256:${'b'.repeat(64)}`
const ISSUER = 'https://token.actions.example'
const SUBJECT = 'https://github.example/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3'
const dir = mkdtempSync(join(tmpdir(), 'keyless-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let ts: TestSigstore
let stranger: TestSigstore
let signer: KeylessSigner
let otherIdentity: KeylessSigner
let untrusted: KeylessSigner
const key = generateTestKey('p256')
const keyFile = join(dir, 'key.pub')
const rootFile = join(dir, 'trusted_root.json')

beforeAll(async () => {
  ;[ts, stranger] = await Promise.all([makeTestSigstore(), makeTestSigstore({ name: 'stranger-ca' })])
  writeFileSync(rootFile, JSON.stringify(ts.trustedRoot))
  writeFileSync(keyFile, key.publicPem)
  ;[signer, otherIdentity, untrusted] = await Promise.all([
    ts.issue({ issuer: ISSUER, subject: SUBJECT }),
    ts.issue({
      issuer: ISSUER,
      subject: 'https://github.example/evil/app/.github/workflows/x.yml@refs/heads/main'
    }),
    stranger.issue({ issuer: ISSUER, subject: SUBJECT })
  ])
}, 60_000)

function ctx(over: Partial<SignaturePolicy> = {}): CheckContext {
  const policy: SignaturePolicy = {
    mode: 'enforce',
    keys: [],
    keyless: [
      {
        issuer: ISSUER,
        subject: '^https://github\\.example/acme/app/\\.github/workflows/release\\.yml@refs/tags/v'
      }
    ],
    trustedRoot: { file: rootFile },
    transparencyLog: 'required',
    ...over
  }
  return {
    policy,
    keys: policy.keys.map(file => ({ file, key: createPublicKey(key.publicPem) })),
    root: () => loadTrustedRoot(policy.trustedRoot, {}),
    now: () => new Date()
  }
}
const bundle = (b: Buffer) => ({ where: 'bundle', kind: 'bundle' as const, bundle: b })
const legacy = (l: { payload: Buffer; signature: string; annotations: Record<string, string> }) => ({
  where: 'legacy',
  kind: 'legacy' as const,
  ...l
})
const statement = () => inTotoStatement(DIGEST)
const payload = () => simpleSigningPayload(DIGEST)
const keyed = { publicPem: key.publicPem, sign: (d: Buffer) => key.sign(d) }

describe('keyless (certificate) signatures', () => {
  test.each([
    ['bundle', () => bundle(keylessBundle(ts, statement(), signer))],
    ['legacy .sig', () => legacy(keylessLegacy(ts, payload(), signer))]
  ])('a %s from the trusted CA, the right identity and a log entry is accepted', async (_n, make) => {
    const r = await checkCandidate(make(), ctx(), DIGEST)
    expect(r).toEqual({
      ok: true,
      by: `certificate ${JSON.stringify(SUBJECT)} from ${JSON.stringify(ISSUER)}, transparency log`
    })
  })

  test.each<
    [string, () => ReturnType<typeof bundle> | ReturnType<typeof legacy>, Partial<SignaturePolicy>, RegExp]
  >([
    [
      'another subject signed the bundle',
      () => bundle(keylessBundle(ts, statement(), otherIdentity)),
      {},
      /^identity mismatch \(certificate for "https:\/\/github\.example\/evil\/app/
    ],
    [
      'another subject signed the legacy signature',
      () => legacy(keylessLegacy(ts, payload(), otherIdentity)),
      {},
      /^identity mismatch/
    ],
    [
      'the issuer differs',
      () => bundle(keylessBundle(ts, statement(), signer)),
      { keyless: [{ issuer: 'https://accounts.example', subject: '.*' }] },
      /^identity mismatch \(certificate for .* from "https:\/\/token\.actions\.example"; the policy accepts ".\*" from "https:\/\/accounts\.example"\)$/
    ],
    [
      'the certificate comes from another CA (bundle)',
      () => bundle(keylessBundle(stranger, statement(), untrusted)),
      {},
      /^untrusted certificate \(/
    ],
    [
      'the certificate comes from another CA (legacy)',
      () => legacy(keylessLegacy(stranger, payload(), untrusted)),
      {},
      /^untrusted certificate \(/
    ],
    [
      'the bundle has no log entry',
      () => bundle(keylessBundle(ts, statement(), signer, { tlog: false })),
      {},
      /^missing transparency-log proof/
    ],
    [
      'the legacy signature has no Rekor bundle annotation',
      () => legacy(keylessLegacy(ts, payload(), signer, { tlog: false })),
      {},
      /^missing transparency-log proof/
    ],
    [
      'the signed entry timestamp is forged',
      () => bundle(keylessBundle(ts, statement(), signer, { tamperSet: true })),
      {},
      /^invalid transparency-log proof \(inclusion promise could not be verified\)$/
    ],
    [
      'the statement is about another digest',
      () => bundle(keylessBundle(ts, inTotoStatement(OTHER), signer)),
      {},
      /^digest mismatch \(the in-toto subject is "sha256:b{64}"/
    ],
    [
      'the legacy payload names another digest',
      () => legacy(keylessLegacy(ts, simpleSigningPayload(OTHER), signer)),
      {},
      /^digest mismatch \(the payload signs "sha256:b{64}"/
    ],
    [
      'the policy names no keyless identity',
      () => bundle(keylessBundle(ts, statement(), signer)),
      { keyless: [], keys: [keyFile] },
      /^keyless signature \(it carries a certificate\), but the policy names no keyless identity$/
    ]
  ])('refused when %s', async (_n, make, over, reason) => {
    const r = await checkCandidate(make(), ctx(over), DIGEST)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.reason).toMatch(reason)
  })

  test('transparency-log optional: a certificate without a log entry is checked at the current time and accepted', async () => {
    const r = await checkCandidate(
      bundle(keylessBundle(ts, statement(), signer, { tlog: false })),
      ctx({ transparencyLog: 'optional' }),
      DIGEST
    )
    expect(r).toEqual({
      ok: true,
      by: expect.stringMatching(/^certificate "https:\/\/github\.example\/acme/)
    })
    // …and outside the certificate's validity (a day) it is not.
    const later = {
      ...ctx({ transparencyLog: 'optional' }),
      now: () => new Date(Date.now() + 3 * 86_400_000)
    }
    const late = await checkCandidate(
      bundle(keylessBundle(ts, statement(), signer, { tlog: false })),
      later,
      DIGEST
    )
    expect(!late.ok && late.reason).toMatch(/^untrusted certificate \(certificate is not valid or expired/)
  })

  test('a present log entry is checked even when the log is optional', async () => {
    const r = await checkCandidate(
      bundle(keylessBundle(ts, statement(), signer, { tamperSet: true })),
      ctx({ transparencyLog: 'optional' }),
      DIGEST
    )
    expect(!r.ok && r.reason).toMatch(/^invalid transparency-log proof/)
  })
})

describe('keyed signatures with transparency-log: required', () => {
  const keyedCtx = (tlog: 'required' | 'optional') =>
    ctx({ keys: [keyFile], keyless: [], transparencyLog: tlog })

  test.each([
    ['bundle', () => bundle(keylessBundle(ts, statement(), keyed))],
    ['legacy .sig', () => legacy(keylessLegacy(ts, payload(), keyed))]
  ])('a keyed %s with a log entry under the trusted log key is accepted', async (_n, make) => {
    expect(await checkCandidate(make(), keyedCtx('required'), DIGEST)).toEqual({
      ok: true,
      by: 'key key.pub, transparency log'
    })
  })

  test.each([
    [
      'bundle',
      () => bundle(keylessBundle(ts, statement(), keyed, { tlog: false })),
      /^missing transparency-log proof \(the bundle has no transparency-log entry\)$/
    ],
    [
      'legacy .sig',
      () => legacy(keylessLegacy(ts, payload(), keyed, { tlog: false })),
      /^missing transparency-log proof \(no dev\.sigstore\.cosign\/bundle annotation\)$/
    ]
  ])(
    'a keyed %s without a log entry: refused under required, accepted under optional',
    async (_n, make, reason) => {
      const r = await checkCandidate(make(), keyedCtx('required'), DIGEST)
      expect(!r.ok && r.reason).toMatch(reason)
      expect(await checkCandidate(make(), keyedCtx('optional'), DIGEST)).toEqual({
        ok: true,
        by: 'key key.pub'
      })
    }
  )

  test('a log entry from a log the trusted root does not list is refused', async () => {
    const r = await checkCandidate(
      bundle(keylessBundle(stranger, statement(), keyed)),
      keyedCtx('required'),
      DIGEST
    )
    expect(!r.ok && r.reason).toMatch(/^invalid transparency-log proof/)
  })

  test('a log entry for another signature does not count for this one', async () => {
    const a = JSON.parse(keylessBundle(ts, statement(), keyed).toString())
    const b = JSON.parse(keylessBundle(ts, inTotoStatement(OTHER), keyed).toString())
    a.verificationMaterial.tlogEntries = b.verificationMaterial.tlogEntries
    const r = await checkCandidate(bundle(Buffer.from(JSON.stringify(a))), keyedCtx('required'), DIGEST)
    expect(!r.ok && r.reason).toMatch(/^invalid transparency-log proof \(tlog entry signature mismatch\)$/)
  })
})
