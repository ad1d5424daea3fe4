/**
 * Progress on the CLI's stderr, from the presenter the action uses (report/progress.ts). On a
 * terminal: one bar per image and per blob in flight, with rate and ETA, redrawn in place below
 * the messages. Elsewhere (CI logs, pipes): a line when each image and each large blob starts,
 * and one progress line per interval while bytes move. `quiet` prints nothing here at all.
 */
import type { CopyHooks } from '../copy/index.js'
import { formatBytes, shortDigest, TransferProgress } from '../report/index.js'
import { printable } from './print.js'

type Out = { write(text: string): unknown; isTTY?: boolean; columns?: number }

/** At most this many bar lines: a sync of many images must not scroll the terminal away. */
const MAX_BARS = 12
/** Terminal redraws at most this often: a fast copy would otherwise spend its time drawing. */
const REDRAW_MS = 100

export interface CliProgressOptions {
  quiet?: boolean
  /** Terminal or not; default: the stream's isTTY. */
  tty?: boolean
  now?: () => number
  /** The log line interval; default: MIRROR_ACTION_PROGRESS_INTERVAL_MS (ms), else 10 s. */
  intervalMs?: number
}

/** The hidden knob for tests (and impatient logs): a progress interval in milliseconds. */
export function intervalFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = env.MIRROR_ACTION_PROGRESS_INTERVAL_MS
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined
}

export class CliProgress {
  readonly tty: boolean
  private readonly quiet: boolean
  private readonly board: TransferProgress
  private readonly now: () => number
  private readonly safe: (line: string) => string
  private shown = 0
  private lastDraw = 0
  /** The status line under the bars (copy's blob counts), if any. */
  status = ''

  constructor(
    private readonly out: Out,
    opts: CliProgressOptions = {}
  ) {
    this.tty = opts.tty ?? out.isTTY === true
    this.quiet = opts.quiet === true
    this.now = opts.now ?? Date.now
    this.board = new TransferProgress({ now: this.now, intervalMs: opts.intervalMs ?? intervalFromEnv() })
    this.safe = printable({ isTTY: this.tty })
  }

  /** A message line (above the bars on a terminal). */
  line(raw: string): void {
    if (this.quiet) return
    this.clear()
    this.out.write(this.safe(raw) + '\n')
    this.draw(true)
  }

  /** An image starts: the hooks that feed its bars; `announce` is its log line without a terminal. */
  imageStart(key: string, label: string, announce?: string): CopyHooks {
    this.board.imageStart(key, label)
    if (!this.tty && announce) this.line(announce)
    else this.draw(true)
    return {
      onBlobStart: e => {
        const large = this.board.blobStart(key, e.blob)
        if (!this.tty && large)
          this.line(`blob ${shortDigest(e.blob.digest)} (${formatBytes(e.blob.size)}) started`)
        else this.draw()
      },
      onProgress: e => {
        this.board.progress(key, e)
        if (this.tty) return this.draw()
        const due = this.board.dueLine()
        if (due) this.line(due)
      }
    }
  }

  imageDone(key: string): void {
    this.board.imageDone(key)
    this.draw(true)
  }

  /** Redraw the bars (a terminal only), at most every REDRAW_MS unless forced. */
  draw(force = false): void {
    if (!this.tty || this.quiet) return
    const now = this.now()
    if (!force && now - this.lastDraw < REDRAW_MS) return
    this.lastDraw = now
    let bars = this.board.bars()
    if (bars.length > MAX_BARS) bars = [...bars.slice(0, MAX_BARS), `… ${bars.length - MAX_BARS} more`]
    if (this.status) bars.push(this.status)
    // A pty without a size (script, some CI shells) reports 0 columns: assume a common width.
    const cols = this.out.columns || 120
    this.clear()
    // Lines cut to the terminal's width: a wrapped line would throw off the count to erase.
    this.out.write(bars.map(b => this.safe(b).slice(0, Math.max(20, cols - 1)) + '\n').join(''))
    this.shown = bars.length
  }

  /** Erase the bars (before a message, and before the final output). */
  clear(): void {
    if (this.shown > 0) this.out.write(`\x1b[${this.shown}F\x1b[J`)
    this.shown = 0
  }
}
