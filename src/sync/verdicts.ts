/**
 * Signature verdicts kept in the state file (key `verdicts`): a source digest that verified under a
 * policy (by its content hash: key files, identities, trusted root, log setting, platforms) is not
 * looked up again while the record is fresh, so a rerun that must write an unchanged image costs no
 * signature requests. Only successes are kept: a missing signature may appear by the next run.
 * Bounded: records expire after VERDICT_TTL_DAYS and the newest MAX_VERDICTS are kept.
 */
import { DIGEST } from './seen.js'

export interface VerdictRecord {
  /** `registry/repository@digest` of the source. */
  image: string
  /** Hash of what decided the verdict (see SignatureVerifier.policyDigest). */
  policy: string
  /** What accepted it, for the report. */
  by: string
  /** ISO time of the check. */
  at: string
}

/** Re-checked after this: a key revoked or a trusted root rotated is noticed within days. */
export const VERDICT_TTL_DAYS = 7
export const MAX_VERDICTS = 5000

const keyOf = (image: string, policy: string) => `${image}#${policy}`

function valid(e: unknown): e is VerdictRecord {
  if (!e || typeof e !== 'object') return false
  const o = e as Record<string, unknown>
  const at = typeof o.at === 'string' ? Date.parse(o.at) : NaN
  return (
    typeof o.image === 'string' &&
    DIGEST.test(o.image.slice(o.image.lastIndexOf('@') + 1)) &&
    typeof o.policy === 'string' &&
    /^[0-9a-f]{64}$/.test(o.policy) &&
    typeof o.by === 'string' &&
    !Number.isNaN(at)
  )
}

export class VerdictLog {
  private records = new Map<string, VerdictRecord>()
  private readonly touched = new Map<string, VerdictRecord>()

  /** Reads the file's `verdicts` object; returns how many records were malformed (dropped). */
  absorb(raw: unknown): number {
    if (raw === undefined) return 0
    if (!raw || typeof raw !== 'object') return 1
    let dropped = 0
    for (const e of Object.values(raw)) {
      if (valid(e)) this.records.set(keyOf(e.image, e.policy), { ...e })
      else dropped++
    }
    return dropped
  }

  get dirty(): boolean {
    return this.touched.size > 0
  }

  /** A fresh success for `image` under `policy`, or undefined. */
  get(image: string, policy: string, now: Date): VerdictRecord | undefined {
    const r = this.records.get(keyOf(image, policy))
    return r && fresh(r, now) ? r : undefined
  }

  record(image: string, policy: string, by: string, now: Date): void {
    const r: VerdictRecord = { image, policy, by, at: now.toISOString() }
    this.records.set(keyOf(image, policy), r)
    this.touched.set(keyOf(image, policy), r)
  }

  /** Sorted and bounded, for a stable file; undefined when empty (files without verification keep their shape). */
  toJSON(now = new Date()): Record<string, VerdictRecord> | undefined {
    const kept = [...this.records.entries()]
      .filter(([, r]) => fresh(r, now))
      .sort((a, b) => Date.parse(b[1].at) - Date.parse(a[1].at))
      .slice(0, MAX_VERDICTS)
    if (kept.length === 0) return undefined
    return Object.fromEntries(kept.sort((a, b) => (a[0] < b[0] ? -1 : 1)))
  }

  /** This log's new records replayed onto `current` (the file as it is now); `current` is changed. */
  mergeOnto(current: VerdictLog): VerdictLog {
    for (const [key, r] of this.touched) current.records.set(key, r)
    return current
  }

  /** After a save: `merged` is what the file now holds. */
  saved(merged: VerdictLog): void {
    this.records = merged.records
    this.touched.clear()
  }
}

function fresh(r: VerdictRecord, now: Date): boolean {
  const age = now.getTime() - Date.parse(r.at)
  return age >= -60_000 && age < VERDICT_TTL_DAYS * 86_400_000
}
