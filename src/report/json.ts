/** The report file (`--report FILE`, the action's report artifact). */
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Shard, SyncReport } from '../sync/index.js'
import { hostDownGroups } from './groups.js'

/** What a report says of its run besides the images: what merge-reports needs to check completeness. */
export interface ReportMeta {
  /** This job's part of a sharded run; written as `i/n`. */
  shard?: Shard
  dryRun?: boolean
}

/** The report as written to `--report FILE`: stable key order, absent fields omitted. */
export function reportToJson(report: SyncReport, meta: ReportMeta = {}): object {
  return {
    shard: meta.shard && meta.shard.count > 1 ? `${meta.shard.index}/${meta.shard.count}` : undefined,
    dryRun: meta.dryRun ? true : undefined,
    images: report.images.map(i => ({
      source: i.source,
      target: i.target,
      sourceDigest: i.sourceDigest,
      digest: i.digest,
      status: i.status,
      change: i.change,
      bytes: i.bytes,
      durationMs: i.durationMs,
      error: i.error,
      digestChanged: i.digestChanged,
      note: i.note,
      eligibleAt: i.eligibleAt,
      cached: i.cached,
      prune: i.prune,
      signatures: i.signatures,
      plannedSignatures: i.plannedSignatures,
      position: i.position
    })),
    totals: report.totals,
    warnings: report.warnings,
    // Failures with one cause (a host down), said once; each image keeps its own entry above.
    groups: hostDownGroups(report.images).map(g => ({
      kind: g.kind,
      host: g.host,
      count: g.images.length,
      firstError: g.firstError,
      images: g.images.map(i => ({ source: i.source, target: i.target }))
    }))
  }
}

/** Written via a temp file and rename, so a reader never sees half a report. */
export async function writeJsonReport(
  report: SyncReport,
  file: string,
  meta: ReportMeta = {}
): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(tmp, JSON.stringify(reportToJson(report, meta), null, 2) + '\n')
    await rename(tmp, file)
  } catch (error) {
    await rm(tmp, { force: true })
    throw new Error(`cannot write the report to ${file}: ${(error as Error).message}`, { cause: error })
  }
}
