/**
 * The action's log: one collapsible group per image, periodic progress on long transfers, one total.
 * Images copy concurrently, so lines from the engine hooks are buffered per image and the group is
 * written in one piece when the image is done; otherwise groups would interleave and nest wrongly.
 *
 * Every line, group name, annotation and failure message the action writes passes commandSafe
 * (report/escape.ts) exactly once, in ActionLog or `out` below: tag names, repository names and
 * registry error texts are remote text, and a line of theirs must never become a workflow command.
 */
import * as core from '@actions/core'
import type { CopyHooks } from '../copy/index.js'
import { commandSafe } from '../report/index.js'
import type { ImageReport, SyncReport } from '../sync/index.js'
import {
  formatBytes,
  formatGroupLines,
  formatTotalsLine,
  shortDigest,
  TransferProgress
} from '../report/index.js'

export interface LogSink {
  info(line: string): void
  startGroup(name: string): void
  endGroup(): void
}

export { PROGRESS_INTERVAL_MS } from '../report/index.js'

/** The action's writers to the workflow log outside ActionLog (config errors: report/annotations.ts). */
export const out = {
  info: (line: string): void => core.info(commandSafe(line)),
  warning: (message: string): void => core.warning(commandSafe(message)),
  /** Shown only when the run has debug logging on (RUNNER_DEBUG); URLs and hosts are remote text too. */
  debug: (line: string): void => core.debug(commandSafe(line)),
  /** Each element is one line of the message (the annotation keeps them as lines). */
  setFailed: (lines: string | string[]): void =>
    core.setFailed((typeof lines === 'string' ? [lines] : lines).map(commandSafe).join('\n'))
}

const STATUS_WORD: Record<ImageReport['status'], string> = {
  copied: 'copied',
  skipped: 'up to date',
  failed: 'FAILED',
  planned: 'planned',
  deferred: 'deferred (rate limit)',
  drifted: 'drifted (left alone)',
  waiting: 'waiting (min-age)',
  pruned: 'deleted (prune)',
  'prune-planned': 'would delete (prune)',
  kept: 'kept (prune)',
  'prune-refused': 'not deleted: the registry refuses deletes (prune)'
}

interface Active {
  source: string
  target: string
  lines: string[]
}

/** Same pair, same image: the plan hands both callbacks the very same strings. */
const keyOf = (e: { source: string; target: string }): string => `${e.source}\n${e.target}`

export class ActionLog {
  private readonly sink: LogSink
  private readonly active = new Map<string, Active>()
  /** The progress presenter the CLI uses too: the action prints its periodic log line. */
  private readonly transfers: TransferProgress

  constructor(opts: { sink?: LogSink; now?: () => number; progressIntervalMs?: number } = {}) {
    const sink = opts.sink ?? { info: core.info, startGroup: core.startGroup, endGroup: core.endGroup }
    this.sink = {
      info: line => sink.info(commandSafe(line)),
      startGroup: name => sink.startGroup(commandSafe(name)),
      endGroup: () => sink.endGroup()
    }
    this.transfers = new TransferProgress({ now: opts.now, intervalMs: opts.progressIntervalMs })
  }

  /**
   * An image's copy starts: returns the engine hooks for that copy (sync's `onImageStart`), so each
   * event lands in this image's group whatever the engine calls the destination.
   */
  imageStart(image: { source: string; target: string }): CopyHooks {
    const a: Active = { source: image.source, target: image.target, lines: [] }
    const key = keyOf(image)
    this.active.set(key, a)
    this.transfers.imageStart(key, image.target)
    const note = (line: string): void => {
      a.lines.push(line)
    }
    return {
      onCopied: e => note(`copied ${shortDigest(e.blob.digest)} (${formatBytes(e.bytes)})`),
      onMounted: e =>
        note(`mounted ${shortDigest(e.blob.digest)} from ${e.from.registry}/${e.from.repository}`),
      onSkipped: e =>
        note(
          `skipped ${shortDigest(e.blob.digest)}: ${e.reason === 'exists' ? 'already in the target' : 'copied earlier in this run'}`
        ),
      onManifest: e =>
        note(`wrote manifest ${shortDigest(e.digest)} (${e.mediaType})${e.tag ? ` as tag ${e.tag}` : ''}`),
      onBlobStart: e => this.transfers.blobStart(key, e.blob),
      onProgress: e => {
        this.transfers.progress(key, e)
        const line = this.transfers.dueLine()
        if (line) this.sink.info(line)
      },
      onWarning: message => note(`note: ${message}`)
    }
  }

  /** Writes the image's group: its buffered engine lines, then the outcome. */
  imageDone(r: ImageReport): void {
    const key = keyOf(r)
    const a = this.active.get(key)
    this.active.delete(key)
    this.transfers.imageDone(key)
    const digest = shortDigest(r.digest ?? r.sourceDigest)
    const word = r.status === 'skipped' && r.cached ? 'cached' : STATUS_WORD[r.status]
    this.sink.startGroup(`${word}: ${r.source} → ${r.target} (${digest})`)
    for (const line of a?.lines ?? []) this.sink.info(line)
    const size = r.bytes > 0 ? `, ${formatBytes(r.bytes)} transferred` : ''
    const change = r.change ? ` [${r.change}]` : ''
    const digestNote = r.digestChanged
      ? ' (target digest differs from the source: platforms/attestations/format changed)'
      : ''
    this.sink.info(`${word}${change} in ${(r.durationMs / 1000).toFixed(1)} s${size}${digestNote}`)
    if (r.error) this.sink.info(`error: ${r.error}`)
    if (r.note) this.sink.info(r.note)
    this.sink.endGroup()
  }

  /** One line at the end: counts and bytes. */
  total(report: SyncReport): void {
    for (const line of formatGroupLines(report)) this.sink.info(line)
    this.sink.info(formatTotalsLine(report))
  }
}
