/**
 * `--shard i/n` for GitHub Actions matrix jobs. The unit is the target repository, so every tag of one
 * repository lands in one job and blob dedupe/mounts keep working. Every job must compute the same
 * split without talking to the others, so it depends only on the repository names and their weights
 * (from the config, never from tag listings that could change between jobs).
 */
import { createHash } from 'node:crypto'

export interface Shard {
  /** 1-based. */
  index: number
  count: number
}

/** Parses `i/n` (1 ≤ i ≤ n); throws a usage message otherwise. */
export function parseShard(s: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(s)
  if (!m) throw new Error(`invalid shard '${s}': expected i/n, e.g. 1/4`)
  const index = Number(m[1])
  const count = Number(m[2])
  if (count < 1 || index < 1 || index > count) {
    throw new Error(`invalid shard '${s}': need 1 <= i <= n`)
  }
  return { index, count }
}

function hashHex(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}

/**
 * Assigns each key to a shard in 1..count: heaviest first (ties by sha256 of the key, which is stable
 * across machines and spreads similar names), each onto the currently lightest shard (ties → lower index).
 * Plain `hash mod n` would be stable too, but with few repositories it leaves some jobs idle.
 */
export function assignShards(weights: Map<string, number>, count: number): Map<string, number> {
  if (!Number.isInteger(count) || count < 1) throw new Error(`shard count must be a positive integer`)
  const keys = [...weights.keys()].map(k => ({ k, w: Math.max(0, weights.get(k) ?? 0), h: hashHex(k) }))
  keys.sort((a, b) => b.w - a.w || (a.h < b.h ? -1 : a.h > b.h ? 1 : a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
  const load = new Array<number>(count).fill(0)
  const size = new Array<number>(count).fill(0)
  const out = new Map<string, number>()
  for (const { k, w } of keys) {
    let best = 0
    for (let i = 1; i < count; i++) {
      if (load[i] < load[best] || (load[i] === load[best] && size[i] < size[best])) best = i
    }
    load[best] += w
    size[best]++
    out.set(k, best + 1)
  }
  return out
}

/** Keeps the items whose key falls in `shard`; `keyOf` names the target repository of an item. */
export function selectShard<T>(items: T[], shard: Shard | undefined, keyOf: (t: T) => string): T[] {
  if (!shard || shard.count === 1) return items
  const weights = new Map<string, number>()
  for (const it of items) {
    const k = keyOf(it)
    weights.set(k, (weights.get(k) ?? 0) + 1)
  }
  const where = assignShards(weights, shard.count)
  return items.filter(it => where.get(keyOf(it)) === shard.index)
}
