/**
 * The copy-or-skip rules of a plan, kept apart from the requests that feed them (plan.ts): pure
 * functions of a digest, the state's entries and a target's answer, so each rule is tested as a table
 * without a registry.
 */
import type { EntryOptions, Overwrite } from '../config/index.js'
import { formatPlatform } from '../oci/index.js'
import type { StateEntry } from './state.js'

export type Change = 'new' | 'changed' | 'unchanged' | 'unknown'
/** How far the digest cache can be trusted for one image. */
export type StateVerdict = 'trust' | 'verify' | 'miss'

export interface Decision {
  /**
   * `hold`: the target tag exists, differs, and the overwrite policy keeps it (see `held`).
   * `wait`: a copy, but the source digest is younger than min-age (see `eligibleAt`).
   */
  action: 'copy' | 'skip' | 'check-target' | 'hold' | 'wait'
  change?: Change
  /** On skip: the target digest confirmed, to (re)record in the state. */
  record?: string
  /** On hold: `drifted` (not what the mirror wrote there) or `never` (overwrite: never). */
  held?: 'drifted' | 'never'
  /** On wait: ISO times the source digest was first seen, and from which it may be copied. */
  firstSeen?: string
  eligibleAt?: string
}

/** A state entry answers for an image only when it was written with the same digest-shaping options. */
export function stateVerdict(p: {
  state?: StateEntry
  options?: string
  verify: boolean
  maxAgeDays?: number
  now: Date
}): StateVerdict {
  if (!p.state || p.state.options !== p.options) return 'miss'
  if (p.verify) return 'verify'
  if (p.maxAgeDays !== undefined && p.now.getTime() - Date.parse(p.state.at) > p.maxAgeDays * 86_400_000) {
    return 'verify'
  }
  return 'trust'
}

/**
 * Copy or skip. Called first without `target` (not looked at); when it answers 'check-target' the
 * caller HEADs the target and calls again with `target` (null = the tag does not exist).
 */
export function decide(p: {
  sourceDigest: string
  verdict: StateVerdict
  state?: StateEntry
  /** The state's newest entry for this source → target with any source digest: tells "changed". */
  previous?: StateEntry
  checkTargets: boolean
  /** Platform subset, dropped attestations or conversion: what we write is not the source digest. */
  digestMayChange: boolean
  target?: { digest: string } | null
  /** Defaults to `always`: the policy of entries is in their options (default `if-ours`). */
  overwrite?: Overwrite
  /** The state's newest entry for this target, any source: what the mirror last wrote there. */
  written?: StateEntry
  /** `written` is this config's (StateStore.owns). */
  ours?: boolean
}): Decision {
  const d = decideCopy(p)
  if (d.action !== 'copy' || !p.target || !p.overwrite || p.overwrite === 'always') return d
  // The state knows this tag: anything but our own last write there is someone else's.
  const drifted = p.written !== undefined && (!p.ours || p.written.digest !== p.target.digest)
  if (drifted) return { action: 'hold', change: d.change, held: 'drifted' }
  if (p.overwrite === 'never') return { action: 'hold', change: d.change, held: 'never' }
  // A tag the state never saw (first run, lost cache, no --state) cannot be told from ours: rewritten.
  return d
}

function decideCopy(p: Parameters<typeof decide>[0]): Decision {
  if (p.verdict === 'trust') return { action: 'skip', change: 'unchanged' }
  if (p.target === undefined) {
    if (p.checkTargets) return { action: 'check-target' }
    // Targets are off limits (a PR from a fork): only the state can tell.
    if (p.verdict === 'verify') return { action: 'skip', change: 'unchanged' }
    return { action: 'copy', change: p.previous ? 'changed' : 'unknown' }
  }
  if (p.target === null) return { action: 'copy', change: 'new' }
  const expected = p.verdict === 'verify' ? p.state!.digest : p.digestMayChange ? undefined : p.sourceDigest
  if (expected !== undefined) {
    if (p.target.digest === expected) return { action: 'skip', change: 'unchanged', record: expected }
    return { action: 'copy', change: 'changed' }
  }
  // Without the state we cannot know what a subset of the source digests to: copy, blobs are reused.
  if (p.previous && p.previous.digest === p.target.digest) return { action: 'copy', change: 'changed' }
  return { action: 'copy', change: 'unknown' }
}

/** A copy of a digest first seen less than `minAgeDays` before `now` waits until it is old enough. */
export function cooldown(d: Decision, firstSeen: Date, minAgeDays: number, now: Date): Decision {
  const eligible = firstSeen.getTime() + minAgeDays * 86_400_000
  if (d.action !== 'copy' || now.getTime() >= eligible) return d
  return {
    action: 'wait',
    change: d.change,
    firstSeen: firstSeen.toISOString(),
    eligibleAt: new Date(eligible).toISOString()
  }
}

/** Only these options make the written digest differ from the source digest. */
export function digestMayChange(o: Pick<EntryOptions, 'platforms' | 'keepAttestations' | 'convertToDocker'>) {
  return o.platforms !== 'all' || !o.keepAttestations || o.convertToDocker
}

/** Fingerprint of the digest-shaping options, stored with each state entry; undefined for a 1:1 copy. */
export function optionsFingerprint(
  o: Pick<EntryOptions, 'platforms' | 'keepAttestations' | 'convertToDocker'>
): string | undefined {
  if (!digestMayChange(o)) return undefined
  const parts: string[] = []
  if (o.platforms !== 'all') parts.push(`platforms=${o.platforms.map(formatPlatform).sort().join(',')}`)
  if (!o.keepAttestations) parts.push('attestations=drop')
  if (o.convertToDocker) parts.push('convert=docker')
  return parts.join(';')
}
