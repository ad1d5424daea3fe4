/**
 * Signing the target after an image is written (copied) or found already there (skipped, when the
 * target was looked at): the subject is in place before its signature is pushed, and a target that
 * already holds our signature for the digest gets no write. A signing failure fails the image: the
 * mirror promised a signature.
 */
import { formatRepository } from '../oci/index.js'
import type { MirrorSigner } from '../signatures/index.js'
import type { PlannedImage } from './plan.js'
import { errorMessage, type ImageReport } from './report.js'

export async function signWritten(
  signer: MirrorSigner,
  p: PlannedImage,
  r: ImageReport,
  warn: (message: string) => void
): Promise<ImageReport> {
  const policy = p.entry.sign
  const t = p.targetRef
  if (!policy || !r.digest || (r.status !== 'copied' && r.status !== 'skipped')) return r
  // The digest cache answered without looking at the target: it records an image only once it was
  // signed (sync.ts), so there is nothing to look for until the cache entry ages out (max-age).
  if (r.status === 'skipped' && r.cached) return r
  if (t.transport !== 'docker') {
    // cosign's formats live in a registry; a layout or archive target has nowhere to put them.
    if (r.status === 'copied')
      warn(`${p.source} → ${p.target}: not signed: signatures.sign needs a registry target`)
    return r
  }
  try {
    const written = await signer.sign(policy, {
      registry: t.ref.registry,
      repository: t.ref.repository,
      digest: r.digest
    })
    if (written.length > 0) r.signatures = written
    return r
  } catch (error) {
    const what = r.status === 'copied' ? 'copied, but signing it failed' : 'signing it failed'
    return { ...r, status: 'failed', error: `${what}: ${errorMessage(error)}` }
  }
}

/**
 * What a real run would sign for an image a dry run plans to write: one signature per format, in the
 * target repository. The digest is the one the copy writes, known only then, so `where` names the
 * repository and the kind of reference, not the digest. A skipped image is left out: a real run
 * signs it only when its signature is missing, which a dry run does not look for.
 */
export function plannedSignatures(p: PlannedImage): ImageReport['plannedSignatures'] {
  const policy = p.entry.sign
  const t = p.targetRef
  if (!policy || t.transport !== 'docker') return undefined
  const reference = formatRepository(t.ref.registry, t.ref.repository)
  const formats: ('bundle' | 'legacy')[] = policy.format === 'both' ? ['bundle', 'legacy'] : [policy.format]
  const by = policy.keyless ? 'keyless' : 'key'
  return formats.map(format => ({
    format,
    by,
    where:
      format === 'bundle'
        ? `${reference} (referrer of the digest written)`
        : `${reference}:sha256-<digest written>.sig`
  }))
}

/** The signing policies of a run's entries (each distinct signer is opened once when the run starts). */
export function signPolicies(entries: { sign?: PlannedImage['entry']['sign'] }[]) {
  return entries.flatMap(e => (e.sign ? [e.sign] : []))
}
