/**
 * Copies what refers to a copied image: manifests whose `subject` names it (OCI referrers API or
 * its `sha256-<hex>` tag fallback) and cosign's `sha256-<hex>.sig/.att/.sbom` tags. Referrers of
 * referrers (a signature on an SBOM) follow too, down to a bounded depth.
 */
import { toCopyError } from './errors.js'
import type { CopyRun } from './run.js'
import type { Descriptor } from '../oci/index.js'

/** Subject → referrer → referrer … : a signature of an attestation of an image is depth 2. */
export const MAX_REFERRER_DEPTH = 3

/** What the source holds for one subject: referrer descriptors and cosign tags. */
export interface ReferrerLookup {
  referrers: Descriptor[]
  tags: string[]
}

/**
 * Look up what refers to `subjects` at the source without writing anything, so the caller can
 * decide the write order (no referrers: the tag can be written at once). copyReferrers reuses it.
 */
export async function findReferrers(run: CopyRun, subjects: string[]): Promise<Map<string, ReferrerLookup>> {
  const found = await Promise.all(subjects.map(async s => [s, await lookup(run, s)] as const))
  return new Map(found)
}

/** True when any subject has something to copy. */
export function anyReferrers(found: Map<string, ReferrerLookup>): boolean {
  return [...found.values()].some(f => f.referrers.length > 0 || f.tags.length > 0)
}

async function lookup(run: CopyRun, subject: string): Promise<ReferrerLookup> {
  const { src } = run
  const referrers = src.referrers
    ? await run.read
        .request(() => src.referrers!(subject))
        .catch((e: unknown) =>
          Promise.reject(toCopyError(e, 'source', src.name, `referrers of ${subject}`, subject))
        )
    : []
  const tags = src.fallbackTags
    ? await run.read
        .request(() => src.fallbackTags!(subject))
        .catch((e: unknown) =>
          Promise.reject(toCopyError(e, 'source', src.name, `cosign tags of ${subject}`, subject))
        )
    : []
  return { referrers, tags }
}

/**
 * Copy the referrers of `subjects` (digests the destination now holds unchanged) from the run's
 * source to its destination; `rewritten` digests only get a warning when they have referrers. Referrers are written by digest; cosign tags are written after what
 * they point at. Returns how many referrer manifests were written.
 */
export async function copyReferrers(
  run: CopyRun,
  subjects: string[],
  rewritten: string[] = [],
  maxDepth = MAX_REFERRER_DEPTH,
  /** findReferrers' answer for `subjects`: not asked again. */
  known?: Map<string, ReferrerLookup>
): Promise<number> {
  const { src } = run
  // Referrers of a manifest the copy rewrote would name a subject the destination does not hold:
  // they are not copied, but the user hears about it when there are any.
  for (const digest of rewritten) {
    const n = src.referrers
      ? (await run.read.request(() => src.referrers!(digest)).catch(() => [])).length
      : 0
    if (n)
      run.warn(
        `${n} referrer(s) of ${digest} not copied: the copy rewrote that manifest, so their subject is not in the destination`
      )
  }
  const seen = new Set<string>(subjects)
  const limit = run.read.limits.maxManifests
  let count = 0

  async function forSubject(subject: string): Promise<string[]> {
    const next: string[] = []
    const { referrers: list, tags } = known?.get(subject) ?? (await lookup(run, subject))
    if (list.length > limit) {
      run.warn(`${subject} has ${list.length} referrers; copying the first ${limit}`)
    }
    const fresh = list.slice(0, limit).filter(d => !seen.has(d.digest))
    for (const d of fresh) seen.add(d.digest)
    await Promise.all(
      fresh.map(async d => {
        const node = await run.readPlain(d.digest, d)
        await run.writeTree(node)
        count++
        next.push(d.digest)
      })
    )
    if (tags.length && !src.resolveTag) {
      run.warn(`${src.name} cannot resolve tags; cosign tags ${tags.join(', ')} not copied`)
      return next
    }
    for (const tag of tags) {
      const desc = await run.read
        .request(() => src.resolveTag!(tag))
        .catch((e: unknown) => Promise.reject(toCopyError(e, 'source', src.name, `tag ${tag}`)))
      if (!desc) continue // deleted since it was listed
      const node = await run.readPlain(desc.digest, desc)
      await run.writeTree(node)
      await run.putManifest(node.manifest, tag)
      count++
    }
    return next
  }

  let level = subjects
  for (let depth = 1; depth <= maxDepth && level.length; depth++) {
    const found = await Promise.all(level.map(forSubject))
    level = found.flat()
  }
  return count
}
