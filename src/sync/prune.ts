/**
 * Removing this config's state entries for images it no longer selects: an image dropped from the
 * config, or a tag its filter no longer picks (`latest: 5` moving on). Only what this run can judge
 * goes: its own config's entries (StateStore.owns), in target repositories of its own shard, or in
 * none of the config's; never an entry whose repository's tags could not be listed this run.
 */
import type { MirrorConfig } from '../config/index.js'
import { parseTransportRef } from '../transports/index.js'
import { entryRepository, TagTargetError, targetRepository, type Expansion } from './expand.js'
import type { StateEntry, StateStore } from './state.js'

const pair = (source: string, target: string): string => `${source}\u0000${target}`

function repositoryOf(e: Pick<StateEntry, 'target'>): string | undefined {
  try {
    return targetRepository(parseTransportRef(e.target))
  } catch {
    return undefined
  }
}

/**
 * Whether this run wants the state entry kept: still selected, or in a repository whose selection
 * this run cannot judge (another shard's, or one whose tags could not be listed). Entries it rejects
 * are stale: the state forgets them, and retention (retention.ts) may delete their target tags.
 */
export function stillWanted(
  config: MirrorConfig,
  run: Expansion
): (e: Pick<StateEntry, 'source' | 'target'>) => boolean {
  const selected = new Set(run.items.map(i => pair(i.source, i.target)))
  // Sharding splits by target repository, so a repository of this shard has all its items here;
  // one of another shard is judged by that shard's run. Shards compute the same split from the
  // config alone, so they agree on whose each repository is.
  const everyShard = new Set(config.images.map(entryRepository))
  const thisShard = new Set(run.entries.map(entryRepository))
  // A whole entry failed (its tags could not be listed): what it selects is unknown this run.
  const unknown = new Set(
    run.failures.filter(f => !(f.error instanceof TagTargetError)).map(f => entryRepository(f.entry))
  )
  return e => {
    if (selected.has(pair(e.source, e.target))) return true
    const repo = repositoryOf(e)
    if (repo === undefined) return false
    if (unknown.has(repo)) return true
    return everyShard.has(repo) && !thisShard.has(repo)
  }
}

/**
 * Prunes `state` against this run's expansion of `config`; returns how many entries went. `retain`
 * keeps stale entries retention still needs (a tag it could not or would not delete yet).
 */
export function pruneState(
  state: StateStore,
  config: MirrorConfig,
  run: Expansion,
  retain: (e: Pick<StateEntry, 'source' | 'target'>) => boolean = () => false
): number {
  const wanted = stillWanted(config, run)
  return state.prune({ keep: e => wanted(e) || retain(e) })
}
