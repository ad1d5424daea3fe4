/**
 * Is this digest signed under the policy? One verifier per run: keys and trusted roots are loaded
 * once, and an image mirrored to several targets is looked up once (same repository, digest and
 * policy).
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import type { SignaturePolicy, TrustedRootSetting } from '../config/index.js'
import type { Descriptor } from '../oci/index.js'
import { isIndex, selectEntries } from '../oci/index.js'
import type { RegistryClient } from '../registry/index.js'
import { fallbackTag } from '../registry/index.js'
import { checkCandidate, type Context } from './check.js'
import { bundleCandidates, legacyCandidates, legacyTag, type Source } from './discover.js'
import { loadKeys, type TrustedKey } from './keys.js'
import { loadTrustedRoot, type TrustOptions } from './trust.js'

export type Verdict =
  | { verified: true; by: string }
  /** `reason` names the check that failed: where nothing was found, or each candidate's failure. */
  | { verified: false; reason: string }

/** Per-candidate reasons kept in a verdict: enough to diagnose, bounded for the report. */
const MAX_REASONS = 4
/** Platforms checked one by one when the index itself is not signed. */
const MAX_PLATFORMS = 64

export interface VerifierOptions extends TrustOptions {
  /** The time certificates are checked at when no signed time exists (tests pin it). */
  now?: () => Date
}

export class SignatureVerifier {
  private readonly keys = new Map<string, Promise<TrustedKey[]>>()
  private readonly roots = new Map<string, Promise<TrustedRoot>>()
  private readonly verdicts = new Map<string, Promise<Verdict>>()
  private readonly digests = new Map<string, Promise<string>>()

  constructor(
    private readonly client: RegistryClient,
    private readonly opts: VerifierOptions = {}
  ) {}

  /**
   * Verifies `digest` (never a tag: the caller copies exactly this digest afterwards, so what was
   * checked is what lands). Registry errors reject; a missing or bad signature is a verdict.
   */
  verify(registry: string, repository: string, digest: string, policy: SignaturePolicy): Promise<Verdict> {
    const key = JSON.stringify([registry, repository, digest, policyKey(policy)])
    let p = this.verdicts.get(key)
    if (!p) {
      p = this.run({ client: this.client, registry, repository }, digest, policy)
      this.verdicts.set(key, p)
      p.catch(() => this.verdicts.delete(key))
    }
    return p
  }

  /**
   * A multi-platform image is accepted when its index is signed, or else when every platform that
   * will be copied (`platforms` as the entry selects them) is signed on its own.
   */
  async verifyImage(
    registry: string,
    repository: string,
    digest: string,
    policy: SignaturePolicy,
    platforms: SignaturePlatforms
  ): Promise<Verdict> {
    const top = await this.verify(registry, repository, digest, policy)
    if (top.verified) return top
    const m = await this.client.manifestGet({ registry, repository, digest })
    if (!isIndex(m.mediaType)) return top
    let entries: Descriptor[]
    try {
      const j = JSON.parse(m.bytes.toString('utf8')) as { manifests?: unknown }
      entries = Array.isArray(j.manifests) ? (j.manifests as Descriptor[]) : []
      entries = selectEntries(entries, platforms, false).images
    } catch {
      return top
    }
    if (entries.length === 0 || entries.length > MAX_PLATFORMS) return top
    const unsigned: string[] = []
    for (const d of entries) {
      const v = await this.verify(registry, repository, d.digest, policy)
      if (!v.verified) unsigned.push(`${platformName(d)} ${d.digest.slice(0, 19)}: ${v.reason}`)
    }
    if (unsigned.length === 0)
      return { verified: true, by: `every platform copied is signed (${entries.length}; the index is not)` }
    return {
      verified: false,
      reason: `${top.reason}; and not every platform is signed: ${unsigned.slice(0, 2).join('; ')}${unsigned.length > 2 ? `; and ${unsigned.length - 2} more` : ''}`
    }
  }

  private async run(s: Source, digest: string, policy: SignaturePolicy): Promise<Verdict> {
    const ctx: Context = {
      policy,
      keys: await this.keysOf(policy.keys),
      root: () => this.rootOf(policy.trustedRoot),
      now: this.opts.now ?? (() => new Date())
    }
    const failures: string[] = []
    let found = 0
    for (const source of [bundleCandidates(s, digest), legacyCandidates(s, digest)]) {
      for await (const c of source) {
        found++
        const check = await checkCandidate(c, ctx, digest)
        // Leaving the loop stops the generator: the remaining candidates are never downloaded.
        if (check.ok) return { verified: true, by: `${c.where}, ${check.by}` }
        failures.push(`${c.where}: ${check.reason}`)
      }
    }
    if (found === 0)
      return {
        verified: false,
        reason: `no signature found (no bundle among the referrers of ${digest} or in tag ${fallbackTag(digest)}, no tag ${legacyTag(digest)})`
      }
    const more = failures.length > MAX_REASONS ? `; and ${failures.length - MAX_REASONS} more` : ''
    return { verified: false, reason: failures.slice(0, MAX_REASONS).join('; ') + more }
  }

  /**
   * A hash of what decides a verdict under `policy`, by content: the key files' bytes, the
   * identities, the trusted root file's bytes (or "auto"), the log setting. A rotated key or root
   * under the same file name is another policy; verdicts cached under the old one do not apply.
   */
  policyDigest(policy: SignaturePolicy): Promise<string> {
    const k = policyKey(policy)
    let p = this.digests.get(k)
    if (!p) {
      p = (async () => {
        const h = createHash('sha256')
        const part = (b: string | Buffer) => h.update(`${Buffer.byteLength(b)}:`).update(b)
        for (const f of policy.keys) part(await readFile(f))
        part(JSON.stringify(policy.keyless))
        part(policy.trustedRoot === 'auto' ? 'auto' : await readFile(policy.trustedRoot.file))
        part(policy.transparencyLog)
        return h.digest('hex')
      })()
      this.digests.set(k, p)
      p.catch(() => this.digests.delete(k))
    }
    return p
  }

  private keysOf(files: string[]): Promise<TrustedKey[]> {
    const k = files.join('\n')
    let p = this.keys.get(k)
    if (!p) {
      p = loadKeys(files)
      this.keys.set(k, p)
    }
    return p
  }

  private rootOf(setting: TrustedRootSetting): Promise<TrustedRoot> {
    const k = setting === 'auto' ? 'auto' : setting.file
    let p = this.roots.get(k)
    if (!p) {
      p = loadTrustedRoot(setting, this.opts)
      this.roots.set(k, p)
      p.catch(() => this.roots.delete(k))
    }
    return p
  }
}

export type SignaturePlatforms = Parameters<typeof selectEntries>[1]

/** What decides a verdict: equal policies share verdicts (and, in the state file, cached ones). */
export function policyKey(p: SignaturePolicy): string {
  return JSON.stringify([p.keys, p.keyless, p.trustedRoot, p.transparencyLog])
}

function platformName(d: Descriptor): string {
  const p = d.platform
  return p ? [p.os, p.architecture, p.variant].filter(Boolean).join('/') : 'unknown platform'
}
