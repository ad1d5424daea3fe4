/**
 * The digest cache: which source digest we already mirrored to which target, and the digest we wrote
 * there (they differ with a platform subset, dropped attestations or a conversion). A hit lets a rerun
 * skip an image without asking the target anything.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

export const STATE_VERSION = 1

export interface StateEntry {
  /** Source reference as planned, tag included: `127.0.0.1:5000/lib/app:v1`. */
  source: string
  sourceDigest: string
  /** Target transport string: `host/ns/app:v1`, `oci:./mirror:v1`. */
  target: string
  /** Digest we wrote to the target. */
  digest: string
  /** ISO time the target was last written or verified. */
  at: string
  /** Fingerprint of the copy options that shaped `digest`; another fingerprint is another image. */
  options?: string
}

interface StateFile {
  version: number
  entries: Record<string, StateEntry>
}

export function stateKey(source: string, sourceDigest: string, target: string): string {
  return `${source}@${sourceDigest}→${target}`
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/

function validEntry(e: unknown): e is StateEntry {
  if (!e || typeof e !== 'object') return false
  const o = e as Record<string, unknown>
  return (
    typeof o.source === 'string' &&
    typeof o.target === 'string' &&
    typeof o.sourceDigest === 'string' &&
    DIGEST.test(o.sourceDigest) &&
    typeof o.digest === 'string' &&
    DIGEST.test(o.digest) &&
    typeof o.at === 'string' &&
    !Number.isNaN(Date.parse(o.at)) &&
    (o.options === undefined || typeof o.options === 'string')
  )
}

export class StateStore {
  private entries = new Map<string, StateEntry>()
  /** Problems met while loading (corrupt file, unknown version, dropped entries). */
  readonly warnings: string[] = []
  private changed = false

  static empty(): StateStore {
    return new StateStore()
  }

  /** Never throws for a missing or unreadable state: a lost cache only costs target HEADs. */
  static async load(file: string): Promise<StateStore> {
    const store = new StateStore()
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
    if (dropped) this.warnings.push(`${file}: dropped ${dropped} malformed state entries`)
  }

  get size(): number {
    return this.entries.size
  }

  /** True once set/delete/prune changed something since load. */
  get dirty(): boolean {
    return this.changed
  }

  get(source: string, sourceDigest: string, target: string): StateEntry | undefined {
    return this.entries.get(stateKey(source, sourceDigest, target))
  }

  /** The newest entry for source → target whatever the source digest: tells "changed" from "new". */
  latest(source: string, target: string): StateEntry | undefined {
    let best: StateEntry | undefined
    for (const e of this.entries.values()) {
      if (e.source === source && e.target === target && (!best || e.at > best.at)) best = e
    }
    return best
  }

  set(e: Omit<StateEntry, 'at'> & { at?: Date | string }): StateEntry {
    const at =
      e.at === undefined ? new Date().toISOString() : typeof e.at === 'string' ? e.at : e.at.toISOString()
    const entry: StateEntry = { ...e, at }
    if (entry.options === undefined) delete entry.options
    // One entry per source → target: an older source digest is no longer what the target holds.
    for (const [k, old] of this.entries) {
      if (old.source === e.source && old.target === e.target) this.entries.delete(k)
    }
    this.entries.set(stateKey(e.source, e.sourceDigest, e.target), entry)
    this.changed = true
    return entry
  }

  delete(source: string, sourceDigest: string, target: string): boolean {
    const gone = this.entries.delete(stateKey(source, sourceDigest, target))
    if (gone) this.changed = true
    return gone
  }

  /** Drops entries older than `olderThanDays` or not kept by `keep`; returns how many went. */
  prune(opts: { olderThanDays?: number; keep?: (e: StateEntry) => boolean; now?: Date }): number {
    const now = (opts.now ?? new Date()).getTime()
    let n = 0
    for (const [k, e] of this.entries) {
      const old = opts.olderThanDays !== undefined && now - Date.parse(e.at) > opts.olderThanDays * 86_400_000
      if (old || (opts.keep && !opts.keep(e))) {
        this.entries.delete(k)
        n++
      }
    }
    if (n) this.changed = true
    return n
  }

  list(): StateEntry[] {
    return [...this.entries.values()]
  }

  toJSON(): StateFile {
    const entries: Record<string, StateEntry> = {}
    for (const k of [...this.entries.keys()].sort()) entries[k] = this.entries.get(k)!
    return { version: STATE_VERSION, entries }
  }

  /** Atomic: a crash mid-write leaves the previous file, never half a JSON document. */
  async save(file: string): Promise<void> {
    await mkdir(dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    try {
      await writeFile(tmp, JSON.stringify(this.toJSON(), null, 2) + '\n', { mode: 0o644 })
      await rename(tmp, file)
    } catch (error) {
      await rm(tmp, { force: true })
      throw new Error(`cannot save the state to ${file}: ${(error as Error).message}`, { cause: error })
    }
    this.changed = false
  }
}
