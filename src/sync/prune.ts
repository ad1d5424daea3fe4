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

/** Prunes `state` against this run's expansion of `config`; returns how many entries went. */
export function pruneState(state: StateStore, config: MirrorConfig, run: Expansion): number {
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
  return state.prune({
    keep: e => {
      if (selected.has(pair(e.source, e.target))) return true
      const repo = repositoryOf(e)
      if (repo === undefined) return false
      if (unknown.has(repo)) return true
      return everyShard.has(repo) && !thisShard.has(repo)
    }
  })
}
