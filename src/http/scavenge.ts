/**
 * Keeps a long blob stream's memory flat. Each socket or file read hands us a fresh 64 KiB buffer
 * that we drop a moment later, but V8 frees such buffers only when a GC runs, and a stream
 * allocates so little on the JS heap that the young generation rarely fills. The dropped buffers
 * then pile up until external memory has grown by 64 MiB (V8's own trigger): a 1 GiB copy peaked at
 * 140–170 MiB RSS on Node 24. A minor GC (a scavenge of the young generation, about a millisecond)
 * every 16 MiB streamed frees them as we go: 106–113 MiB (bench/rss-1g.ts).
 *
 * `gc` exists only with --expose-gc, which cannot be passed to the action's runtime. Set at run
 * time, the flag puts `gc` on contexts created afterwards (not on the main one): we create one vm
 * context and take it from there. The flag is set on the first large stream, not at start-up;
 * where it cannot be set, streams run as before.
 */

const EVERY_BYTES = 16 * 1024 * 1024

type Gc = (options: { type: 'minor'; execution: 'sync' }) => void
let gc: Gc | null | undefined // undefined: not looked up yet; null: unavailable
let sinceLast = 0
/** Totals since start-up: tests check that each blob stream path reports its bytes and scavenges. */
const totals = { bytes: 0, scavenges: 0 }

function lookup(): Gc | null {
  try {
    // Loaded here, not imported: a run that streams nothing large (a no-change rerun) skips them.
    process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc')
    const vm = process.getBuiltinModule('node:vm')
    const fn = vm.runInNewContext('typeof gc === "function" ? gc : undefined') as Gc | undefined
    return fn ?? null
  } catch {
    return null
  }
}

/** Counts bytes that have passed through a blob stream; scavenges every 16 MiB. */
export function streamed(bytes: number): void {
  totals.bytes += bytes
  sinceLast += bytes
  if (sinceLast < EVERY_BYTES) return
  sinceLast = 0
  if (gc === undefined) gc = lookup()
  if (!gc) return
  gc({ type: 'minor', execution: 'sync' })
  totals.scavenges++
}

/** Bytes counted and scavenges run so far in this process. */
export function scavengeTotals(): { bytes: number; scavenges: number } {
  return { ...totals }
}
