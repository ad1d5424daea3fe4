/**
 * The jobs of a sharded run besides the shards themselves: the plan job (`shards`), which sizes the
 * matrix from a dry run, and the merge job (`merge-reports`), which turns the shards' reports into
 * one summary and one set of outputs. Failing the step stays with main.ts: these return what failed.
 */
import * as core from '@actions/core'
import type { MirrorConfig } from '../config/index.js'
import type { RegistryClient } from '../registry/index.js'
import {
  estimatePlannedBytes,
  shardMatrix,
  sizeShards,
  type ImageReport,
  type ShardSizing,
  type SyncReport
} from '../sync/index.js'
import { escapeHtml, formatBytes, mergeReportFiles, type MergedReports } from '../report/index.js'
import type { ShardsInput } from './input-values.js'
import { out } from './log.js'

export interface ShardPlan {
  count: number
  /** The `matrix` output: `{"shard":["1/n",…]}`. */
  matrix: string
  sizing?: ShardSizing
}

/** The plan job's shard count: fixed, or sized by the dry run's plan (bytes read when capped). */
export async function planShards(
  config: MirrorConfig,
  report: SyncReport,
  shards: ShardsInput,
  client: RegistryClient
): Promise<ShardPlan> {
  if (shards.kind === 'fixed') {
    return { count: shards.count, matrix: JSON.stringify(shardMatrix(shards.count)) }
  }
  let bytesOf: ((r: ImageReport) => number) | undefined
  if (shards.maxBytes !== undefined) {
    const est = await estimatePlannedBytes(client, report.images)
    for (const w of est.warnings) report.warnings.push(w)
    bytesOf = r => est.bytes.get(r) ?? 0
  }
  const sizing = sizeShards(config, report.images, shards, bytesOf)
  out.info(`shards: auto → ${sizing.reason}`)
  return { count: sizing.count, matrix: JSON.stringify(shardMatrix(sizing.count)), sizing }
}

/** The plan job's outputs, next to the usual counts. */
export function setShardOutputs(plan: ShardPlan, set = core.setOutput): void {
  set('matrix', plan.matrix)
  set('shards', String(plan.count))
}

/** Lines for the plan job's summary: the count and what each shard will copy. */
export function shardPlanHtml(plan: ShardPlan): string {
  if (!plan.sizing) return `<p>Shards: ${plan.count} (fixed by the <code>shards</code> input).</p>`
  const rows = plan.sizing.loads
    .map(
      (l, i) =>
        `<tr><td>${i + 1}/${plan.count}</td><td>${l.images}</td><td>${l.bytes ? formatBytes(l.bytes) : '—'}</td></tr>`
    )
    .join('')
  return (
    `<p>Shards: ${escapeHtml(plan.sizing.reason)}.</p>` +
    `<table><tr><th>Shard</th><th>Images to copy</th><th>Estimated bytes</th></tr>${rows}</table>`
  )
}

/** The merge job's reading of the shards' reports; throws (naming the file or shard) when incomplete. */
export async function mergeReports(path: string): Promise<MergedReports> {
  const merged = await mergeReportFiles(path)
  out.info(`merge-reports: ${merged.files.length} report(s) of ${merged.expected} shard(s) merged`)
  return merged
}
