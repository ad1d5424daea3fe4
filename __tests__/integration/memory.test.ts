// Bounded memory, as users run the CLI: bench/rss-1g.ts copies a 1 MiB and a 1 GiB single-layer
// image registry to registry with the bundled CLI under /usr/bin/time. The layer streams, so the
// big copy may not need much more than the small one, and stays under the 150 MB.
import { describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'

const BIG_MIB = 1024
// Peak RSS depends on the Node version's heap sizing: without scavenging (src/http/scavenge.ts) a
// 1 GiB copy grew by +50–80 MiB on Node 24, caught by these limits, but only by +5–21 on Node 20.
const MAX_GROWTH_MIB = 40
const MAX_PEAK_MIB = (150 * 1e6) / 2 ** 20
// What the scavenges bound on any Node: dropped read buffers. They pile up to one scavenge interval
// (16 MiB) plus what is in flight: 18–20 MiB measured on Node 20. Without the scavenges they wait for
// V8's own GC: 34–38 MiB on Node 20 (5 runs), up to 66 on Node 24 (BENCHMARKS.md, 4).
const MAX_BUFFERS_MIB = 28

function rss1g(): Promise<{ code: number; out: string }> {
  return new Promise(resolve => {
    const args = ['--import', './scripts/ts-loader.mjs', 'bench/rss-1g.ts', '--mib', String(BIG_MIB)]
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr })
    )
  })
}

describe('peak RSS of a copy does not grow with the layer', () => {
  test(`1 MiB vs ${BIG_MIB} MiB layer`, async () => {
    const r = await rss1g()
    expect(r.code).toBe(0)
    const peak = (mib: number): number => {
      const m = new RegExp(`layer +${mib} MiB: peak RSS ([\\d.]+) MiB`).exec(r.out)
      if (!m) throw new Error(`no peak RSS for ${mib} MiB in:\n${r.out}`)
      return Number(m[1])
    }
    const small = peak(1)
    const big = peak(BIG_MIB)
    const buffers = new RegExp(`layer +${BIG_MIB} MiB: .*peak array buffers ([\\d.]+) MiB`).exec(r.out)
    if (!buffers) throw new Error(`no peak array buffers for ${BIG_MIB} MiB in:\n${r.out}`)
    console.log(
      `peak RSS on Node ${process.version}: 1 MiB ${small} MiB, ${BIG_MIB} MiB ${big} MiB; ` +
        `array buffers ${buffers[1]} MiB`
    )
    expect(Number(buffers[1])).toBeLessThan(MAX_BUFFERS_MIB)
    expect(big - small).toBeLessThan(MAX_GROWTH_MIB)
    expect(big).toBeLessThan(MAX_PEAK_MIB)
  }, 600_000)
})
