// Scenario 5: shared bases over one uplink. The target sits behind the slow proxy with a cap per
// connection and one on all uploads together (a runner's uplink), so bytes sent decide the time.
import { join } from 'node:path'
import { startRegistry, startSlowProxy } from '../__tests__/harness/index.js'
import type { SharedCatalog } from './catalog.js'
import { orderFor, timedSync, type BenchContext } from './scenarios.js'

export interface Uplink {
  delayMs: number
  bytesPerSecond: number // per connection
  uplinkBytesPerSecond: number // all uploads together
}

/**
 * Per iteration and tool, a fresh target: a cold sync of the first N images, then a later run
 * (with the cold run's state) that adds image N+1 on the same base. Bytes sent are counted at the
 * proxy and set against the unique bytes each run had to send.
 */
export async function sharedUplink(
  ctx: BenchContext,
  catalog: SharedCatalog,
  o: { iterations: number; link: Uplink }
): Promise<void> {
  const first = catalog.repos.slice(0, -1)
  for (let it = 0; it < o.iterations; it++) {
    for (const tool of orderFor(it, ctx.tools)) {
      const reg = await startRegistry({ mode: 'anonymous' })
      const proxy = await startSlowProxy(reg.url, { ...o.link, uploads: true })
      try {
        const state = join(ctx.workDir, `shared-${it}-${tool.name}.state.json`)
        const base = { source: ctx.source.host, target: proxy.host, workDir: ctx.workDir, state }
        const runs: [string, typeof first, number, 'shared-cold' | 'shared-add'][] = [
          ['cold', first, catalog.coldBytes, 'shared-cold'],
          ['add', catalog.repos, catalog.addedBytes, 'shared-add']
        ]
        for (const [label, repos, floor, id] of runs) {
          const before = proxy.bytesUp()
          const job = { ...base, repos, label: `shared-${label}-${it}` }
          const rec = await timedSync(ctx, tool, id, it, job, reg, repos)
          rec.bytesUp = proxy.bytesUp() - before
          rec.floorBytes = floor
          ctx.log(
            `    bytes sent ${(rec.bytesUp / 2 ** 20).toFixed(1)} MiB, floor ${(floor / 2 ** 20).toFixed(1)} MiB;` +
              ` uploads ${rec.target.blobUploads}, mounts ${rec.target.mounts}`
          )
          if (rec.problems.length) break
        }
      } finally {
        await proxy.stop()
        await reg.stop()
      }
    }
  }
}
