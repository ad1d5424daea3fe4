/**
 * The state's entries, indexed by what the plan asks for each image: "the newest entry for this
 * source → target" and "the newest entry for this target". A plan asks both for every image, so a
 * scan of all entries per question made a plan of n images cost n² (2,000 entries: 8 million
 * visits); with the index each question visits only that pair's or that target's few entries.
 */
import type { StateEntry } from './state-file.js'

const pairKey = (source: string, target: string): string => `${source}\n${target}`

function addTo(index: Map<string, Set<string>>, k: string, key: string): void {
  let set = index.get(k)
  if (!set) index.set(k, (set = new Set()))
  set.add(key)
}

function removeFrom(index: Map<string, Set<string>>, k: string, key: string): void {
  const set = index.get(k)
  if (!set) return
  set.delete(key)
  if (set.size === 0) index.delete(k)
}

/** A Map of state key → entry that keeps its indexes in step with every set and delete. */
export class IndexedEntries extends Map<string, StateEntry> {
  // Fields initialise after super(): Map's constructor is never given entries (it would call set).
  private readonly byPair = new Map<string, Set<string>>()
  private readonly byTarget = new Map<string, Set<string>>()

  static of(entries: Iterable<[string, StateEntry]>): IndexedEntries {
    const m = new IndexedEntries()
    for (const [k, e] of entries) m.set(k, e)
    return m
  }

  override set(key: string, e: StateEntry): this {
    const old = super.get(key)
    if (old) this.unindex(key, old)
    super.set(key, e)
    addTo(this.byPair, pairKey(e.source, e.target), key)
    addTo(this.byTarget, e.target, key)
    return this
  }

  override delete(key: string): boolean {
    const old = super.get(key)
    if (!old) return false
    this.unindex(key, old)
    return super.delete(key)
  }

  override clear(): void {
    super.clear()
    this.byPair.clear()
    this.byTarget.clear()
  }

  private unindex(key: string, e: StateEntry): void {
    removeFrom(this.byPair, pairKey(e.source, e.target), key)
    removeFrom(this.byTarget, e.target, key)
  }

  /** The keys of every entry for source → target (any source digest). */
  pairKeys(source: string, target: string): string[] {
    return [...(this.byPair.get(pairKey(source, target)) ?? [])]
  }

  private newest(keys: Set<string> | undefined): StateEntry | undefined {
    let best: StateEntry | undefined
    for (const k of keys ?? []) {
      const e = super.get(k)!
      if (!best || e.at > best.at) best = e
    }
    return best
  }

  /** The newest entry for source → target whatever the source digest. */
  latest(source: string, target: string): StateEntry | undefined {
    return this.newest(this.byPair.get(pairKey(source, target)))
  }

  /** The newest entry for `target` whatever its source. */
  lastWritten(target: string): StateEntry | undefined {
    return this.newest(this.byTarget.get(target))
  }
}
