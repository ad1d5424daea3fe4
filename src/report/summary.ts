/**
 * The job summary: failures first with their reasons, then a table of every image, then totals.
 * In a dry run it is the plan (new / changed / unchanged). Every value from the config or a registry
 * goes through escapeHtml (./escape.ts): a pull request controls the config, a registry its names
 * and error texts, and the summary renders HTML and Markdown.
 */
import type { ImageReport, SyncReport } from '../sync/index.js'
import { escapeHtml } from './escape.js'
import { hostDownGroups, hostDownLine } from './groups.js'
import { formatBytes, shortDigest } from './text.js'

export { escapeHtml }

/** core.summary's table row (its type is not exported from the package root). */
export type SummaryTableRow = (string | { data: string; header?: boolean })[]

/** What core.summary offers that we use; the real `core.summary` satisfies it. */
export interface SummaryWriter {
  addHeading(text: string, level?: number | string): SummaryWriter
  addRaw(text: string, addEOL?: boolean): SummaryWriter
  addTable(rows: SummaryTableRow[]): SummaryWriter
  addList(items: string[], ordered?: boolean): SummaryWriter
}

export interface SummaryContext {
  dryRun: boolean
  /** Config file as shown to the user, or "input 'images'". */
  config: string
  /** Target registries whose current state could not be checked (no credentials, e.g. a fork's PR). */
  uncheckedTargets?: string[]
  shard?: { index: number; count: number }
  /** merge-reports: the summary stands for this many shard jobs. */
  merged?: number
  /** One line about the digest cache (restored from key …, unavailable, disabled). */
  cacheNote?: string
  /** Rows beyond this go only to the JSON report; the summary has a 1 MiB limit. */
  maxRows?: number
  /** The whole summary stays under this many bytes (MAX_SUMMARY_BYTES). */
  maxBytes?: number
}

export const MAX_SUMMARY_ROWS = 500
/** The summary has a 1 MiB limit; the table and the JSON report have every deferred image too. */
const MAX_DEFERRED_LISTED = 100

/**
 * GitHub drops a step's whole summary above 1 MiB. The parts that grow with the run (the failure
 * list, the table, the warnings) each get a share of this; what does not fit is counted in a note
 * and stays in the JSON report.
 */
export const MAX_SUMMARY_BYTES = 1_000_000
const BUDGET = { failures: 0.35, table: 0.4, warnings: 0.1 } as const

/** The leading items whose bytes (plus per-item markup) fit in `budget`. */
function within(items: string[], budget: number, markup: number): string[] {
  let used = 0
  let n = 0
  for (const item of items) {
    used += Buffer.byteLength(item) + markup
    if (used > budget) break
    n++
  }
  return items.slice(0, n)
}

function more(n: number, what: string): string {
  return `<p>… and ${n} more ${what}; the JSON report (output <code>report</code>) lists all.</p>`
}

const ORDER: Record<ImageReport['status'], number> = {
  failed: 0,
  drifted: 1,
  deferred: 2,
  waiting: 3,
  copied: 4,
  planned: 5,
  skipped: 6,
  'prune-refused': 7,
  'prune-planned': 8,
  pruned: 9,
  kept: 10
}
const CHANGE_ORDER = { new: 0, changed: 1, unknown: 2, unchanged: 3 }

/** Failures first, then drifted, deferred, waiting, copied, planned, skipped; config order within each. */
export function sortForSummary(images: ImageReport[]): ImageReport[] {
  return images
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        ORDER[a.r.status] - ORDER[b.r.status] ||
        CHANGE_ORDER[a.r.change ?? 'unknown'] - CHANGE_ORDER[b.r.change ?? 'unknown'] ||
        a.i - b.i
    )
    .map(x => x.r)
}

export const STATUS_LABEL: Record<ImageReport['status'], string> = {
  failed: '❌ failed',
  deferred: '⏸️ deferred',
  copied: '✅ copied',
  planned: '📝 planned',
  skipped: '⏭️ up to date',
  drifted: '⚠️ drifted',
  waiting: '⏳ waiting',
  pruned: '🗑️ deleted',
  'prune-planned': '🗑️ would delete',
  kept: '🔒 kept',
  'prune-refused': '🚫 delete refused'
}

/** A skip the digest cache answered for is "cached": nobody looked at the target this run. */
export function statusLabel(r: Pick<ImageReport, 'status' | 'cached'>): string {
  return r.status === 'skipped' && r.cached ? '⏭️ cached' : STATUS_LABEL[r.status]
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

function code(s: string): string {
  return `<code>${escapeHtml(s)}</code>`
}

export function buildSummary(s: SummaryWriter, report: SyncReport, ctx: SummaryContext): SummaryWriter {
  const t = report.totals
  const shard =
    ctx.shard && ctx.shard.count > 1
      ? ` — shard ${ctx.shard.index}/${ctx.shard.count}`
      : ctx.merged
        ? ` — ${ctx.merged} shard${ctx.merged === 1 ? '' : 's'} merged`
        : ''
  s.addHeading(ctx.dryRun ? `Mirror plan (dry run)${shard}` : `Mirror${shard}`, 2)
  s.addRaw(`<p>Config: ${code(ctx.config)}</p>`, true)

  const maxBytes = ctx.maxBytes ?? MAX_SUMMARY_BYTES
  const failed = report.images.filter(r => r.status === 'failed')
  if (failed.length > 0) {
    s.addHeading(`${failed.length} failed`, 3)
    // A host that is down: its error once, its images listed under it without repeating it.
    const groups = hostDownGroups(failed)
    const grouped = new Set(groups.flatMap(g => g.images))
    for (const g of groups) {
      s.addRaw(`<p>${escapeHtml(hostDownLine(g))}</p>`, true)
      const names = g.images.map(r => `${code(r.source)} → ${code(r.target)}`)
      const listed = within(names, (maxBytes * BUDGET.failures) / (groups.length + 1), '<li></li>'.length)
      s.addRaw(`<details><summary>${g.images.length} images on ${code(g.host)}</summary>`, true)
      if (listed.length > 0) s.addList(listed)
      if (listed.length < names.length) s.addRaw(more(names.length - listed.length, 'images'), true)
      s.addRaw('</details>', true)
    }
    const items = failed
      .filter(r => !grouped.has(r))
      .map(r => `${code(r.source)} → ${code(r.target)}: ${escapeHtml(r.error ?? 'failed')}`)
    const shown = within(items, maxBytes * BUDGET.failures, '<li></li>'.length)
    if (shown.length > 0) s.addList(shown)
    if (shown.length < items.length) s.addRaw(more(items.length - shown.length, 'failures'), true)
  }
  const deferred = report.images.filter(r => r.status === 'deferred')
  if (deferred.length > 0) {
    s.addHeading(`${deferred.length} deferred (rate limit)`, 3)
    s.addRaw(
      "<p>A source's pull quota was spent or below the reserve (<code>rate-limit-reserve</code>): these wait for the next run.</p>",
      true
    )
    const list = deferred.slice(0, MAX_DEFERRED_LISTED).map(r => `${code(r.source)} → ${code(r.target)}`)
    if (deferred.length > MAX_DEFERRED_LISTED)
      list.push(`… and ${deferred.length - MAX_DEFERRED_LISTED} more (the JSON report lists all)`)
    s.addList(list)
  }
  for (const status of ['drifted', 'waiting'] as const) {
    const held = report.images.filter(r => r.status === status)
    if (held.length === 0) continue
    s.addHeading(`${held.length} ${status === 'drifted' ? 'drifted (left alone)' : 'waiting (min-age)'}`, 3)
    s.addList(held.map(r => `${code(r.source)} → ${code(r.target)}: ${escapeHtml(r.note ?? status)}`))
  }
  const pruneRows = report.images.filter(r => r.prune && r.status !== 'failed')
  if (pruneRows.length > 0) {
    const n = ctx.dryRun ? t['prune-planned'] : t.pruned
    s.addHeading(
      `Retention (prune): ${n} tag${n === 1 ? '' : 's'} ${ctx.dryRun ? 'to delete' : 'deleted'}`,
      3
    )
    const items = pruneRows.map(
      r => `${STATUS_LABEL[r.status]} ${code(r.target)}: ${escapeHtml(r.note ?? '')}`
    )
    const shown = within(items, maxBytes * BUDGET.warnings, '<li></li>'.length)
    if (shown.length > 0) s.addList(shown)
    if (shown.length < items.length) s.addRaw(more(items.length - shown.length, 'tags'), true)
  }
  const signed = report.images.flatMap(r => (r.signatures ?? []).map(x => `${x.format}: ${code(x.where)}`))
  if (signed.length > 0) {
    s.addHeading(`${signed.length} signature${signed.length === 1 ? '' : 's'} written`, 3)
    const list = signed.slice(0, MAX_DEFERRED_LISTED)
    if (signed.length > MAX_DEFERRED_LISTED)
      list.push(`… and ${signed.length - MAX_DEFERRED_LISTED} more (the JSON report lists all)`)
    s.addList(list)
  }
  const toSign = report.images.flatMap(r =>
    (r.plannedSignatures ?? []).map(x => `${x.format} (${x.by}): ${code(x.where)}`)
  )
  if (toSign.length > 0) {
    s.addHeading(`${toSign.length} signature${toSign.length === 1 ? '' : 's'} to write (dry run)`, 3)
    const list = toSign.slice(0, MAX_DEFERRED_LISTED)
    if (toSign.length > MAX_DEFERRED_LISTED)
      list.push(`… and ${toSign.length - MAX_DEFERRED_LISTED} more (the JSON report lists all)`)
    s.addList(list)
  }
  if (ctx.dryRun) {
    const counts = { new: 0, changed: 0, unchanged: 0, unknown: 0 }
    for (const r of report.images) if (r.status !== 'failed' && !r.prune) counts[r.change ?? 'unknown']++
    const parts = [`${counts.new} new`, `${counts.changed} changed`, `${counts.unchanged} unchanged`]
    if (counts.unknown > 0) parts.push(`${counts.unknown} not checked against the target`)
    s.addRaw(
      `<p><strong>Plan:</strong> ${parts.join(', ')}${failed.length ? `; ${failed.length} failed` : ''}` +
        `${t['prune-planned'] ? `; ${t['prune-planned']} tags to delete (prune)` : ''}. Nothing was written.</p>`,
      true
    )
  }
  if (ctx.uncheckedTargets && ctx.uncheckedTargets.length > 0) {
    const hosts = ctx.uncheckedTargets.map(code).join(', ')
    s.addRaw(
      `<p>⚠️ Not checked: no credentials for ${hosts}, so whether the target already holds each image ` +
        `(and whether the credentials may push there) was not verified; those images show as <em>unknown</em>.</p>`,
      true
    )
  }

  const sorted = sortForSummary(report.images)
  const max = ctx.maxRows ?? MAX_SUMMARY_ROWS
  const header = ['Status', 'Source', 'Target', 'Digest', 'Size', 'Time'].concat(ctx.dryRun ? ['Change'] : [])
  const rows: SummaryTableRow[] = [header.map(h => ({ data: h, header: true }))]
  let tableBytes = 0
  for (const r of sorted.slice(0, max)) {
    const row = [
      statusLabel(r),
      code(r.source),
      code(r.target),
      code(shortDigest(r.digest ?? r.sourceDigest)),
      r.bytes > 0 ? formatBytes(r.bytes) : '-',
      seconds(r.durationMs)
    ]
    if (ctx.dryRun) row.push(r.change ?? 'unknown')
    tableBytes += row.reduce(
      (n, cell) => n + Buffer.byteLength(cell) + '<td></td>'.length,
      '<tr></tr>'.length
    )
    if (tableBytes > maxBytes * BUDGET.table) break
    rows.push(row.map(data => ({ data })))
  }
  if (report.images.length > 0) s.addTable(rows)
  else s.addRaw('<p>No images matched this run (empty config, or none in this shard).</p>', true)
  const shownRows = rows.length - 1
  if (sorted.length > shownRows) s.addRaw(more(sorted.length - shownRows, 'images'), true)

  const cached = report.images.filter(r => r.status === 'skipped' && r.cached).length
  const totals = [
    `${t.copied} copied`,
    `${t.skipped - cached} up to date`,
    ...(cached ? [`${cached} cached (target not checked)`] : []),
    `${t.failed} failed`,
    ...(t.planned ? [`${t.planned} planned`] : []),
    ...(t.deferred ? [`${t.deferred} deferred`] : []),
    ...(t.drifted ? [`${t.drifted} drifted (left alone)`] : []),
    ...(t.waiting ? [`${t.waiting} waiting (min-age)`] : []),
    ...(t.pruned ? [`${t.pruned} tags deleted (prune)`] : []),
    ...(t['prune-planned'] ? [`${t['prune-planned']} tags to delete (prune)`] : []),
    ...(t.kept ? [`${t.kept} kept (prune)`] : []),
    ...(t['prune-refused'] ? [`${t['prune-refused']} not deleted (registry refuses)`] : [])
  ]
  s.addRaw(
    `<p><strong>Total:</strong> ${report.images.filter(r => !r.prune).length} images: ${totals.join(', ')}; ${formatBytes(t.bytes)} transferred.</p>`,
    true
  )
  if (ctx.cacheNote) s.addRaw(`<p>Digest cache: ${escapeHtml(ctx.cacheNote)}</p>`, true)
  if (report.warnings.length > 0) {
    s.addHeading('Warnings', 3)
    const shown = within(report.warnings.map(escapeHtml), maxBytes * BUDGET.warnings, '<li></li>'.length)
    if (shown.length > 0) s.addList(shown)
    if (shown.length < report.warnings.length)
      s.addRaw(more(report.warnings.length - shown.length, 'warnings'), true)
  }
  return s
}
