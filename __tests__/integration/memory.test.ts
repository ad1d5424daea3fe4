// Bounded memory, as users run the CLI: bench/rss-1g.ts copies a 1 MiB and a 1 GiB single-layer
// image registry to registry with the bundled CLI under /usr/bin/time. The layer streams, so the
// big copy may not need much more than the small one, and stays under the 150 MB.
import { describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'

const BIG_MIB = 1024
// Measured: +10–21 MiB with scavenging (src/registry/scavenge.ts); +46 at 512 MiB and +50–80 at
// 1 GiB without it on Node 24. Either limit fails if dropped chunks pile up again.
const MAX_GROWTH_MIB = 40
const MAX_PEAK_MIB = (150 * 1e6) / 2 ** 20

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
    console.log(`peak RSS on Node ${process.version}: 1 MiB ${small} MiB, ${BIG_MIB} MiB ${big} MiB`)
    expect(big - small).toBeLessThan(MAX_GROWTH_MIB)
    expect(big).toBeLessThan(MAX_PEAK_MIB)
  }, 600_000)
})
