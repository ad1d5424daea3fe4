// The face: what other folders and the tests use from this folder.
export { commandSafe, escapeHtml, jsonSafe, mdCode, mdText, terminalSafe, visible } from './escape.js'
export { MAX_SUMMARY_BYTES, STATUS_LABEL, buildSummary, sortForSummary, statusLabel } from './summary.js'
export { reportToJson, writeJsonReport } from './json.js'
export type { ReportMeta } from './json.js'
export { findReportFiles, mergeReportFiles, mergeShardReports, readShardReport } from './merge.js'
export type { MergedReports, ShardReport } from './merge.js'
export { formatBytes, formatGroupLines, formatImageLine, formatTotalsLine, shortDigest } from './text.js'
export { downHostOf, hostDownGroups, hostDownLine, type HostDownGroup } from './groups.js'
export {
  LARGE_BLOB_BYTES,
  PROGRESS_INTERVAL_MS,
  TransferProgress,
  formatBar,
  formatEta,
  formatRate,
  renderBar,
  type ProgressEvent
} from './progress.js'
export { formatExplanation } from './explain.js'
