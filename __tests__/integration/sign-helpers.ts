/**
 * Independent checks of what the mirror signed: manifests read with skopeo, blobs with plain HTTP,
 * signatures verified by openssl over the bytes the specifications say are signed (the
 * simple-signing payload; the DSSE pre-authentication encoding, computed by the harness from the
 * DSSE spec). Nothing here shares code with src/signatures.
 */
import { expect } from '@jest/globals'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { COSIGN, dssePae, regRequest, run, skopeo, type StartedRegistry } from '../harness/index.js'

export const sha = (b: string | Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`
const dashed = (digest: string) => digest.replace(':', '-')

/** The parts of a Sigstore bundle (v0.3 JSON) the tests read. */
export interface Bundle {
  mediaType: string
  verificationMaterial: {
    publicKey?: { hint?: string }
    certificate?: { rawBytes: string }
    tlogEntries: {
      logIndex?: string
      logId: { keyId: string }
      integratedTime: string
      inclusionPromise?: { signedEntryTimestamp: string }
      canonicalizedBody: string
    }[]
  }
  dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string }[] }
}

/** `skopeo inspect --raw`: the manifest's bytes and JSON, or undefined when there is none. */
export async function raw(
  reg: StartedRegistry,
  ref: string
): Promise<{ bytes: string; json: Record<string, unknown> } | undefined> {
  const r = await skopeo(['inspect', '--raw', `docker://${reg.host}/${ref}`], { reg })
  if (r.code !== 0) return undefined
  return { bytes: r.stdout, json: JSON.parse(r.stdout) as Record<string, unknown> }
}

export async function blob(reg: StartedRegistry, repo: string, digest: string): Promise<Buffer> {
  const res = await regRequest(reg, { method: 'GET', repo, path: `/v2/${repo}/blobs/${digest}` })
  const data = Buffer.from(await res.body.arrayBuffer())
  expect([res.statusCode, sha(data)]).toEqual([200, digest])
  return data
}

/** openssl's word on `sig` over `data` under the PEM public key in `pubFile` (Ed25519: pkeyutl -rawin). */
export async function opensslVerifies(
  dir: string,
  pubFile: string,
  data: Buffer,
  sig: Buffer,
  ed25519 = false
) {
  const id = sha(Buffer.concat([data, sig])).slice(7, 19)
  const d = join(dir, `data-${id}`)
  const s = join(dir, `sig-${id}`)
  writeFileSync(d, data)
  writeFileSync(s, sig)
  const r = ed25519
    ? await run('openssl', [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        pubFile,
        '-rawin',
        '-in',
        d,
        '-sigfile',
        s
      ])
    : await run('openssl', ['dgst', '-sha256', '-verify', pubFile, '-signature', s, d])
  return r.code === 0 && /Verified Successfully|Verified OK/.test(r.stdout)
}

/** The legacy `.sig` of `digest` in `repo`: each simple-signing layer's payload and signature. */
export async function legacyLayers(reg: StartedRegistry, repo: string, digest: string) {
  const m = await raw(reg, `${repo}:${dashed(digest)}.sig`)
  if (!m) return undefined
  const layers = m.json.layers as {
    mediaType: string
    digest: string
    annotations?: Record<string, string>
  }[]
  return Promise.all(
    layers.map(async l => {
      expect(l.mediaType).toBe(COSIGN.simpleSigning)
      const payload = await blob(reg, repo, l.digest)
      return {
        payload,
        json: JSON.parse(payload.toString()) as { critical?: unknown },
        signature: Buffer.from(l.annotations![COSIGN.signatureAnnotation]!, 'base64'),
        annotations: l.annotations!
      }
    })
  )
}

/**
 * The bundle referrers of `digest`, from the `sha256-<hex>` fallback index (registry 2.8 has no
 * referrers API): each referrer manifest, its bundle, and the DSSE envelope's PAE and signature.
 */
export async function bundleReferrers(reg: StartedRegistry, repo: string, digest: string) {
  const index = await raw(reg, `${repo}:${dashed(digest)}`)
  if (!index) return undefined
  const entries = (index.json.manifests as { digest: string; artifactType?: string }[]).filter(
    d => d.artifactType === COSIGN.bundle
  )
  return Promise.all(
    entries.map(async e => {
      const m = await raw(reg, `${repo}@${e.digest}`)
      expect(sha(m!.bytes)).toBe(e.digest)
      const layers = m!.json.layers as { mediaType: string; digest: string }[]
      expect(layers.map(l => l.mediaType)).toEqual([COSIGN.bundle])
      const bundle = JSON.parse((await blob(reg, repo, layers[0]!.digest)).toString()) as Bundle
      const env = bundle.dsseEnvelope as {
        payload: string
        payloadType: string
        signatures: { sig: string }[]
      }
      const statement = Buffer.from(env.payload, 'base64')
      return {
        manifest: m!.json,
        bundle,
        statement: JSON.parse(statement.toString()) as Record<string, unknown>,
        pae: dssePae(env.payloadType, statement),
        signature: Buffer.from(env.signatures[0]!.sig, 'base64')
      }
    })
  )
}
