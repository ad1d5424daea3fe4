/**
 * The signed (and badly signed) images of sync-signatures.test.ts, pushed to a real registry:
 * cosign-shaped signatures built from the specs by the harness, signed with keys generated here and,
 * for two images, by openssl (a signer that shares no code with the verifier).
 */
import { expect } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  buildImage,
  bundleReferrerImage,
  cosignSignatureImage,
  dssePae,
  generateTestKey,
  inTotoStatement,
  pushImage,
  run,
  sigstoreBundle,
  simpleSigningPayload,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'

export const sha = (b: string | Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`
const OTHER = `sha256:${'0'.repeat(64)}`

/** Each source repository `sig/<case>` and what the enforcing run must do with it. */
export const CASES: Record<string, { copied: true } | { copied: false; error: RegExp }> = {
  legacy: { copied: true },
  bundle: { copied: true },
  'openssl-legacy': { copied: true },
  'openssl-bundle': { copied: true },
  'wrong-key': { copied: false, error: /^unverified: tag sha256-[0-9a-f]{64}\.sig layer 1: key mismatch/ },
  'other-digest': {
    copied: false,
    error:
      /^unverified: tag sha256-[0-9a-f]{64}\.sig layer 1: digest mismatch \(the payload signs "sha256:0{64}"/
  },
  'subject-mismatch': {
    copied: false,
    error:
      /^unverified: bundle referrer sha256:[0-9a-f]{12}: digest mismatch \(the in-toto subject is "sha256:0{64}"/
  },
  tampered: { copied: false, error: /^unverified: bundle referrer sha256:[0-9a-f]{12}: key mismatch/ },
  unsigned: {
    copied: false,
    error:
      /^unverified: no signature found \(no bundle among the referrers of sha256:[0-9a-f]{64} or in tag sha256-[0-9a-f]{64}, no tag sha256-[0-9a-f]{64}\.sig\)$/
  },
  oversize: {
    copied: false,
    error:
      /^unverified: bundle referrer sha256:[0-9a-f]{12}: refused: declares 1048577 bytes, over the 1 MiB limit/
  }
}

/** Pushes every case's image as `sig/<case>:1` with its signature; keys go to `dir/keys/`. */
export async function pushSignatureCases(src: StartedRegistry, dir: string) {
  const digests: Record<string, string> = {}
  let oversizeBlob = ''
  /** openssl signs `data` with the key in `keyFile` (SHA-256, DER ECDSA for an EC key). */
  async function opensslSign(data: Buffer, keyFile: string): Promise<Buffer> {
    const inFile = join(dir, `in-${sha(data).slice(7, 19)}`)
    const outFile = `${inFile}.sig`
    writeFileSync(inFile, data)
    const r = await run('openssl', ['dgst', '-sha256', '-sign', keyFile, '-out', outFile, inFile])
    expect(r).toMatchObject({ code: 0 })
    return readFileSync(outFile)
  }

  async function pushSigned(
    name: string,
    image: BuiltImage,
    sign?: (subject: BuiltImage) => Promise<BuiltImage>
  ) {
    const digest = await pushImage(src, `sig/${name}`, '1', image)
    digests[name] = digest
    if (!sign) return
    const sig = await sign(image)
    const legacy = !JSON.parse(sig.manifest.bytes.toString()).subject
    await pushImage(src, `sig/${name}`, legacy ? `${digest.replace(':', '-')}.sig` : undefined, sig)
  }
  const subjectOf = (i: BuiltImage) => ({
    digest: i.manifest.digest,
    size: i.manifest.bytes.length,
    mediaType: i.manifest.mediaType
  })
  const legacySig = (payload: Buffer, signature: Buffer) =>
    cosignSignatureImage([{ payload, signature: signature.toString('base64') }])

  const p256 = generateTestKey('p256')
  const ed25519 = generateTestKey('ed25519')
  const stranger = generateTestKey('p256')
  mkdirSync(join(dir, 'keys'))
  writeFileSync(join(dir, 'keys', 'p256.pub'), p256.publicPem)
  writeFileSync(join(dir, 'keys', 'ed25519.pub'), ed25519.publicPem)
  const p256Key = join(dir, 'p256.key')
  writeFileSync(p256Key, p256.privatePem)

  const img = (name: string, platforms?: string[]) => buildImage({ seed: `sig-${name}`, platforms })
  // A multi-platform image: its index digest is what is signed and checked.
  await pushSigned('legacy', img('legacy', ['linux/amd64', 'linux/arm64']), async s => {
    const payload = simpleSigningPayload(s.manifest.digest)
    return legacySig(payload, p256.sign(payload))
  })
  await pushSigned('bundle', img('bundle'), async s =>
    bundleReferrerImage(
      subjectOf(s),
      sigstoreBundle({ statement: inTotoStatement(s.manifest.digest), key: ed25519 })
    )
  )
  await pushSigned('openssl-legacy', img('openssl-legacy'), async s => {
    const payload = simpleSigningPayload(s.manifest.digest)
    return legacySig(payload, await opensslSign(payload, p256Key))
  })
  await pushSigned('openssl-bundle', img('openssl-bundle'), async s => {
    const statement = inTotoStatement(s.manifest.digest)
    const type = 'application/vnd.in-toto+json'
    const sig = await opensslSign(dssePae(type, statement), p256Key)
    const bundle = {
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      verificationMaterial: { publicKey: { hint: '' } },
      dsseEnvelope: {
        payload: statement.toString('base64'),
        payloadType: type,
        signatures: [{ sig: sig.toString('base64') }]
      }
    }
    return bundleReferrerImage(subjectOf(s), Buffer.from(JSON.stringify(bundle)))
  })
  await pushSigned('wrong-key', img('wrong-key'), async s => {
    const payload = simpleSigningPayload(s.manifest.digest)
    return legacySig(payload, stranger.sign(payload))
  })
  await pushSigned('other-digest', img('other-digest'), async () => {
    const payload = simpleSigningPayload(OTHER)
    return legacySig(payload, p256.sign(payload))
  })
  await pushSigned('subject-mismatch', img('subject-mismatch'), async s =>
    bundleReferrerImage(subjectOf(s), sigstoreBundle({ statement: inTotoStatement(OTHER), key: ed25519 }))
  )
  await pushSigned('tampered', img('tampered'), async s =>
    bundleReferrerImage(
      subjectOf(s),
      sigstoreBundle({
        statement: inTotoStatement(OTHER),
        key: ed25519,
        tamper: () => inTotoStatement(s.manifest.digest)
      })
    )
  )
  await pushSigned('unsigned', img('unsigned'))
  await pushSigned('oversize', img('oversize'), async s => {
    // A valid bundle padded past the limit: refused for its declared size, never downloaded.
    const bundle = sigstoreBundle({ statement: inTotoStatement(s.manifest.digest), key: ed25519 })
    const padded = Buffer.concat([bundle, Buffer.alloc(1024 * 1024 + 1 - bundle.length, ' ')])
    oversizeBlob = sha(padded)
    return bundleReferrerImage(subjectOf(s), padded)
  })
  return { digests, p256, oversizeBlob, pushSigned, legacySig }
}
