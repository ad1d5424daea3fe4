/** The outcome of a sync as data: per-image results, totals and the exit code. Presenters are in report/. */
import { redactText } from '../http/index.js'

/**
 * `drifted`: the target tag is not what the mirror last wrote there, and the overwrite policy left it
 * alone. `waiting`: the source digest is younger than `min-age`; it is copied from `eligibleAt` on.
 * Retention (`prune`), one row per target tag: `pruned` deleted; `prune-planned` a dry run's "would
 * delete"; `kept` a tag prune would delete but does not (keep, prune-limit, shared digest, drifted;
 * `note` says which); `prune-refused` the registry refuses deletes (one warning per registry).
 */
export type ImageStatus =
  | 'copied'
  | 'skipped'
  | 'failed'
  | 'planned'
  | 'deferred'
  | 'drifted'
  | 'waiting'
  | 'pruned'
  | 'prune-planned'
  | 'kept'
  | 'prune-refused'
export const IMAGE_STATUSES: readonly ImageStatus[] = [
  'copied',
  'skipped',
  'failed',
  'planned',
  'deferred',
  'drifted',
  'waiting',
  'pruned',
  'prune-planned',
  'kept',
  'prune-refused'
]

/** The statuses of retention's rows (a target tag to delete), not of images to copy. */
export const PRUNE_STATUSES: readonly ImageStatus[] = ['pruned', 'prune-planned', 'kept', 'prune-refused']

export interface ImageReport {
  source: string
  target: string
  sourceDigest?: string
  digest?: string
  status: ImageStatus
  change?: 'new' | 'changed' | 'unchanged' | 'unknown'
  bytes: number
  durationMs: number
  error?: string
  digestChanged?: boolean
  /** Why an image was left as it is (drifted, overwrite: never, waiting), for people. */
  note?: string
  /** waiting: ISO time from which the image is old enough to copy. */
  eligibleAt?: string
  /** A retention row: the tag to delete (`target`) and why (`note`); `source` is what it was mirrored from. */
  prune?: boolean
  /** Skipped on the digest cache's word: the target was not looked at this run. */
  cached?: boolean
  /** Signatures this run pushed for the target digest (`signatures.sign`); absent when none were needed. */
  signatures?: { format: 'bundle' | 'legacy'; where: string }[]
  /** Dry run: the signatures a real run would push after writing this image (`signatures.sign`). */
  plannedSignatures?: { format: 'bundle' | 'legacy'; by: 'key' | 'keyless'; where: string }[]
  position?: { line: number; col: number }
}

export interface SyncReport {
  images: ImageReport[]
  totals: Record<ImageStatus, number> & { bytes: number }
  warnings: string[]
}

export function computeTotals(images: ImageReport[]): SyncReport['totals'] {
  const totals = {
    copied: 0,
    skipped: 0,
    failed: 0,
    planned: 0,
    deferred: 0,
    drifted: 0,
    waiting: 0,
    pruned: 0,
    'prune-planned': 0,
    kept: 0,
    'prune-refused': 0,
    bytes: 0
  }
  for (const im of images) {
    totals[im.status]++
    totals.bytes += im.bytes
  }
  return totals
}

/** Error text safe to print: URLs redacted, credentials in headers or userinfo masked, length capped. */
export function errorMessage(error: unknown): string {
  const parts: string[] = []
  for (let e: unknown = error; e !== undefined && parts.length < 4; e = (e as { cause?: unknown }).cause) {
    const msg = e instanceof Error ? e.message : String(e)
    if (msg && !parts.some(p => p.includes(msg))) parts.push(msg)
    if (!(e instanceof Error)) break
  }
  const text = redactText(parts.join(': ') || 'unknown error')
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 REDACTED')
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1REDACTED@')
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text
}

/**
 * 1 when any image failed. Deferred (rate limit), planned (dry run), drifted (the policy chose to keep
 * a tag someone else wrote: reported, not an error) and waiting (min-age) are not failures.
 */
export function exitCodeFor(report: SyncReport): 0 | 1 {
  return report.images.some(i => i.status === 'failed') ? 1 : 0
}
