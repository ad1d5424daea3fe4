/**
 * Retention, the choosing half (no request here; retention-run.ts acts): which target tags a run
 * may delete. A candidate is a tag the state says THIS config's mirror wrote (StateStore.owns) and
 * that this run's selection dropped (prune.ts's stale entries), at a registry target, with `prune`
 * on for it. Who decides for a tag:
 * - the config entry with the same source repository and target repository (its `prune`, `keep`,
 *   `prune-limit`);
 * - for a tag whose entry was removed from the config, `defaults` (only `defaults.prune: true`
 *   deletes such tags, so removing an entry never deletes anything by surprise). With shards, a
 *   repository no entry names any more is judged by shard 1 only, so two jobs never race on it.
 * A candidate matching a `keep` pattern is kept. More candidates in one group (one target
 * repository of an entry; all removed entries' tags together) than its `prune-limit`: the whole
 * group is kept and the run says why. The state keeps every kept candidate, so raising the limit
 * or removing the pattern lets a later run delete it.
 */
import {
  compileTagPattern,
  type MirrorConfig,
  type MirrorEntry,
  type RetentionOptions
} from '../config/index.js'
import { parseReference, type Reference } from '../oci/index.js'
import { parseTransportRef } from '../transports/index.js'
import { entryRepository, targetRepository, type Expansion } from './expand.js'
import type { Shard } from './shard.js'
import type { StateEntry } from './state.js'

export interface PruneCandidate {
  state: StateEntry
  /** The target tag as a reference: registry, repository, tag. */
  ref: Reference & { tag: string }
  /** Where the limit is counted: a target repository, or REMOVED_GROUP. */
  group: string
  /** The entry that governs it; absent for a tag of a removed entry (defaults govern). */
  entry?: MirrorEntry
  rules: RetentionOptions
  verdict: { action: 'delete' } | { action: 'keep'; why: string }
}

export const REMOVED_GROUP = '(entries removed from the config)'

const sameRepo = (a: Reference, b: Reference): boolean =>
  a.registry === b.registry && a.repository === b.repository

function sourceRepo(source: string): Reference | undefined {
  try {
    return parseReference(source, { defaultTag: false })
  } catch {
    return undefined
  }
}

/**
 * The candidates among `stale` (entries this config owns that the run no longer wants), each with
 * its verdict. Tags the run still writes (from another source) are never candidates.
 */
export function pruneCandidates(p: {
  stale: StateEntry[]
  config: MirrorConfig
  run: Expansion
  shard?: Shard
}): PruneCandidate[] {
  const { config, run } = p
  const written = new Set([...run.items.map(i => i.target), ...run.failures.map(f => f.target)])
  const named = new Set(config.images.map(entryRepository))
  const firstShard = !p.shard || p.shard.index === 1
  const out: PruneCandidate[] = []
  for (const state of p.stale) {
    if (written.has(state.target)) continue
    let t
    try {
      t = parseTransportRef(state.target)
    } catch {
      continue
    }
    // Registries only: a layout or archive is the user's file, pruned with the user's tools.
    if (t.transport !== 'docker' || t.ref.tag === undefined || t.ref.digest !== undefined) continue
    const repo = targetRepository(t)
    const src = sourceRepo(state.source)
    const entry = run.entries.find(
      e => entryRepository(e) === repo && src !== undefined && sameRepo(e.sourceRef, src)
    )
    let rules: RetentionOptions | undefined
    if (entry) rules = entry
    else if (named.has(repo) || firstShard) rules = config.retention
    if (!rules?.prune) continue
    out.push({
      state,
      ref: { ...t.ref, tag: t.ref.tag },
      group: entry ? repo : REMOVED_GROUP,
      entry,
      rules: { prune: rules.prune, keep: rules.keep, pruneLimit: rules.pruneLimit },
      verdict: { action: 'delete' }
    })
  }
  return applyRules(out)
}

/** `keep` patterns first, then each group's `prune-limit` (the smallest limit in a group counts). */
export function applyRules(cands: PruneCandidate[]): PruneCandidate[] {
  for (const c of cands) {
    const pattern = c.rules.keep.find(k => compileTagPattern(k)(c.ref.tag))
    if (pattern !== undefined) c.verdict = { action: 'keep', why: `keep: "${pattern}" protects it` }
  }
  const groups = new Map<string, PruneCandidate[]>()
  for (const c of cands) {
    if (c.verdict.action !== 'delete') continue
    groups.set(c.group, [...(groups.get(c.group) ?? []), c])
  }
  for (const [group, list] of groups) {
    const limit = Math.min(...list.map(c => c.rules.pruneLimit))
    if (list.length <= limit) continue
    const where = group === REMOVED_GROUP ? 'tags of entries removed from the config' : group
    const raise =
      group === REMOVED_GROUP ? 'defaults.prune-limit' : 'prune-limit (on the entry or in defaults)'
    const why = `${list.length} tags to prune in ${where} exceed prune-limit ${limit}: nothing there is deleted this run; raise ${raise} to ${list.length} to allow it`
    for (const c of list) c.verdict = { action: 'keep', why }
  }
  return cands
}

/** One warning per group over its limit (the rows carry the same words). */
export function limitWarnings(cands: PruneCandidate[]): string[] {
  const out = new Set<string>()
  for (const c of cands)
    if (c.verdict.action === 'keep' && c.verdict.why.includes('prune-limit')) out.add(c.verdict.why)
  return [...out]
}
