/**
 * The lock file (`lock:` / `--lock FILE`): every source → source digest → target → target digest a
 * run resolved, for review in pull requests, and (`--locked`) the exact digests a later run mirrors
 * without resolving any tag.
 *
 * Format: JSON whose `images` array holds one object per line, sorted by target then source, keys
 * always in the same order. It parses with any JSON reader, and a change of one image is a change of
 * one line in a diff.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { MirrorConfig } from '../config/index.js'
import { selectTags } from '../config/index.js'
import { parseReference } from '../oci/index.js'
import { entryRepository, planItem, type ExpandFailure, type Expansion } from './expand.js'
import type { PlanItem } from './plan.js'
import type { SyncReport } from './report.js'
import { DIGEST } from './seen.js'
import { selectShard, type Shard } from './shard.js'

export const LOCK_VERSION = 1
/** A lock past this is refused before parsing: it bounds what `--locked` reads. */
export const MAX_LOCK_BYTES = 64 * 1024 * 1024

export interface LockEntry {
  source: string
  sourceDigest: string
  target: string
  /** What the target holds; absent until the image has been written or confirmed (a dry run). */
  digest?: string
}

const order = (a: LockEntry, b: LockEntry): number =>
  a.target < b.target ? -1 : a.target > b.target ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0

export function renderLock(entries: LockEntry[]): string {
  const lines = [...entries]
    .sort(order)
    .map(e =>
      JSON.stringify({ source: e.source, sourceDigest: e.sourceDigest, target: e.target, digest: e.digest })
    )
  const images = lines.length ? `[\n    ${lines.join(',\n    ')}\n  ]` : '[]'
  return `{\n  "version": ${LOCK_VERSION},\n  "images": ${images}\n}\n`
}

export function parseLock(text: string, file: string): LockEntry[] {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    throw new Error(`${file}: the lock is not valid JSON (${(error as Error).message})`, { cause: error })
  }
  const d = doc as { version?: unknown; images?: unknown } | null
  if (!d || typeof d !== 'object' || !Array.isArray(d.images))
    throw new Error(`${file}: the lock has no images list`)
  if (d.version !== LOCK_VERSION)
    throw new Error(`${file}: lock version ${String(d.version)} is not ${LOCK_VERSION}`)
  return d.images.map((raw: unknown, i) => {
    const e = (raw ?? {}) as Record<string, unknown>
    const ok =
      typeof e.source === 'string' &&
      typeof e.target === 'string' &&
      typeof e.sourceDigest === 'string' &&
      DIGEST.test(e.sourceDigest) &&
      (e.digest === undefined || (typeof e.digest === 'string' && DIGEST.test(e.digest)))
    if (!ok)
      throw new Error(`${file}: images[${i}] needs source, sourceDigest, target and an optional digest`)
    const out: LockEntry = {
      source: e.source as string,
      sourceDigest: e.sourceDigest as string,
      target: e.target as string
    }
    if (e.digest !== undefined) out.digest = e.digest as string
    return out
  })
}

/** A missing file is an empty lock (the first run writes it); anything else unreadable is an error. */
export async function readLock(file: string, opts: { mustExist?: boolean } = {}): Promise<LockEntry[]> {
  let text: string
  try {
    const buf = await readFile(file)
    if (buf.length > MAX_LOCK_BYTES) throw new Error(`larger than ${MAX_LOCK_BYTES} bytes`)
    text = buf.toString('utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !opts.mustExist) return []
    throw new Error(`cannot read the lock ${file}: ${(error as Error).message}`, { cause: error })
  }
  return parseLock(text, file)
}

/** Via a temp file and rename: a reader (or a crash) never sees half a lock. */
export async function writeLock(file: string, entries: LockEntry[]): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await mkdir(dirname(file), { recursive: true })
    await writeFile(tmp, renderLock(entries))
    await rename(tmp, file)
  } catch (error) {
    await rm(tmp, { force: true })
    throw new Error(`cannot write the lock ${file}: ${(error as Error).message}`, { cause: error })
  }
}

/**
 * The lock after `report`: what this run resolved replaces the previous line of its target; an
 * image it could not resolve (failed, waiting, drifted, deferred) keeps its previous line. Lines of
 * targets the run did not reach are dropped only when it saw the whole config (`complete`: no shard,
 * no failure), since a shard or an entry whose tags could not be listed says nothing about them.
 */
export function nextLock(previous: LockEntry[], report: SyncReport, complete: boolean): LockEntry[] {
  const before = new Map(previous.map(e => [e.target, e]))
  const out = new Map<string, LockEntry>()
  for (const im of report.images) {
    const old = before.get(im.target)
    const resolved = ['copied', 'skipped', 'planned'].includes(im.status) && im.sourceDigest
    if (resolved) {
      const e: LockEntry = { source: im.source, sourceDigest: im.sourceDigest!, target: im.target }
      // A dry run knows the target digest only where the target already holds the image.
      const digest = im.digest ?? (old && old.sourceDigest === im.sourceDigest ? old.digest : undefined)
      if (digest) e.digest = digest
      out.set(im.target, e)
    } else if (old) {
      out.set(im.target, old)
    }
  }
  if (!complete) for (const [t, e] of before) if (!out.has(t)) out.set(t, e)
  return [...out.values()]
}

/**
 * `--locked`: this shard's plan items from the lock instead of the registries. Each line is pinned
 * to its locked source digest (nothing resolves a tag) and must still belong to a config entry: the
 * same source repository, a tag its filter selects, the same target. An entry with no line fails;
 * a line no entry claims is ignored with a warning (the config moved on; the lock needs updating).
 */
export function lockedExpansion(
  config: MirrorConfig,
  lock: LockEntry[],
  shard: Shard | undefined
): Expansion & { warnings: string[] } {
  const entries = selectShard(config.images, shard, entryRepository)
  const mine = new Set(entries)
  const items: PlanItem[] = []
  const failures: ExpandFailure[] = []
  const warnings: string[] = []
  const claimed = new Set<unknown>()
  for (const line of lock) {
    const match = claim(config, line)
    if (!match) {
      warnings.push(`lock: ${line.source} → ${line.target} belongs to no entry of the config; ignored`)
      continue
    }
    claimed.add(match.entry)
    if (!mine.has(match.entry)) continue
    items.push({
      ...match,
      source: line.source,
      sourceRef: { ...match.sourceRef, digest: line.sourceDigest }
    })
  }
  for (const entry of entries) {
    if (claimed.has(entry)) continue
    const error = new Error('not in the lock file; run without --locked to resolve it and update the lock')
    failures.push({ entry, source: entry.source, target: entry.target, error })
  }
  return { entries, items, failures, warnings }
}

/** The plan item of the config entry that would have produced `line`, if any. */
function claim(config: MirrorConfig, line: LockEntry): PlanItem | undefined {
  let ref
  try {
    ref = parseReference(line.source, { defaultTag: false })
  } catch {
    return undefined
  }
  for (const entry of config.images) {
    const src = entry.sourceRef
    if (src.registry !== ref.registry || src.repository !== ref.repository) continue
    let tag: string | undefined
    if (entry.filter) {
      if (ref.tag === undefined || selectTags([ref.tag], entry.filter).length === 0) continue
      tag = ref.tag
    }
    const item = planItem(entry, tag)
    if (!('error' in item) && item.source === line.source && item.target === line.target) return item
  }
  return undefined
}
