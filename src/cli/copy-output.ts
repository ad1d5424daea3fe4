/**
 * What `mirror-action copy` prints: on a TTY progress bars (the image, each blob in flight) redrawn
 * in place; elsewhere (CI logs) one line per finished blob and manifest, a line when a large blob
 * starts and a progress line per interval, so a log shows what moved without noise. `-q`: the
 * summary line only.
 */
import type { CopyHooks, CopyResult } from '../copy/index.js'
import { CliProgress, type CliProgressOptions } from './progress.js'

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

type Out = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number }

/** The one image a copy reports on, as the progress board knows it. */
const IMAGE = 'copy'

export class CopyReporter {
  private copied = 0
  private mounted = 0
  private present = 0
  private readonly progress: CliProgress
  private readonly quiet: boolean

  constructor(out: Out, opts: CliProgressOptions = {}) {
    this.progress = new CliProgress(out, opts)
    this.quiet = opts.quiet === true
  }

  private get tty(): boolean {
    return this.progress.tty
  }

  private counts(): void {
    this.progress.status = `blobs: ${this.copied} copied, ${this.mounted} mounted, ${this.present} present`
    this.progress.draw()
  }

  /** The hooks of the one copy this reports on (copy() options); `label`: the destination shown. */
  hooks(label = 'copy', announce?: string): CopyHooks {
    const bars = this.progress.imageStart(IMAGE, label, announce)
    return {
      ...bars,
      onCopied: e => {
        this.copied++
        if (!this.tty) this.progress.line(`blob ${short(e.blob.digest)} ${formatBytes(e.bytes)} copied`)
        else this.counts()
      },
      onMounted: e => {
        this.mounted++
        if (!this.tty) this.progress.line(`blob ${short(e.blob.digest)} mounted from ${e.from.repository}`)
        else this.counts()
      },
      onSkipped: e => {
        this.present++
        const why = e.reason === 'exists' ? 'already present' : 'copied earlier in this run'
        if (!this.tty) this.progress.line(`blob ${short(e.blob.digest)} ${why}`)
        else this.counts()
      },
      onManifest: e => {
        this.progress.line(`manifest ${e.digest} ${e.tag ? `tagged ${e.tag}` : 'written'} (${e.mediaType})`)
      },
      // -q: one line, the summary; a warning that matters (a changed digest) is in it.
      onWarning: m => this.progress.line(`warning: ${m}`)
    }
  }

  /** Remove the progress bars before the final output. */
  finish(): void {
    this.progress.imageDone(IMAGE)
    this.progress.status = ''
    this.progress.clear()
  }

  summary(src: string, dst: string, r: CopyResult): string {
    if (this.quiet) {
      const changed = r.digestChanged ? ` (digest changed: the source is ${r.sourceDigest})` : ''
      return r.upToDate
        ? `Up to date: ${dst} is already ${r.digest}\n`
        : `Copied ${src} to ${dst}: ${r.digest}${changed}\n`
    }
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
