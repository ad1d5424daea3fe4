/** The outcome of a sync: per-image lines, totals, the JSON report file and the exit code. */
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { redactText } from '../http/index.js'

export type ImageStatus = 'copied' | 'skipped' | 'failed' | 'planned' | 'deferred'
export const IMAGE_STATUSES: readonly ImageStatus[] = ['copied', 'skipped', 'failed', 'planned', 'deferred']

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
  position?: { line: number; col: number }
}

export interface SyncReport {
  images: ImageReport[]
  totals: Record<ImageStatus, number> & { bytes: number }
  warnings: string[]
}

export function computeTotals(images: ImageReport[]): SyncReport['totals'] {
  const totals = { copied: 0, skipped: 0, failed: 0, planned: 0, deferred: 0, bytes: 0 }
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

/** 1 when any image failed; deferred (rate limit) and planned (dry run) are not failures. */
export function exitCodeFor(report: SyncReport): 0 | 1 {
  return report.images.some(i => i.status === 'failed') ? 1 : 0
}

/** The report as written to `--report FILE`: stable key order, absent fields omitted. */
export function reportToJson(report: SyncReport): object {
  return {
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
      position: i.position
    })),
    totals: report.totals,
    warnings: report.warnings
  }
}

/** Written via a temp file and rename, so a reader never sees half a report. */
export async function writeJsonReport(report: SyncReport, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(tmp, JSON.stringify(reportToJson(report), null, 2) + '\n')
    await rename(tmp, file)
  } catch (error) {
    await rm(tmp, { force: true })
    throw new Error(`cannot write the report to ${file}: ${(error as Error).message}`, { cause: error })
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let v = n / 1024
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`
}

/** `sha256:0123456789ab` — enough to tell digests apart in a terminal. */
export function shortDigest(d: string | undefined): string {
  if (!d) return '-'
  const i = d.indexOf(':')
  return i < 0 ? d.slice(0, 12) : d.slice(0, i + 1 + 12)
}

/** One terminal line per image: status, source → target, short digest, size (and the error). */
export function formatImageLine(r: ImageReport): string {
  const digest = shortDigest(r.digest ?? r.sourceDigest)
  const size = r.status === 'copied' ? formatBytes(r.bytes) : '-'
  const tail = r.error ? `: ${r.error}` : r.change && r.status !== 'copied' ? ` (${r.change})` : ''
  return `${r.status.padEnd(8)} ${r.source} → ${r.target}  ${digest}  ${size}${tail}`
}

export function formatTotalsLine(report: SyncReport): string {
  const t = report.totals
  const parts = IMAGE_STATUSES.filter(s => t[s] > 0 || s === 'failed').map(s => `${t[s]} ${s}`)
  return `total: ${report.images.length} images: ${parts.join(', ')}; ${formatBytes(t.bytes)} copied`
}
