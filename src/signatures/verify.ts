/**
 * Is this digest signed under the policy? One verifier per run: keys are loaded once, and an image
 * mirrored to several targets is looked up once (same repository, digest and policy).
 */
import { basename } from 'node:path'
import type { SignaturePolicy } from '../config/index.js'
import type { RegistryClient } from '../registry/index.js'
import { fallbackTag } from '../registry/index.js'
import { bundleCandidates, legacyCandidates, legacyTag, type Candidate, type Source } from './discover.js'
import { loadKeys, type TrustedKey } from './keys.js'
import { checkBundle, checkSimpleSigning, type Check } from './payloads.js'

export type Verdict =
  | { verified: true; by: string }
  /** `reason` names the check that failed: where nothing was found, or each candidate's failure. */
  | { verified: false; reason: string }

/** Per-candidate reasons kept in a verdict: enough to diagnose, bounded for the report. */
const MAX_REASONS = 4

export class SignatureVerifier {
  private readonly keys = new Map<string, Promise<TrustedKey[]>>()
  private readonly verdicts = new Map<string, Promise<Verdict>>()

  constructor(private readonly client: RegistryClient) {}

  /**
   * Verifies `digest` (never a tag: the caller copies exactly this digest afterwards, so what was
   * checked is what lands). Registry errors reject; a missing or bad signature is a verdict.
   */
  verify(registry: string, repository: string, digest: string, policy: SignaturePolicy): Promise<Verdict> {
    const key = JSON.stringify([registry, repository, digest, policy.keys])
    let p = this.verdicts.get(key)
    if (!p) {
      p = this.run({ client: this.client, registry, repository }, digest, policy)
      this.verdicts.set(key, p)
      p.catch(() => this.verdicts.delete(key))
    }
    return p
  }

  private async run(s: Source, digest: string, policy: SignaturePolicy): Promise<Verdict> {
    const keys = await this.keysOf(policy.keys)
    const failures: string[] = []
    let found = 0
    for (const source of [bundleCandidates(s, digest), legacyCandidates(s, digest)]) {
      for await (const c of source) {
        found++
        const check = checkCandidate(c, keys, digest)
        // Leaving the loop stops the generator: the remaining candidates are never downloaded.
        if (check.ok) return { verified: true, by: `${c.where}, key ${basename(check.key.file)}` }
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

  private keysOf(files: string[]): Promise<TrustedKey[]> {
    const k = files.join('\n')
    let p = this.keys.get(k)
    if (!p) {
      p = loadKeys(files)
      this.keys.set(k, p)
    }
    return p
  }
}

function checkCandidate(c: Candidate, keys: TrustedKey[], digest: string): Check {
  if (c.kind === 'refused') return { ok: false, reason: c.reason }
  if (c.kind === 'legacy') return checkSimpleSigning(c.payload, c.signature, keys, digest)
  return checkBundle(c.bundle, keys, digest)
}
