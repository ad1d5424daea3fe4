/**
 * `merge-reports`: the JSON reports of a sharded run's jobs read back and joined into one report, so
 * one job can write the run's summary and outputs. Each shard's report names its shard (`i/n`), so
 * the merge knows how many to expect without being told, and a shard whose report is missing (the
 * job died, the upload failed) is an error rather than a run that looks smaller than it was.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import {
  IMAGE_STATUSES,
  computeTotals,
  parseShard,
  type ImageReport,
  type Shard,
  type SyncReport
} from '../sync/index.js'

/** Report files read at most: a matrix has at most 256 jobs, this leaves room for stray files. */
const MAX_REPORT_FILES = 1024
const MAX_REPORT_BYTES = 256 * 1024 * 1024

export interface ShardReport {
  file: string
  report: SyncReport
  /** Absent: the run was not sharded (one report stands for the whole run). */
  shard?: Shard
  dryRun: boolean
}

export interface MergedReports {
  report: SyncReport
  /** Shards expected: n of the reports' `i/n`. */
  expected: number
  /** The reports' files, in shard order. */
  files: string[]
  dryRun: boolean
}

/** The `.json` files under `path` (a file, or a directory searched recursively), sorted. */
export async function findReportFiles(path: string): Promise<string[]> {
  let st
  try {
    st = await stat(path)
  } catch (error) {
    throw new Error(`merge-reports: ${path} does not exist (${(error as NodeJS.ErrnoException).code})`, {
      cause: error
    })
  }
  if (st.isFile()) return [path]
  const out: string[] = []
  const walk = async (dir: string): Promise<void> => {
    for (const d of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, d.name)
      if (d.isDirectory()) await walk(p)
      else if (d.isFile() && d.name.endsWith('.json')) {
        out.push(p)
        if (out.length > MAX_REPORT_FILES) {
          throw new Error(`merge-reports: more than ${MAX_REPORT_FILES} .json files under ${path}`)
        }
      }
    }
  }
  await walk(path)
  return out.sort()
}

function bad(file: string, why: string): Error {
  return new Error(`${file}: not a mirror-action report: ${why}`)
}

function checkImage(file: string, i: number, v: unknown): ImageReport {
  const im = v as Partial<ImageReport> | null
  if (!im || typeof im !== 'object') throw bad(file, `images[${i}] is not an object`)
  if (typeof im.source !== 'string' || typeof im.target !== 'string') {
    throw bad(file, `images[${i}] has no source or target`)
  }
  if (!IMAGE_STATUSES.includes(im.status as ImageReport['status'])) {
    throw bad(file, `images[${i}] has an unknown status ${JSON.stringify(im.status)}`)
  }
  if (typeof im.bytes !== 'number' || !Number.isFinite(im.bytes) || im.bytes < 0) {
    throw bad(file, `images[${i}] has no byte count`)
  }
  return im as ImageReport
}

/** One report file, checked field by field: a stray or truncated file is named, never half-merged. */
export async function readShardReport(file: string): Promise<ShardReport> {
  const st = await stat(file)
  if (st.size > MAX_REPORT_BYTES) throw bad(file, `larger than ${MAX_REPORT_BYTES} bytes`)
  let doc: unknown
  try {
    doc = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw bad(file, `invalid JSON (${(error as Error).message})`)
  }
  const d = doc as { images?: unknown; warnings?: unknown; shard?: unknown; dryRun?: unknown } | null
  if (!d || typeof d !== 'object' || !Array.isArray(d.images)) throw bad(file, 'no images list')
  const images = d.images.map((v, i) => checkImage(file, i, v))
  const warnings = Array.isArray(d.warnings) ? d.warnings.filter(w => typeof w === 'string') : []
  let shard: Shard | undefined
  if (d.shard !== undefined) {
    try {
      shard = parseShard(String(d.shard))
    } catch {
      throw bad(file, `shard ${JSON.stringify(d.shard)} is not i/n`)
    }
  }
  return {
    file,
    report: { images, totals: computeTotals(images), warnings },
    shard,
    dryRun: d.dryRun === true
  }
}

/**
 * Joins the reports of one sharded run. Throws when they disagree on n, when a shard appears twice,
 * or when a shard is missing: the totals would not be the run's.
 */
export function mergeShardReports(parts: ShardReport[]): MergedReports {
  if (parts.length === 0) throw new Error('merge-reports: no report files found')
  const counts = new Set(parts.map(p => p.shard?.count ?? 1))
  if (counts.size > 1) {
    const list = parts.map(p => `${p.file} (${p.shard ? `${p.shard.index}/${p.shard.count}` : 'unsharded'})`)
    throw new Error(`merge-reports: the reports come from different splits: ${list.join(', ')}`)
  }
  const expected = [...counts][0]
  const byIndex = new Map<number, ShardReport>()
  for (const p of parts) {
    const i = p.shard?.index ?? 1
    const other = byIndex.get(i)
    if (other)
      throw new Error(`merge-reports: shard ${i}/${expected} has two reports: ${other.file} and ${p.file}`)
    byIndex.set(i, p)
  }
  const missing: number[] = []
  for (let i = 1; i <= expected; i++) if (!byIndex.has(i)) missing.push(i)
  if (missing.length > 0) {
    const names = missing.map(i => `${i}/${expected}`)
    throw new Error(
      `merge-reports: ${missing.length} of ${expected} shard reports missing (${names.join(', ')}); ` +
        'their jobs failed or their artifacts were not downloaded'
    )
  }
  const ordered = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p)
  // Config order, as one unsharded run reports it (each shard is in config order already).
  const images = ordered
    .flatMap(p => p.report.images)
    .map((im, seq) => ({ im, seq }))
    .sort(
      (a, b) =>
        (a.im.position?.line ?? 0) - (b.im.position?.line ?? 0) ||
        (a.im.position?.col ?? 0) - (b.im.position?.col ?? 0) ||
        a.seq - b.seq
    )
    .map(x => x.im)
  const warnings = [...new Set(ordered.flatMap(p => p.report.warnings))]
  return {
    report: { images, totals: computeTotals(images), warnings },
    expected,
    files: ordered.map(p => p.file),
    dryRun: ordered.every(p => p.dryRun)
  }
}

/** Finds, reads and merges; any unreadable, foreign or missing report is an error naming it. */
export async function mergeReportFiles(path: string): Promise<MergedReports> {
  const files = await findReportFiles(path)
  const parts: ShardReport[] = []
  for (const f of files) parts.push(await readShardReport(f))
  return mergeShardReports(parts)
}
