/** The step's outputs: counts for later steps' conditions, and where the JSON report is. */
import * as core from '@actions/core'
import { jsonSafe } from '../report/index.js'
import type { SyncReport } from '../sync/index.js'

export interface ImageOutput {
  source: string
  target: string
  /** Full digest: what the target holds (copied, up to date), else the source's (planned, deferred). */
  digest: string | null
  status: string
}

export interface ActionOutputs {
  mirrored: number
  skipped: number
  failed: number
  /** Images left for a later run because a source's pull quota was (nearly) spent. */
  deferred: number
  drifted: number
  waiting: number
  /** Target tags retention deleted this run (a dry run deletes none). */
  pruned: number
  report: string
  /** JSON `[{source, target, digest, status}]`, or '' when it would pass MAX_IMAGES_OUTPUT_BYTES. */
  images: string
}

/** GitHub allows 1 MB of outputs per job; past this the list is left to the report file. */
export const MAX_IMAGES_OUTPUT_BYTES = 900_000

/** The `images` output's JSON, or undefined when it is too large for an output. */
export function imagesOutput(report: SyncReport): string | undefined {
  const list: ImageOutput[] = report.images.map(r => ({
    source: r.source,
    target: r.target,
    digest: r.digest ?? r.sourceDigest ?? null,
    status: r.status
  }))
  const json = jsonSafe(JSON.stringify(list))
  return Buffer.byteLength(json) > MAX_IMAGES_OUTPUT_BYTES ? undefined : json
}

/** `mirrored` counts images written this run; a dry run writes none. */
export function outputsFor(
  report: SyncReport,
  reportPath: string,
  warn?: (m: string) => void
): ActionOutputs {
  const images = imagesOutput(report)
  if (images === undefined) {
    warn?.(
      `The 'images' output is left empty: the list of ${report.images.length} images is over GitHub's output size limit. ` +
        "The JSON report (output 'report') has every image with its full digest."
    )
  }
  return {
    images: images ?? '',
    mirrored: report.totals.copied,
    skipped: report.totals.skipped,
    failed: report.totals.failed,
    deferred: report.totals.deferred,
    drifted: report.totals.drifted,
    waiting: report.totals.waiting,
    pruned: report.totals.pruned,
    report: reportPath
  }
}

export function setOutputs(
  o: ActionOutputs,
  set: (name: string, value: string) => void = core.setOutput
): void {
  set('mirrored', String(o.mirrored))
  set('skipped', String(o.skipped))
  set('failed', String(o.failed))
  set('deferred', String(o.deferred))
  set('drifted', String(o.drifted))
  set('waiting', String(o.waiting))
  set('pruned', String(o.pruned))
  set('report', o.report)
  set('images', o.images)
}
