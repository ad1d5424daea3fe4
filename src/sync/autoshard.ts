/**
 * `shards: auto`: how many matrix jobs a run needs, from a dry run's plan. The shard jobs keep
 * splitting the config as `--shard i/n` always has (assignShards over the config's target
 * repositories, weighted by entry count), because each job must find its part without the plan job's
 * data. So the plan job does not invent its own split: it replays that same assignment for each
 * candidate n and measures what each shard would really copy (images, and bytes when estimated),
 * choosing the smallest n whose every shard fits the caps. The matrix it emits therefore describes
 * exactly the jobs that will run.
 */
import type { MirrorConfig } from '../config/index.js'
import { entryRepository, targetRepository } from './expand.js'
import type { ImageReport } from './report.js'
import { assignShards } from './shard.js'
import { parseTransportRef } from '../transports/index.js'

/** GitHub runs at most 256 jobs per matrix. */
export const MAX_MATRIX_SHARDS = 256

export interface ShardLimits {
  /** Images to copy per shard at most (where a single repository holds more, it gets a shard alone). */
  maxImages?: number
  /** Estimated bytes to copy per shard at most; needs `bytes` on the planned images. */
  maxBytes?: number
  /** The most shards to ask for, 1..MAX_MATRIX_SHARDS. */
  maxShards: number
}

export interface ShardLoad {
  images: number
  bytes: number
}

export interface ShardSizing {
  count: number
  /** Per shard (index 0 = shard 1): what it will copy. */
  loads: ShardLoad[]
  /** Totals of the whole plan. */
  total: ShardLoad
  /** Why `count` was chosen, for the log and the summary. */
  reason: string
}

/** An image the shard job will copy: planned in the dry run (copy), not skipped, held or waiting. */
function toCopy(r: ImageReport): boolean {
  return r.status === 'planned'
}

/** The sharding key of a report line: the target repository, as expand.ts computes for entries. */
export function reportRepository(target: string): string {
  try {
    return targetRepository(parseTransportRef(target))
  } catch {
    return target
  }
}

/** The config's split weights, exactly as selectShard computes them in every shard job. */
export function configWeights(config: MirrorConfig): Map<string, number> {
  const weights = new Map<string, number>()
  for (const e of config.images) {
    const k = entryRepository(e)
    weights.set(k, (weights.get(k) ?? 0) + 1)
  }
  return weights
}

function loadsFor(where: Map<string, number>, work: Map<string, ShardLoad>, count: number): ShardLoad[] {
  const loads = Array.from({ length: count }, () => ({ images: 0, bytes: 0 }))
  for (const [repo, w] of work) {
    const i = (where.get(repo) ?? 1) - 1
    loads[i].images += w.images
    loads[i].bytes += w.bytes
  }
  return loads
}

function fits(loads: ShardLoad[], limits: ShardLimits): boolean {
  return loads.every(
    l =>
      (limits.maxImages === undefined || l.images <= limits.maxImages) &&
      (limits.maxBytes === undefined || l.bytes <= limits.maxBytes)
  )
}

function worst(loads: ShardLoad[], limits: ShardLimits): number {
  let w = 0
  for (const l of loads) {
    if (limits.maxImages) w = Math.max(w, l.images / limits.maxImages)
    if (limits.maxBytes) w = Math.max(w, l.bytes / limits.maxBytes)
  }
  return w
}

/**
 * The smallest shard count in 1..maxShards (and at most one per target repository: more would only
 * add idle jobs) whose every shard stays within the caps; when none does (one repository alone is
 * over a cap, or maxShards is too low), the count with the smallest heaviest shard, fewest jobs first.
 */
export function sizeShards(
  config: MirrorConfig,
  images: ImageReport[],
  limits: ShardLimits,
  bytesOf: (r: ImageReport) => number = () => 0
): ShardSizing {
  const weights = configWeights(config)
  const work = new Map<string, ShardLoad>()
  const total: ShardLoad = { images: 0, bytes: 0 }
  for (const r of images) {
    if (!toCopy(r)) continue
    const k = reportRepository(r.target)
    const w = work.get(k) ?? { images: 0, bytes: 0 }
    w.images++
    const b = bytesOf(r)
    w.bytes += b
    work.set(k, w)
    total.images++
    total.bytes += b
  }
  const repos = Math.max(1, work.size)
  const upper = Math.max(1, Math.min(limits.maxShards, weights.size, MAX_MATRIX_SHARDS))
  // Below the totals' quotient no split can fit; the loop still visits those counts, since when
  // none fits the fewest jobs with the lightest heaviest shard is the answer.
  const lower = Math.max(
    1,
    limits.maxImages ? Math.ceil(total.images / limits.maxImages) : 1,
    limits.maxBytes ? Math.ceil(total.bytes / limits.maxBytes) : 1
  )
  let best: { count: number; loads: ShardLoad[]; worst: number } | undefined
  for (let n = 1; n <= upper; n++) {
    const loads = loadsFor(assignShards(weights, n), work, n)
    if (n >= lower && fits(loads, limits)) {
      return { count: n, loads, total, reason: reasonFor(n, total, limits, true, repos) }
    }
    const w = worst(loads, limits)
    if (!best || w < best.worst) best = { count: n, loads, worst: w }
  }
  const b = best!
  return { count: b.count, loads: b.loads, total, reason: reasonFor(b.count, total, limits, false, repos) }
}

function reasonFor(n: number, total: ShardLoad, limits: ShardLimits, fit: boolean, repos: number): string {
  const caps = [
    limits.maxImages !== undefined ? `${limits.maxImages} images` : undefined,
    limits.maxBytes !== undefined ? `${limits.maxBytes} bytes` : undefined
  ].filter(Boolean)
  const bytes = limits.maxBytes !== undefined ? ` (${total.bytes} bytes estimated)` : ''
  const what = `${total.images} images to copy${bytes} in ${repos} target repositories`
  if (fit) return `${n} shard${n === 1 ? '' : 's'}: ${what}, at most ${caps.join(' and ')} per shard`
  return (
    `${n} shards: ${what}; no split within ${limits.maxShards} shards keeps every shard under ` +
    `${caps.join(' and ')} (a target repository is never split), so the most even one is used`
  )
}

/** The `matrix` output: `{"shard":["1/3","2/3","3/3"]}` for `strategy.matrix`. */
export function shardMatrix(count: number): { shard: string[] } {
  return { shard: Array.from({ length: count }, (_, i) => `${i + 1}/${count}`) }
}
