/**
 * First-seen times for `min-age`: when this mirror first saw a source digest it would copy to a
 * target. Kept in the state file beside the entries (key `seen`), so a cooldown costs no request.
 * A record lives only while its image waits: the copy that follows removes it (StateStore.set), and
 * the state's pruning removes records of images the config no longer selects, so the file stays
 * bounded by what the config selects.
 */

export interface SeenRecord {
  source: string
  target: string
  sourceDigest: string
  /** ISO time the source digest was first seen for this target. */
  at: string
  config?: string
}

export const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/

const keyOf = (source: string, target: string): string => `${source}→${target}`

function valid(e: unknown): e is SeenRecord {
  if (!e || typeof e !== 'object') return false
  const o = e as Record<string, unknown>
  return (
    typeof o.source === 'string' &&
    typeof o.target === 'string' &&
    typeof o.sourceDigest === 'string' &&
    DIGEST.test(o.sourceDigest) &&
    typeof o.at === 'string' &&
    !Number.isNaN(Date.parse(o.at)) &&
    (o.config === undefined || typeof o.config === 'string')
  )
}

export class SeenLog {
  private records = new Map<string, SeenRecord>()
  /** Changed since load or save: the record written, or null for removed (replayed by `mergeOnto`). */
  private readonly touched = new Map<string, SeenRecord | null>()

  /** Reads the file's `seen` object; returns how many records were malformed (dropped). */
  absorb(raw: unknown): number {
    if (raw === undefined) return 0
    if (!raw || typeof raw !== 'object') return 1
    let dropped = 0
    for (const e of Object.values(raw)) {
      if (valid(e)) this.records.set(keyOf(e.source, e.target), { ...e })
      else dropped++
    }
    return dropped
  }

  get size(): number {
    return this.records.size
  }

  /**
   * When `sourceDigest` was first seen for source → target; records `now` (returning it) when there
   * is no record or the record is for another digest (a moved tag starts its cooldown again).
   */
  firstSeen(source: string, target: string, sourceDigest: string, now: Date, config?: string): Date {
    const key = keyOf(source, target)
    const r = this.records.get(key)
    if (r && r.sourceDigest === sourceDigest) return new Date(r.at)
    const rec: SeenRecord = { source, target, sourceDigest, at: now.toISOString() }
    if (config !== undefined) rec.config = config
    this.records.set(key, rec)
    this.touched.set(key, rec)
    return now
  }

  /** True when a record went. */
  forget(source: string, target: string): boolean {
    const key = keyOf(source, target)
    if (!this.records.has(key)) return false
    this.records.delete(key)
    this.touched.set(key, null)
    return true
  }

  /** Removes the records `owns` allows and `keep` rejects; returns how many went. */
  prune(owns: (r: SeenRecord) => boolean, keep: (r: SeenRecord) => boolean): number {
    let n = 0
    for (const r of [...this.records.values()]) {
      if (owns(r) && !keep(r) && this.forget(r.source, r.target)) n++
    }
    return n
  }

  list(): SeenRecord[] {
    return [...this.records.values()]
  }

  /** Sorted, for a stable file; undefined when empty, so files without cooldowns do not change shape. */
  toJSON(): Record<string, SeenRecord> | undefined {
    if (this.records.size === 0) return undefined
    const out: Record<string, SeenRecord> = {}
    for (const k of [...this.records.keys()].sort()) out[k] = this.records.get(k)!
    return out
  }

  /** This log's changes replayed onto `current` (the file as it is now); `current` is changed. */
  mergeOnto(current: SeenLog): SeenLog {
    for (const [key, r] of this.touched) {
      if (r === null) current.records.delete(key)
      else current.records.set(key, r)
    }
    return current
  }

  /** After a save: `merged` is what the file now holds. */
  saved(merged: SeenLog): void {
    this.records = merged.records
    this.touched.clear()
  }
}
