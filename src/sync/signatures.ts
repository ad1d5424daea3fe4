/**
 * Signature verification between plan and copy. The plan resolved the tag to a digest once; that
 * digest is verified here and is the one copyImage pins the source to, so a tag moved in between
 * cannot slip an unverified image in. Only images about to be written (or, in a dry run, that would
 * be) are checked: a skipped image writes nothing.
 */
import { createHash } from 'node:crypto'
import { RegistryError } from '../http/index.js'
import { registryKey } from '../oci/index.js'
import type { SignatureVerifier } from '../signatures/index.js'
import type { PlannedImage } from './plan.js'
import type { StateStore } from './state.js'

/** Why an image was not copied under `mode: enforce`; the report shows "unverified: …". */
export class UnverifiedError extends Error {
  constructor(reason: string, options?: ErrorOptions) {
    super(`unverified: ${reason}`, options)
    this.name = 'UnverifiedError'
  }
}

/**
 * Enforce: a failed check becomes the image's error (status failed, nothing written). Warn: the
 * image goes on, with a warning. A registry error while looking counts as a failed check.
 */
export async function checkSignatures(
  verifier: SignatureVerifier,
  p: PlannedImage,
  warn: (message: string) => void,
  cache?: { state: StateStore; now: Date }
): Promise<void> {
  const policy = p.entry.signatures
  if (!policy || p.error !== undefined || !p.decision || p.decision.action === 'skip' || !p.sourceDigest)
    return
  const { registry, repository } = p.sourceRef
  let reason: string
  let cause: unknown
  try {
    // A success cached in the state under the same policy (and platform selection): no requests.
    const image = `${registryKey(registry)}/${repository}@${p.sourceDigest}`
    const hash = cache
      ? createHash('sha256')
          .update(await verifier.policyDigest(policy))
          .update(JSON.stringify(p.entry.platforms))
          .digest('hex')
      : ''
    if (cache?.state.verdicts.get(image, hash, cache.now)) return
    const v = await verifier.verifyImage(registry, repository, p.sourceDigest, policy, p.entry.platforms)
    if (v.verified) {
      cache?.state.verdicts.record(image, hash, v.by, cache.now)
      return
    }
    reason = v.reason
  } catch (error) {
    // A 429 here is the source's: the rate-limit handling defers the image instead of failing it.
    if (error instanceof RegistryError && error.side === undefined) error.side = 'source'
    if (policy.mode === 'enforce' && error instanceof RegistryError && error.status === 429) {
      p.error = error
      return
    }
    reason = `could not look for signatures: ${error instanceof Error ? error.message : String(error)}`
    cause = error
  }
  if (policy.mode === 'enforce') p.error = new UnverifiedError(reason, { cause })
  else
    warn(`${p.source} → ${p.target}: copied without a verified signature (signatures mode warn): ${reason}`)
}
