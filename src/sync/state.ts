/**
 * The digest cache: which source digest we already mirrored to which target, and the digest we wrote
 * there (they differ with a platform subset, dropped attestations or a conversion). A hit lets a rerun
 * skip an image without asking the target anything.
 *
 * Several runs may share one file (two configs given the same `--state`, shards of one config). Each
 * store remembers what it changed since it was loaded, and `save` replays exactly that onto the file
 * as it is now, under a lock: entries another run wrote in the meantime stay. Entries carry the
 * config that wrote them (`config`), so a run can remove its own stale entries (a `delete`/`prune`
 * is replayed like a write) without touching another config's. Entries from before `config` existed
 * belong to whoever loads the file while no other config has entries in it (see `owns`).
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { acquireFileLock } from '../transports/fs/index.js'
import { SeenLog } from './seen.js'
import { VerdictLog } from './verdicts.js'
import {
  document,
  stateKey,
  STATE_VERSION,
  validEntry,
  type StateEntry,
  type StateFile
} from './state-file.js'

export { STATE_VERSION, stateKey } from './state-file.js'
export type { StateEntry } from './state-file.js'
import { BlobHolders, targetedBy } from './holders.js'
import { IndexedEntries } from './state-index.js'

export interface StateOptions {
  /** Identity of the config this run mirrors (CLI: its absolute path); stamped on every entry set. */
  owner?: string
}

export class StateStore {
  private entries = new IndexedEntries()
  private seen = new SeenLog()
  private holders = new BlobHolders()
  private verdictLog = new VerdictLog()
  /** What this store changed since load or save, by key: the entry written, or null for removed. */
  private readonly touched = new Map<string, StateEntry | null>()
  /** Problems met while loading (corrupt file, unknown version, dropped entries). */
  readonly warnings: string[] = []
  private changed = false
  readonly owner: string | undefined
  /** Some entry names another config: entries without a `config` are then nobody's to remove. */
  private shared = false

  private constructor(opts: StateOptions = {}) {
    this.owner = opts.owner
  }

  static empty(opts: StateOptions = {}): StateStore {
    return new StateStore(opts)
  }

  /** Never throws for a missing or unreadable state: a lost cache only costs target HEADs. */
  static async load(file: string, opts: StateOptions = {}): Promise<StateStore> {
    const store = new StateStore(opts)
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOENT')
        store.warnings.push(`${file}: cannot read the state (${code ?? error}); starting empty`)
      return store
    }
    store.absorb(text, file)
    return store
  }

  /** Parses a state document; bad parts are dropped with a warning. */
  static fromJSON(text: string, file = 'state'): StateStore {
    const store = new StateStore()
    store.absorb(text, file)
    return store
  }

  private absorb(text: string, file: string): void {
    let doc: unknown
    try {
      doc = JSON.parse(text)
    } catch (error) {
      this.warnings.push(`${file}: the state is not valid JSON (${(error as Error).message}); starting empty`)
      return
    }
    const d = doc as Partial<StateFile> | null
    if (!d || typeof d !== 'object' || typeof d.entries !== 'object' || d.entries === null) {
      this.warnings.push(`${file}: the state has no entries object; starting empty`)
      return
    }
    if (d.version !== STATE_VERSION) {
      this.warnings.push(
        `${file}: state version ${String(d.version)} is not ${STATE_VERSION}; starting empty`
      )
      return
    }
    let dropped = 0
    for (const e of Object.values(d.entries)) {
      if (validEntry(e)) this.entries.set(stateKey(e.source, e.sourceDigest, e.target), { ...e })
      else dropped++
    }
    dropped += this.seen.absorb((d as { seen?: unknown }).seen)
    dropped += this.verdictLog.absorb((d as { verdicts?: unknown }).verdicts)
    if (dropped) this.warnings.push(`${file}: dropped ${dropped} malformed state entries`)
    const badBlobs = this.holders.absorb((d as { blobs?: unknown }).blobs)
    if (badBlobs) this.warnings.push(`${file}: dropped ${badBlobs} malformed blob locations`)
    this.noteOwners()
  }

  private noteOwners(): void {
    this.shared = [...this.entries.values()].some(e => e.config !== undefined && e.config !== this.owner)
  }

  /**
   * Whether this store's config may remove `e`: it wrote it, or `e` predates owners and no other
   * config has entries in the file (the file most likely has always been this config's alone; if
   * not, the other config only loses cache hits, paid for with one target HEAD per image).
   */
  owns(e: Pick<StateEntry, 'config'>): boolean {
    return e.config === this.owner || (e.config === undefined && !this.shared)
  }

  get size(): number {
    return this.entries.size
  }

  /** True once set/delete/prune (or a blob placed by a copy) changed something since load. */
  get dirty(): boolean {
    return this.changed || this.holders.dirty || this.verdictLog.dirty
  }

  /** Signatures that verified, by source digest and policy (verdicts.ts). */
  get verdicts(): VerdictLog {
    return this.verdictLog
  }

  /** Blob locations for the copy engine: mount sources before uploads, kept up to date by it. */
  get blobs(): BlobHolders {
    return this.holders
  }

  get(source: string, sourceDigest: string, target: string): StateEntry | undefined {
    return this.entries.get(stateKey(source, sourceDigest, target))
  }

  /** The newest entry for source → target whatever the source digest: tells "changed" from "new". */
  latest(source: string, target: string): StateEntry | undefined {
    return this.entries.latest(source, target)
  }

  /** The newest entry for `target` whatever its source: what the mirror last wrote to that tag. */
  lastWritten(target: string): StateEntry | undefined {
    return this.entries.lastWritten(target)
  }

  /** When `sourceDigest` was first seen for source → target (recorded now if never): see seen.ts. */
  firstSeen(source: string, target: string, sourceDigest: string, now: Date): Date {
    const at = this.seen.firstSeen(source, target, sourceDigest, now, this.owner)
    if (at === now) this.changed = true
    return at
  }

  set(e: Omit<StateEntry, 'at'> & { at?: Date | string }): StateEntry {
    const at =
      e.at === undefined ? new Date().toISOString() : typeof e.at === 'string' ? e.at : e.at.toISOString()
    const entry: StateEntry = { ...e, at }
    if (entry.options === undefined) delete entry.options
    if (entry.config === undefined && this.owner !== undefined) entry.config = this.owner
    if (entry.config === undefined) delete entry.config
    // One entry per source → target: an older source digest is no longer what the target holds.
    for (const k of this.entries.pairKeys(e.source, e.target)) this.remove(k)
    // Written: its cooldown is over, the first-seen record has served.
    this.seen.forget(e.source, e.target)
    const key = stateKey(e.source, e.sourceDigest, e.target)
    this.entries.set(key, entry)
    this.touched.set(key, entry)
    this.changed = true
    return entry
  }

  delete(source: string, sourceDigest: string, target: string): boolean {
    const key = stateKey(source, sourceDigest, target)
    if (!this.entries.has(key)) return false
    this.remove(key)
    this.changed = true
    return true
  }

  private remove(key: string): void {
    this.entries.delete(key)
    this.touched.set(key, null)
  }

  /**
   * Drops the entries this store owns (see `owns`) that `keep` rejects; returns how many went.
   * Entries of other configs are never offered to `keep`. An entry without an owner that is kept
   * gets this store's owner, so it stays this config's once another config shares the file.
   */
  prune(opts: { keep: (e: Pick<StateEntry, 'source' | 'target' | 'config'>) => boolean }): number {
    let n = 0
    for (const [k, e] of this.entries) {
      if (!this.owns(e)) continue
      if (!opts.keep(e)) {
        this.remove(k)
        n++
      } else if (e.config === undefined && this.owner !== undefined) {
        const claimed = { ...e, config: this.owner }
        this.entries.set(k, claimed)
        this.touched.set(k, claimed)
        this.changed = true
      }
    }
    n += this.seen.prune(r => this.owns(r), opts.keep)
    if (n) this.changed = true
    return n
  }

  list(): StateEntry[] {
    return [...this.entries.values()]
  }

  toJSON(): StateFile {
    return document(this.entries, this.seen, this.holders, this.verdictLog)
  }

  /**
   * This store's changes replayed onto `current` (the file as it is now): what this run wrote or
   * removed wins, everything else in `current` stays.
   */
  private mergedOnto(current: StateStore): IndexedEntries {
    const merged = current.entries
    for (const [key, e] of this.touched) {
      if (e === null) {
        merged.delete(key)
        continue
      }
      // Another run may have recorded another source digest for the same source → target; ours
      // is the newer word on what the target holds.
      for (const k of merged.pairKeys(e.source, e.target)) merged.delete(k)
      merged.set(key, e)
    }
    return merged
  }

  /**
   * Merges into the file under `file.lock` (so runs sharing the file never drop each other's
   * entries), then writes atomically: a crash mid-write leaves the previous file, never half a
   * JSON document.
   */
  async save(file: string): Promise<void> {
    const fail = (error: unknown): Error =>
      new Error(`cannot save the state to ${file}: ${(error as Error).message}`, { cause: error })
    let release: () => Promise<void>
    try {
      await mkdir(dirname(file), { recursive: true })
      release = await acquireFileLock(`${file}.lock`)
    } catch (error) {
      throw fail(error)
    }
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    try {
      const current = await StateStore.load(file)
      const merged = this.mergedOnto(current)
      const seen = this.seen.mergeOnto(current.seen)
      const verdicts = this.verdictLog.mergeOnto(current.verdictLog)
      const holders = this.holders.mergedOnto(current.holders)
      holders.retain(targetedBy([...merged.values()].map(e => e.target)))
      await writeFile(tmp, JSON.stringify(document(merged, seen, holders, verdicts), null, 2) + '\n', {
        mode: 0o644
      })
      await rename(tmp, file)
      // Only once written: a failed save keeps its changes for another attempt.
      this.entries = merged
      this.holders = holders
      this.touched.clear()
      this.seen.saved(seen)
      this.verdictLog.saved(verdicts)
      this.noteOwners()
    } catch (error) {
      await rm(tmp, { force: true })
      throw fail(error)
    } finally {
      await release()
    }
    this.changed = false
  }
}
