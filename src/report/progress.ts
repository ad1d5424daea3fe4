/**
 * Transfer progress, one presenter for the CLI and the action: which images and blobs are moving,
 * how far, how fast, and when they should end. Two renderings of the same state: `bars()` for a
 * terminal redrawn in place, and `dueLine()` for logs (one line per interval, as CI logs want).
 * The clock is injected, so tests drive time instead of waiting for it.
 */
import { formatBytes, shortDigest } from './text.js'

/** Logs get a progress line this often while bytes move. */
export const PROGRESS_INTERVAL_MS = 10_000
/** Without a terminal, a blob this big announces its start: a long silence then has a cause. */
export const LARGE_BLOB_BYTES = 8 * 1024 * 1024

interface Blob {
  digest: string
  size: number
  bytes: number
  started: number
}

interface Image {
  label: string
  bytes: number
  total: number
  started: number
  blobs: Map<string, Blob>
}

export interface ProgressEvent {
  bytes: number
  total: number
  blob?: { digest: string; size: number; bytes: number }
}

/** `3.1 MiB/s`; `-` before a rate can be told (no time passed yet). */
export function formatRate(bytes: number, ms: number): string {
  if (ms <= 0 || bytes <= 0) return '-'
  return `${formatBytes(Math.round((bytes * 1000) / ms))}/s`
}

/** Remaining time at the average rate so far: `ETA 1:05`, `ETA 2:03:04`, `ETA -` when unknown. */
export function formatEta(done: number, total: number, ms: number): string {
  if (done >= total && total > 0) return 'ETA 0:00'
  if (ms <= 0 || done <= 0 || total <= 0) return 'ETA -'
  const s = Math.ceil(((total - done) * ms) / done / 1000)
  const hh = Math.floor(s / 3600)
  const mm = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, '0')
  return hh > 0 ? `ETA ${hh}:${String(mm).padStart(2, '0')}:${ss}` : `ETA ${mm}:${ss}`
}

/** `[#####-----]`, `width` cells between the brackets. */
export function formatBar(done: number, total: number, width = 20): string {
  const filled = total > 0 ? Math.min(width, Math.floor((done / total) * width)) : 0
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`
}

const pct = (done: number, total: number): string =>
  total > 0 ? `${Math.min(100, Math.floor((done / total) * 100))}%` : '-'

/** One bar line: `label [###---] 12.0 MiB / 40 MiB 30% 3.1 MiB/s ETA 0:09`. */
export function renderBar(label: string, done: number, total: number, elapsedMs: number): string {
  return (
    `${label} ${formatBar(done, total)} ${formatBytes(done)} / ${formatBytes(total)} ` +
    `${pct(done, total)} ${formatRate(done, elapsedMs)} ${formatEta(done, total, elapsedMs)}`
  )
}

export class TransferProgress {
  private readonly images = new Map<string, Image>()
  private readonly now: () => number
  private readonly interval: number
  private lastLine: number | undefined

  constructor(opts: { now?: () => number; intervalMs?: number } = {}) {
    this.now = opts.now ?? Date.now
    this.interval = opts.intervalMs ?? PROGRESS_INTERVAL_MS
  }

  imageStart(key: string, label: string): void {
    this.images.set(key, { label, bytes: 0, total: 0, started: this.now(), blobs: new Map() })
  }

  imageDone(key: string): void {
    this.images.delete(key)
  }

  /** A blob's transfer starts; returns true when it is large enough to announce in a log. */
  blobStart(key: string, blob: { digest: string; size: number }): boolean {
    const img = this.images.get(key)
    img?.blobs.set(blob.digest, { digest: blob.digest, size: blob.size, bytes: 0, started: this.now() })
    return blob.size >= LARGE_BLOB_BYTES
  }

  progress(key: string, e: ProgressEvent): void {
    const img = this.images.get(key)
    if (!img) return
    img.bytes = e.bytes
    img.total = e.total
    if (!e.blob) return
    const b = img.blobs.get(e.blob.digest)
    if (!b) return
    if (e.blob.bytes >= e.blob.size) img.blobs.delete(e.blob.digest)
    else b.bytes = e.blob.bytes
  }

  /** Images (and their blobs in flight) as terminal lines, in the order the images started. */
  bars(): string[] {
    const now = this.now()
    const lines: string[] = []
    for (const img of this.images.values()) {
      lines.push(renderBar(img.label, img.bytes, img.total, now - img.started))
      for (const b of img.blobs.values())
        lines.push(renderBar(`  ${shortDigest(b.digest)}`, b.bytes, b.size, now - b.started))
    }
    return lines
  }

  /**
   * The log line when an interval has passed since the last one (or since bytes started moving,
   * so short transfers never print one); undefined otherwise. Call it on each progress event.
   */
  dueLine(): string | undefined {
    const now = this.now()
    if (this.lastLine === undefined) {
      this.lastLine = now
      return undefined
    }
    if (now - this.lastLine < this.interval) return undefined
    this.lastLine = now
    const parts: string[] = []
    for (const img of this.images.values()) {
      if (img.total === 0 && img.bytes === 0) continue
      if (img.total > 0 && img.bytes >= img.total) continue
      parts.push(
        `${img.label}: ${formatBytes(img.bytes)} of ${formatBytes(img.total)} (${pct(img.bytes, img.total)}, ` +
          `${formatRate(img.bytes, now - img.started)})`
      )
    }
    if (parts.length > 0) return `progress: ${parts.join('; ')}`
    // Nothing moving: the next burst starts a fresh interval.
    this.lastLine = undefined
    return undefined
  }
}
