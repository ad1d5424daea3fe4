/**
 * Keyless signing (`signatures.sign.keyless`) against loopback stand-ins for the Actions OIDC token
 * endpoint, Fulcio and Rekor (harness/sigstore.ts) and real registries. openssl checks the
 * certificate chain to the test CA, the signatures under the certificate's key, and Rekor's signed
 * entry timestamp under the test log key.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RegistryClient } from '../../src/registry/index.js'
import { sync } from '../../src/sync/index.js'
import {
  buildImage,
  KEYLESS_IDENTITY,
  pushImage,
  run,
  startRegistry,
  startSigstoreStandIns,
  type SigstoreStandIns,
  type StartedRegistry
} from '../harness/index.js'
import { bundleReferrers, legacyLayers, opensslVerifies } from './sign-helpers.js'
import { clientFor, config, isWrite } from './sync-helpers.js'

jest.setTimeout(180_000)

describe('keyless signing with the job OIDC token, Fulcio and Rekor (stand-ins)', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  let s: SigstoreStandIns
  const dir = mkdtempSync(join(tmpdir(), 'sync-sign-keyless-'))
  let digest = ''

  beforeAll(async () => {
    ;[src, dst, s] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' }),
      startSigstoreStandIns()
    ])
    ;({ client, done } = await clientFor([src, dst]))
    digest = await pushImage(src, 'app/kl', '1', buildImage({ seed: 'keyless-app' }))
  })
  afterAll(async () => {
    await done?.()
    await Promise.all([src?.stop(), dst?.stop(), s?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  const yaml = () => `version: 1
defaults:
  signatures:
    sign: { keyless: true, format: both, fulcio-url: "${s.fulcioUrl}", rekor-url: "${s.rekorUrl}" }
images:
  ${src.host}/app/kl:1: ${dst.host}/m/kl:1
`
  const signing = () => ({ env: () => undefined, oidc: s.oidc })

  /** The certificate chains to the test CA (openssl verify); its public key goes to a PEM file. */
  async function checkCertificate(pem: string, name: string): Promise<string> {
    const certFile = join(dir, `${name}.pem`)
    writeFileSync(certFile, pem)
    const chain = await run('openssl', ['verify', '-CAfile', s.caFile, certFile])
    expect(chain.stdout).toContain(': OK')
    expect(new X509Certificate(pem).subjectAltName).toBe(`URI:${KEYLESS_IDENTITY}`)
    const pubFile = join(dir, `${name}.pub`)
    writeFileSync(pubFile, new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'pem' }))
    return pubFile
  }

  test('a bundle with a Fulcio certificate and a Rekor entry, and a .sig with cosign annotations; openssl agrees', async () => {
    const r = await sync(config(yaml(), dir), { client, signing: signing() })
    expect(r.images.map(i => [i.status, i.error, i.signatures?.map(x => x.format)])).toEqual([
      ['copied', undefined, ['bundle', 'legacy']]
    ])

    const [b] = (await bundleReferrers(dst, 'm/kl', digest))!
    const vm = b!.bundle.verificationMaterial
    const certPem = new X509Certificate(Buffer.from(vm.certificate!.rawBytes, 'base64')).toString()
    const pub = await checkCertificate(certPem, 'bundle-cert')
    expect(await opensslVerifies(dir, pub, b!.pae, b!.signature)).toBe(true)
    expect(b!.statement).toMatchObject({ subject: [{ digest: { sha256: digest.slice(7) } }] })
    // Rekor's promise: the log key signed {body, integratedTime, logID, logIndex} of this entry.
    const e = vm.tlogEntries[0]!
    const set = {
      body: e.canonicalizedBody,
      integratedTime: Number(e.integratedTime),
      logID: Buffer.from(e.logId.keyId, 'base64').toString('hex'),
      // Protobuf JSON leaves out zero values: the log's first entry has no logIndex.
      logIndex: Number(e.logIndex ?? 0)
    }
    const setSig = Buffer.from(e.inclusionPromise!.signedEntryTimestamp, 'base64')
    expect(await opensslVerifies(dir, s.logKeyFile, Buffer.from(JSON.stringify(set)), setSig)).toBe(true)
    expect(JSON.parse(Buffer.from(e.canonicalizedBody, 'base64').toString())).toMatchObject({ kind: 'dsse' })

    const [l] = (await legacyLayers(dst, 'm/kl', digest))!
    const lpub = await checkCertificate(l!.annotations['dev.sigstore.cosign/certificate']!, 'legacy-cert')
    expect(await opensslVerifies(dir, lpub, l!.payload, l!.signature)).toBe(true)
    const rekor = JSON.parse(l!.annotations['dev.sigstore.cosign/bundle']!) as {
      SignedEntryTimestamp: string
      Payload: { body: string; integratedTime: number; logID: string; logIndex: number }
    }
    const p = rekor.Payload
    const canonical = { body: p.body, integratedTime: p.integratedTime, logID: p.logID, logIndex: p.logIndex }
    expect(
      await opensslVerifies(
        dir,
        s.logKeyFile,
        Buffer.from(JSON.stringify(canonical)),
        Buffer.from(rekor.SignedEntryTimestamp, 'base64')
      )
    ).toBe(true)
    expect(JSON.parse(Buffer.from(p.body, 'base64').toString())).toMatchObject({ kind: 'hashedrekord' })
  })

  test('a rerun writes nothing: one certificate to learn who we are, no Rekor entry', async () => {
    await dst.clearAccessLog()
    const before = { ...s.requests }
    const r = await sync(config(yaml(), dir), { client, signing: signing() })
    expect(r.images.map(i => [i.status, i.signatures])).toEqual([['skipped', undefined]])
    expect((await dst.accessLog()).filter(isWrite)).toEqual([])
    expect([s.requests.fulcio - before.fulcio, s.requests.rekor - before.rekor]).toEqual([1, 0])
  })

  test('without the OIDC token request (no id-token: write) the run stops before writing, saying what is missing', async () => {
    await dst.clearAccessLog()
    const y = yaml().replace('/m/kl:1', '/m/kl2:1')
    await expect(sync(config(y, dir), { client, signing: { env: () => undefined } })).rejects.toThrow(
      /mirror\.yaml:4:5: keyless signing needs the job's OIDC token.*id-token: write/
    )
    expect((await dst.accessLog()).filter(isWrite)).toEqual([])
  })

  test('a refused token request fails the image with a message that holds no token', async () => {
    const y = yaml().replace('/m/kl:1', '/m/kl3:1')
    const r = await sync(config(y, dir), {
      client,
      signing: { env: () => undefined, oidc: { url: s.oidc.url, token: 'not-the-token' } }
    })
    expect(r.images.map(i => i.status)).toEqual(['failed'])
    expect(r.images[0]!.error).toMatch(
      /^copied, but signing it failed: keyless signing .*OIDC token request: HTTP 401/
    )
    expect(r.images[0]!.error).not.toContain('not-the-token')
  })

  // One retry policy: the registry client's, around each signing step; @sigstore/sign's own is off.
  const ATTEMPTS = 3
  const retrying = async () =>
    await clientFor([src, dst], { retry: { attempts: ATTEMPTS, baseDelayMs: 1, maxDelayMs: 2 } })

  test('Fulcio and Rekor answering 503 once each: retried by our policy, the image is signed', async () => {
    const { client: c, done: close } = await retrying()
    const y = yaml().replace('/m/kl:1', '/m/kl4:1').replace('format: both', 'format: bundle')
    const before = { ...s.requests }
    s.failNext.fulcio.push(503)
    s.failNext.rekor.push(503)
    const r = await sync(config(y, dir), { client: c, signing: signing() })
    expect(r.images.map(i => [i.status, i.error, i.signatures?.map(x => x.format)])).toEqual([
      ['copied', undefined, ['bundle']]
    ])
    // Fulcio 503; Fulcio, Rekor 503; Fulcio, Rekor: each failure costs one step, no hidden retries.
    expect([s.requests.fulcio - before.fulcio, s.requests.rekor - before.rekor]).toEqual([3, 2])
    await close()
  })

  test.each([
    [503, ATTEMPTS],
    [400, 1]
  ])('Fulcio answering %i every time: %i request(s) in all, the image fails', async (status, want) => {
    const { client: c, done: close } = await retrying()
    const y = yaml().replace('/m/kl:1', `/m/kl-${status}:1`).replace('format: both', 'format: bundle')
    const before = s.requests.fulcio
    s.failNext.fulcio.push(...Array<number>(10).fill(status))
    const r = await sync(config(y, dir), { client: c, signing: signing() })
    s.failNext.fulcio.length = 0
    expect(r.images.map(i => i.status)).toEqual(['failed'])
    expect(r.images[0]!.error).toMatch(
      new RegExp(`signing it failed: keyless signing .*\\(${status}\\) stand-in fault`)
    )
    expect(s.requests.fulcio - before).toBe(want)
    await close()
  })
})
