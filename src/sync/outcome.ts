/** One image's report, from its plan: the common fields, and the words for a tag the policy kept. */
import type { PlannedImage } from './plan.js'
import type { ImageReport, ImageStatus } from './report.js'
import type { StateStore } from './state.js'

export function report(p: PlannedImage, status: ImageStatus, extra: Partial<ImageReport> = {}): ImageReport {
  const r: ImageReport = {
    source: p.source,
    target: p.target,
    sourceDigest: p.sourceDigest,
    status,
    change: p.decision?.change,
    bytes: 0,
    durationMs: 0,
    position: p.entry.position,
    ...extra
  }
  for (const k of Object.keys(r) as (keyof ImageReport)[]) if (r[k] === undefined) delete r[k]
  return r
}

/** A tag the overwrite policy keeps: the report names what is there and, on drift, what we wrote. */
export function held(state: StateStore | undefined, p: PlannedImage, durationMs: number): ImageReport {
  const d = p.decision!
  const at = p.targetDigest ?? 'another digest'
  if (d.held === 'never') {
    const note = `the target tag holds ${at}; overwrite: never keeps it`
    return report(p, 'skipped', { digest: p.targetDigest, note, durationMs })
  }
  const written = state?.lastWritten(p.target)
  const whose =
    written && !state!.owns(written)
      ? `another config wrote it (${written.config ?? 'unknown'})`
      : `the mirror last wrote ${written?.digest ?? 'another digest'}`
  const note = `the target tag holds ${at} but ${whose}; left alone (overwrite: ${p.entry.overwrite}; set overwrite: always to replace it)`
  return report(p, 'drifted', { digest: p.targetDigest, note, durationMs })
}
