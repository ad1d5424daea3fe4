/**
 * Signing what the mirror wrote: called after an image is in the target (subject first, signature
 * second: Harbor refuses a referrer whose subject is missing). Each format is looked for first; when
 * the target already holds a signature of ours for the digest, nothing is written (a rerun writes
 * no signatures). Two copies of one digest to one repository sign one after the other, so the second
 * finds the first's signature instead of adding a duplicate.
 */
import { Readable } from 'node:stream'
import type { SignPolicy } from '../config/index.js'
import type { Descriptor, Manifest } from '../oci/index.js'
import { formatRepository } from '../oci/index.js'
import type { RegistryClient } from '../registry/index.js'
import { bundleCandidates, legacyTag, MAX_CANDIDATES, MAX_SIGNATURE_BYTES, type Source } from './discover.js'
import { SIGNATURE_ANNOTATION, SIMPLE_SIGNING_MEDIA_TYPE } from './payloads.js'
import {
  bundleReferrer,
  legacySignatureImage,
  signStatement,
  simpleSigningPayload,
  type Artifact
} from './sign-build.js'
import type { Backend } from './sign-backend.js'

export interface SignatureWritten {
  format: 'bundle' | 'legacy'
  /** Where it went: `registry/repo@digest (referrer of …)` or `registry/repo:sha256-<hex>.sig`. */
  where: string
}

/** The target image to sign: its repository and the digest written there. */
export interface SignTarget {
  registry: string
  repository: string
  digest: string
}

export class MirrorSigner {
  private readonly chains = new Map<string, Promise<unknown>>()

  /** `backendFor` gives the signer of a policy (keys were opened when the run started). */
  constructor(
    private readonly client: RegistryClient,
    private readonly backendFor: (p: SignPolicy) => Backend
  ) {}

  /** Signs `t` under `policy` in each configured format; returns what was written (empty: all there). */
  sign(policy: SignPolicy, t: SignTarget): Promise<SignatureWritten[]> {
    const key = `${t.registry}/${t.repository}@${t.digest}`
    const prev = this.chains.get(key) ?? Promise.resolve()
    const run = prev.then(
      () => this.signNow(policy, t),
      () => this.signNow(policy, t)
    )
    const tail = run.catch(() => undefined)
    this.chains.set(key, tail)
    void tail.then(() => {
      if (this.chains.get(key) === tail) this.chains.delete(key)
    })
    return run
  }

  private async signNow(policy: SignPolicy, t: SignTarget): Promise<SignatureWritten[]> {
    const backend = this.backendFor(policy)
    const s: Source = { client: this.client, registry: t.registry, repository: t.repository }
    const reference = formatRepository(t.registry, t.repository)
    const out: SignatureWritten[] = []
    if (policy.format !== 'legacy' && !(await this.hasBundle(s, t.digest, backend))) {
      const subject = await this.subject(t)
      const bundle = await backend.bundle(signStatement(t.digest, reference))
      const a = bundleReferrer(bundle, subject)
      await this.push(t, a)
      out.push({ format: 'bundle', where: `${reference}@${a.manifest.digest} (referrer of ${t.digest})` })
    }
    if (policy.format !== 'bundle') {
      const tag = legacyTag(t.digest)
      const current = await this.current(t, tag)
      if (!(await this.hasLegacy(t, current, backend))) {
        const layer = await backend.legacy(simpleSigningPayload(t.digest, reference))
        await this.push(t, legacySignatureImage(layer, current), tag)
        out.push({ format: 'legacy', where: `${reference}:${tag}` })
      }
    }
    return out
  }

  private async hasBundle(s: Source, digest: string, b: Backend): Promise<boolean> {
    for await (const c of bundleCandidates(s, digest))
      if (c.kind === 'bundle' && (await b.ownsBundle(c.bundle, digest))) return true
    return false
  }

  /** A layer of the `.sig` manifest that is ours (read here, not by discover.ts: keyless needs the annotations). */
  private async hasLegacy(t: SignTarget, m: Manifest | undefined, b: Backend): Promise<boolean> {
    if (!m) return false
    let layers: unknown
    try {
      layers = (JSON.parse(m.bytes.toString('utf8')) as { layers?: unknown }).layers
    } catch {
      return false
    }
    if (!Array.isArray(layers)) return false
    const ours = (layers as Descriptor[]).filter(
      l =>
        l?.mediaType === SIMPLE_SIGNING_MEDIA_TYPE &&
        typeof l.annotations?.[SIGNATURE_ANNOTATION] === 'string' &&
        typeof l.size === 'number' &&
        l.size <= MAX_SIGNATURE_BYTES &&
        /^sha256:[0-9a-f]{64}$/.test(String(l.digest))
    )
    for (const l of ours.slice(-MAX_CANDIDATES)) {
      const payload = await this.readBlob(t, l)
      if (await b.ownsLegacy(payload, l.annotations![SIGNATURE_ANNOTATION]!, t.digest, l)) return true
    }
    return false
  }

  private async readBlob(t: SignTarget, d: Descriptor): Promise<Buffer> {
    const chunks: Buffer[] = []
    // The client's stream holds the registry to the descriptor's size and digest (at most 1 MiB here).
    for await (const c of await this.client.blobGet(t.registry, t.repository, d)) chunks.push(c as Buffer)
    return Buffer.concat(chunks)
  }

  /** The image as a referrer's `subject` names it (media type and size from a HEAD by digest). */
  private async subject(t: SignTarget): Promise<Descriptor> {
    const d = await this.client.manifestHead({
      registry: t.registry,
      repository: t.repository,
      digest: t.digest
    })
    if (!d || d.size === undefined || !d.mediaType)
      throw new Error(
        `${formatRepository(t.registry, t.repository)}@${t.digest} is not in the target; not signed`
      )
    return { mediaType: d.mediaType, digest: t.digest, size: d.size }
  }

  /** The `.sig` tag's manifest now (HEAD first: most images have none), so signatures there are kept. */
  private async current(t: SignTarget, tag: string): Promise<Manifest | undefined> {
    const ref = { registry: t.registry, repository: t.repository, tag }
    const head = await this.client.manifestHead(ref)
    if (!head) return undefined
    if (head.size !== undefined && head.size > MAX_SIGNATURE_BYTES)
      throw new Error(
        `${formatRepository(t.registry, t.repository)}:${tag} is over ${MAX_SIGNATURE_BYTES} bytes; not signed`
      )
    return this.client.manifestGet(ref)
  }

  /** Blobs (each only when missing), then the manifest: by digest, or under `tag`. */
  private async push(t: SignTarget, a: Artifact, tag?: string): Promise<void> {
    this.client.willPush(t.registry, t.repository)
    for (const b of a.blobs) {
      if ((await this.client.blobHead(t.registry, t.repository, b.descriptor.digest)) !== undefined) continue
      await this.client.blobUpload(t.registry, t.repository, b.descriptor, () =>
        Promise.resolve(Readable.from([b.data]))
      )
    }
    const ref = tag
      ? { registry: t.registry, repository: t.repository, tag }
      : { registry: t.registry, repository: t.repository, digest: a.manifest.digest }
    await this.client.manifestPut(ref, a.manifest)
  }
}
