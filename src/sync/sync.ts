/**
 * `sync`: plan every image of a config, then copy what changed with one shared CopyEngine (so blobs
 * are deduplicated and mounted across images), images in parallel, past failures, deferring pulls
 * from a registry whose rate limit runs low.
 */
import type { MirrorConfig } from '../config/index.js'
import { computeTotals, errorMessage, type SyncReport } from './report.js'
import { Semaphore } from '../copy/index.js'
import { createSigner } from '../signatures/index.js'
import { announcePlan, expandEntries } from './expand.js'
import { lockedExpansion } from './lock.js'
import { retire } from './retention-run.js'
import { planImage } from './plan.js'
import { createRun, DEFAULT_SYNC_CONCURRENCY, type RunCtx, type SyncOptions } from './run-context.js'
import { copyOne, settle } from './run-image.js'
import { signPolicies } from './sign.js'
import { checkSignatures } from './signatures.js'

export type { ImageReport, ImageStatus, SyncReport } from './report.js'
export { errorMessage, exitCodeFor } from './report.js'
export { StateStore } from './state.js'
export {
  DEFAULT_RATE_LIMIT_RESERVE,
  DEFAULT_SYNC_CONCURRENCY,
  planConcurrency,
  type SyncOptions
} from './run-context.js'

export async function sync(config: MirrorConfig, opts: SyncOptions): Promise<SyncReport> {
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_SYNC_CONCURRENCY)
  const run: RunCtx = createRun(config, opts, concurrency)
  // Keys are opened before anything is copied: a wrong password stops the run, not image 40 of 50.
  const policies = signPolicies(config.images)
  if (policies.length > 0 && !opts.dryRun)
    run.signer = await createSigner(opts.client, policies, opts.signing ?? { env: () => undefined })

  if (!opts.state && config.images.some(e => e.minAgeDays !== undefined)) {
    run.warnings.push(
      'min-age needs the state (--state FILE) to remember when a digest was first seen; without it ' +
        'every digest not yet at the target waits'
    )
  }
  const locked = opts.locked ? lockedExpansion(config, opts.locked, opts.shard) : undefined
  if (locked) run.warnings.push(...locked.warnings)
  const expansion = locked ?? (await expandEntries(config, run.plan))
  const { items, failures } = expansion
  announcePlan(opts.client, items, run.plan.checkTargets)
  const expanded = failures.map(({ entry, source, target, error }) =>
    run.done({
      source,
      target,
      status: 'failed',
      bytes: 0,
      durationMs: 0,
      error: errorMessage(error),
      position: entry.position
    })
  )

  // HEADs are small and, on Docker Hub, free: plan wider than we copy, and start copying as plans land.
  const planSlots = new Semaphore(run.plan.concurrency)
  const copySlots = new Semaphore(concurrency)
  const images = await Promise.all(
    items.map(async item => {
      const started = Date.now()
      const p = await planSlots.run(async () => {
        const planned = await planImage(item, run.plan)
        if (run.verifier)
          await checkSignatures(
            run.verifier,
            planned,
            m => run.warnings.push(m),
            run.opts.state && { state: run.opts.state, now: run.plan.now }
          )
        return planned
      })
      const decided = settle(run, p, started)
      return decided ?? copySlots.run(() => copyOne(run, p, started))
    })
  )

  run.warnings.push(...run.limits.warnings())
  const unchecked = [...run.plan.unchecked!].sort()
  if (unchecked.length > 0)
    run.warnings.push(
      `dry run: no credentials for target registr${unchecked.length > 1 ? 'ies' : 'y'} ${unchecked.join(', ')}, ` +
        'which refused the target check: target checks skipped there (images planned as if the target ' +
        'lacked them; the state file still counts)'
    )
  // Config order: an entry (or tag) that failed before planning sits where the entry is.
  const copies = [...expanded, ...images].sort(
    (a, b) =>
      (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.col ?? 0) - (b.position?.col ?? 0)
  )
  // After the copies: the listing that guards a digest delete then sees every tag this run wrote.
  const pruned = await retire(config, expansion, {
    client: opts.client,
    state: opts.state,
    shard: opts.shard,
    dryRun: opts.dryRun === true,
    checkTargets: run.plan.checkTargets,
    warnings: run.warnings,
    done: run.done
  })
  const all = [...copies, ...pruned]
  return { images: all, totals: computeTotals(all), warnings: run.warnings }
}
