/**
 * Preloaded into the CLI by bench/rss-1g.ts (`node --import`): the peak of Node's memory figures,
 * written as JSON to $MIRROR_BENCH_MEMSAMPLE at exit. `arrayBuffers` is where a blob stream's
 * dropped read buffers wait for a GC: it shows what src/http/scavenge.ts does on any Node, where
 * peak RSS also depends on the Node version's heap sizing.
 */
import { writeFileSync } from 'node:fs'
import { setInterval } from 'node:timers'

const out = process.env.MIRROR_BENCH_MEMSAMPLE
const peak = { rss: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }
const sample = () => {
  const m = process.memoryUsage()
  for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], m[k])
}
// External memory climbs in 64 KiB steps as chunks are read: a sample every 10 ms lands within a
// few MiB of each peak, at a cost too small to show in the figures.
if (out) {
  setInterval(sample, 10).unref()
  process.on('exit', () => {
    sample()
    writeFileSync(out, JSON.stringify(peak))
  })
}
