/** The step's outputs: counts for later steps' conditions, and where the JSON report is. */
import * as core from '@actions/core'
import type { SyncReport } from '../sync/index.js'

export interface ActionOutputs {
  mirrored: number
  skipped: number
  failed: number
  /** Images left for a later run because a source's pull quota was (nearly) spent. */
  deferred: number
  drifted: number
  waiting: number
  report: string
}

/** `mirrored` counts images written this run; a dry run writes none. */
export function outputsFor(report: SyncReport, reportPath: string): ActionOutputs {
  return {
    mirrored: report.totals.copied,
    skipped: report.totals.skipped,
    failed: report.totals.failed,
    deferred: report.totals.deferred,
    drifted: report.totals.drifted,
    waiting: report.totals.waiting,
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
  set('report', o.report)
}
