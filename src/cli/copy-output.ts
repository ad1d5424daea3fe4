/**
 * What `mirror-action copy` prints: on a TTY one progress line rewritten in place; elsewhere (CI
 * logs) one line per finished blob and manifest, so a log shows what moved without noise.
 */
import type { CopyHooks, CopyResult } from '../copy/index.js'
import { printable } from './print.js'

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let v = n
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`
}

const short = (digest: string): string => digest.slice(0, 19)

type Out = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean }

export class CopyReporter {
  private copied = 0
  private mounted = 0
  private present = 0
  private bytes = 0
  private total = 0
  private lineShown = false
  private lastDraw = 0

  constructor(
    private readonly out: Out,
    private readonly opts: { quiet?: boolean; tty?: boolean } = {}
  ) {}

  private get tty(): boolean {
    return this.opts.tty ?? this.out.isTTY === true
  }

  private line(raw: string): void {
    if (this.opts.quiet) return
    const text = printable({ isTTY: this.tty })(raw)
    if (this.tty) {
      // Keep the progress line below the messages.
      this.clear()
      this.out.write(text + '\n')
      this.draw(true)
    } else {
      this.out.write(text + '\n')
    }
  }

  private clear(): void {
    if (this.lineShown) this.out.write('\r\x1b[K')
    this.lineShown = false
  }

  private draw(force = false): void {
    if (!this.tty || this.opts.quiet) return
    const now = Date.now()
    // Redraw at most ten times a second: a fast copy would otherwise spend its time on the terminal.
    if (!force && now - this.lastDraw < 100) return
    this.lastDraw = now
    const pct = this.total > 0 ? ` ${Math.floor((100 * this.bytes) / this.total)}%` : ''
    this.out.write(
      `\r\x1b[K${formatBytes(this.bytes)} / ${formatBytes(this.total)}${pct}  blobs: ${this.copied} copied, ${this.mounted} mounted, ${this.present} present`
    )
    this.lineShown = true
  }

  /** The hooks of the one copy this reports on (copy() options). */
  hooks(): CopyHooks {
    return {
      onProgress: e => {
        this.bytes = e.bytes
        this.total = e.total
        this.draw()
      },
      onCopied: e => {
        this.copied++
        if (!this.tty) this.line(`blob ${short(e.blob.digest)} ${formatBytes(e.bytes)} copied`)
        else this.draw()
      },
      onMounted: e => {
        this.mounted++
        if (!this.tty) this.line(`blob ${short(e.blob.digest)} mounted from ${e.from.repository}`)
        else this.draw()
      },
      onSkipped: e => {
        this.present++
        const why = e.reason === 'exists' ? 'already present' : 'copied earlier in this run'
        if (!this.tty) this.line(`blob ${short(e.blob.digest)} ${why}`)
        else this.draw()
      },
      onManifest: e => {
        this.line(`manifest ${e.digest} ${e.tag ? `tagged ${e.tag}` : 'written'} (${e.mediaType})`)
      },
      onWarning: m => {
        this.clear()
        this.out.write(`${printable({ isTTY: this.tty })(`warning: ${m}`)}\n`)
        this.draw(true)
      }
    }
  }

  /** Remove the progress line before the final output. */
  finish(): void {
    if (this.tty) this.clear()
  }

  summary(src: string, dst: string, r: CopyResult): string {
    const parts = [
      `${r.blobsCopied} blob(s) copied (${formatBytes(r.bytes)})`,
      `${r.blobsMounted} mounted`,
      `${r.blobsSkipped} already present`
    ]
    if (r.referrers) parts.push(`${r.referrers} referrer(s)`)
    let text = r.upToDate
      ? `Up to date: ${dst} is already ${r.digest}${r.referrers ? ` (${r.referrers} referrer(s) checked)` : ''}\n`
      : `Copied ${src} to ${dst}: ${r.digest}\n  ${parts.join(', ')}\n`
    if (r.digestChanged) text += `  digest changed: the source is ${r.sourceDigest}\n`
    return text
  }
}
