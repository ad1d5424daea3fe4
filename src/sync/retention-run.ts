/**
 * Retention, the acting half: deletes the candidates retention.ts chose, each only after a HEAD
 * shows the tag still holds the digest the mirror wrote (anything else is someone else's now and
 * is never deleted). Untagging (OCI 1.1 tag DELETE) comes first: it touches nothing but the tag.
 * Where a registry cannot untag (distribution 2.8 answers 400), the manifest is deleted by digest,
 * which removes EVERY tag on it, so that happens only when a fresh listing of the repository shows
 * no tag on that digest besides the ones being pruned. A registry that refuses deletes (405
 * UNSUPPORTED, 401/403 denied) is asked once per run: one warning for the registry, its tags
 * `prune-refused`, the run goes on. A dry run (or a run without target access) only reads.
 */
import { deleteRefusal, tagDigests, type RegistryClient } from '../registry/index.js'
import { registryKey } from '../oci/index.js'
import { mapLimit } from './map-limit.js'
import { errorMessage, type ImageReport, type ImageStatus } from './report.js'
import type { MirrorConfig } from '../config/index.js'
import type { Expansion } from './expand.js'
import { pruneState, stillWanted } from './prune.js'
import { limitWarnings, pruneCandidates, type PruneCandidate } from './retention.js'
import type { Shard } from './shard.js'
import type { StateEntry, StateStore } from './state.js'

export interface RetentionContext {
  client: RegistryClient
  dryRun: boolean
  /** false: no request may go to a target (a fork's pull request); the plan is the state's word. */
  checkTargets: boolean
  warnings: string[]
  done(r: ImageReport): ImageReport
}

export interface RetentionOutcome {
  rows: ImageReport[]
  /** Stale state entries to keep: tags not deleted yet that a later run may delete. */
  retain: Set<StateEntry>
}

/** HEADs at once while looking for other tags on a digest. */
const HEADS_AT_ONCE = 8

interface RegistryMemo {
  /** Why the registry refuses deletes, once it did; no further DELETE goes there. */
  refused?: string
  refusedTags: number
  /** It answered a tag DELETE with 400/405: later tags go straight to the digest path. */
  noUntag: boolean
}

/**
 * The end of a sync run: retention (pruneTargets), then the state forgets what the config no longer
 * selects, except tags retention may still delete later. A dry run changes nothing in the state.
 * Returns retention's report rows.
 */
export async function retire(
  config: MirrorConfig,
  expansion: Expansion,
  ctx: RetentionContext & { state?: StateStore; shard?: Shard }
): Promise<ImageReport[]> {
  const { rows, retain } = await pruneTargets(config, expansion, ctx)
  if (ctx.state && !ctx.dryRun) {
    const kept = new Set([...retain].map(e => `${e.source}\u0000${e.target}`))
    pruneState(ctx.state, config, expansion, e => kept.has(`${e.source}\u0000${e.target}`))
  }
  return rows
}

/**
 * Retention for one sync run, after its copies: the stale entries of the state (what this config
 * wrote that the run no longer selects) become candidates (retention.ts), which are then acted on.
 */
export async function pruneTargets(
  config: MirrorConfig,
  expansion: Expansion,
  ctx: RetentionContext & { state?: StateStore; shard?: Shard }
): Promise<RetentionOutcome> {
  const none: RetentionOutcome = { rows: [], retain: new Set() }
  if (!config.retention?.prune && !config.images.some(e => e.prune)) return none
  const state = ctx.state
  if (!state) {
    ctx.warnings.push(
      'prune needs the state (--state FILE): it deletes only tags the state says the mirror wrote; nothing was deleted'
    )
    return none
  }
  const wanted = stillWanted(config, expansion)
  const stale = state.list().filter(e => state.owns(e) && !wanted(e))
  const cands = pruneCandidates({ stale, config, run: expansion, shard: ctx.shard })
  ctx.warnings.push(...limitWarnings(cands))
  return runRetention(cands, ctx)
}

export async function runRetention(
  cands: PruneCandidate[],
  ctx: RetentionContext
): Promise<RetentionOutcome> {
  const out: RetentionOutcome = { rows: [], retain: new Set() }
  const row = (c: PruneCandidate, status: ImageStatus, extra: Partial<ImageReport> = {}): void => {
    const r: ImageReport = {
      source: c.state.source,
      target: c.state.target,
      digest: c.state.digest,
      status,
      bytes: 0,
      durationMs: 0,
      prune: true,
      ...extra
    }
    if (c.entry) r.position = c.entry.position
    out.rows.push(ctx.done(r))
  }
  const deleting: PruneCandidate[] = []
  for (const c of cands) {
    if (c.verdict.action === 'keep') {
      out.retain.add(c.state)
      row(c, 'kept', { note: c.verdict.why })
    } else deleting.push(c)
  }
  if (deleting.length === 0) return out
  if (!ctx.checkTargets) {
    for (const c of deleting) {
      out.retain.add(c.state)
      const note =
        'would delete if the tag still holds the digest the mirror wrote (the target was not checked: no credentials for it in this run)'
      row(c, ctx.dryRun ? 'prune-planned' : 'kept', { note })
    }
    return out
  }
  // One registry's repositories in turn (its refusal is learnt once); registries side by side.
  const byRegistry = group(deleting, c => registryKey(c.ref.registry))
  await mapLimit([...byRegistry], 4, async ([registry, list]) => {
    const memo: RegistryMemo = { refusedTags: 0, noUntag: false }
    for (const repoList of group(list, c => c.ref.repository).values())
      await pruneRepository(repoList, memo, ctx, out, row)
    if (memo.refused) {
      ctx.warnings.push(
        `prune: ${registry} refuses deletes: ${memo.refused}; ${memo.refusedTags} tag(s) not pruned there ` +
          '(the state keeps them for a later run). Allow deletes there (distribution: ' +
          'REGISTRY_STORAGE_DELETE_ENABLED=true) or set prune: false for the entries that mirror to it.'
      )
    }
  })
  return out
}

function group<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>()
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it])
  return m
}

async function pruneRepository(
  list: PruneCandidate[],
  memo: RegistryMemo,
  ctx: RetentionContext,
  out: RetentionOutcome,
  row: (c: PruneCandidate, s: ImageStatus, extra?: Partial<ImageReport>) => void
): Promise<void> {
  const { client } = ctx
  const { registry, repository } = list[0]!.ref
  const refuse = (c: PruneCandidate): void => {
    memo.refusedTags++
    out.retain.add(c.state)
    row(c, 'prune-refused', { note: `${registryKey(registry)} refuses deletes: ${memo.refused}` })
  }
  const live: PruneCandidate[] = []
  for (const c of list) {
    if (memo.refused) {
      refuse(c)
      continue
    }
    try {
      const d = await client.manifestHead(c.ref)
      // Gone already (deleted by hand): nothing to do, and nothing for the state to remember.
      if (!d) continue
      if (d.digest !== c.state.digest) {
        const note = `the tag now holds ${d.digest}, not ${c.state.digest} that the mirror wrote: someone else's, never deleted`
        row(c, 'kept', { note })
        continue
      }
      live.push(c)
    } catch (error) {
      out.retain.add(c.state)
      row(c, 'failed', { error: errorMessage(error) })
    }
  }
  if (live.length === 0) return
  const liveTags = new Set(live.map(c => c.ref.tag))
  let byDigest: Promise<Map<string, string[]>> | undefined
  /** Tags on `digest` that this run does not prune: a digest delete would take them too. */
  const others = async (digest: string): Promise<string[]> => {
    byDigest ??= tagDigests(client, registry, repository, HEADS_AT_ONCE)
    return ((await byDigest).get(digest) ?? []).filter(t => !liveTags.has(t))
  }
  const shared = (tags: string[]): string =>
    `shares its digest with ${tags.map(t => `"${t}"`).join(', ')}, which deleting the manifest would delete too`

  if (ctx.dryRun) {
    for (const c of live) {
      out.retain.add(c.state)
      try {
        const also = await others(c.state.digest)
        const note = also.length
          ? `would untag it; it ${shared(also)}, so it is kept where the registry cannot untag`
          : 'would delete'
        row(c, 'prune-planned', { note })
      } catch (error) {
        row(c, 'failed', { error: errorMessage(error) })
      }
    }
    return
  }
  const done = new Set<PruneCandidate>()
  for (const c of live) {
    if (done.has(c)) continue
    if (memo.refused) {
      refuse(c)
      continue
    }
    try {
      if (!memo.noUntag) {
        if ((await client.tagDelete(registry, repository, c.ref.tag)) === 'deleted') {
          row(c, 'pruned', { note: 'tag deleted' })
          continue
        }
        memo.noUntag = true
      }
      const also = await others(c.state.digest)
      if (also.length) {
        out.retain.add(c.state)
        row(c, 'kept', { note: `the registry cannot untag, and the tag ${shared(also)}` })
        continue
      }
      await client.manifestDelete({ registry, repository, digest: c.state.digest })
      // Every tag pruned this run on that digest went with it.
      for (const same of live.filter(o => o.state.digest === c.state.digest && !done.has(o))) {
        done.add(same)
        row(same, 'pruned', { note: 'manifest deleted by digest (no other tag on it)' })
      }
    } catch (error) {
      const why = deleteRefusal(error)
      if (why) {
        memo.refused ??= why
        refuse(c)
      } else {
        out.retain.add(c.state)
        row(c, 'failed', { error: errorMessage(error) })
      }
    }
  }
}
