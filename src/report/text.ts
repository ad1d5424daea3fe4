/** Text presenters shared by the CLI and the action log: sizes, short digests, one line per image. */
import { IMAGE_STATUSES, type ImageReport, type SyncReport } from '../sync/index.js'
import { downHostOf, hostDownGroups, hostDownLine } from './groups.js'

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
  const note = r.cached ? 'cached' : r.change
  const down = downHostOf(r.error)
  // The error every image on a dead host repeats is said once, by formatGroupLines.
  const tail = down
    ? `: ${down} is down (not tried again this run)`
    : r.error
      ? `: ${r.error}`
      : r.note
        ? `: ${r.note}`
        : note && r.status !== 'copied'
          ? ` (${note})`
          : ''
  const signed = r.signatures?.length
    ? `  signed: ${r.signatures.map(x => x.where).join(', ')}`
    : r.plannedSignatures?.length
      ? `  would sign: ${r.plannedSignatures.map(x => `${x.format} (${x.by})`).join(', ')}`
      : ''
  // A retention row is about the target tag; what it was mirrored from follows in the note.
  if (r.prune) return `${r.status.padEnd(8)} ${r.target}  ${digest}${tail || ` (from ${r.source})`}`
  return `${r.status.padEnd(8)} ${r.source} → ${r.target}  ${digest}  ${size}${tail}${signed}`
}

export function formatTotalsLine(report: SyncReport): string {
  const t = report.totals
  const parts = IMAGE_STATUSES.filter(s => t[s] > 0 || s === 'failed').map(s => `${t[s]} ${s}`)
  return `total: ${report.images.filter(r => !r.prune).length} images: ${parts.join(', ')}; ${formatBytes(t.bytes)} copied`
}

/** One line per host that is down: `HOST is down: N images failed (first error: …)`. */
export function formatGroupLines(report: SyncReport): string[] {
  return hostDownGroups(report.images).map(hostDownLine)
}
