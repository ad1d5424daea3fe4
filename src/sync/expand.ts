/**
 * Expanding a sync's entries to one plan item per source tag. Only what concerns the whole entry
 * (its tags cannot be listed, its filter selects nothing) fails the entry; a tag the target cannot
 * take (`1.0-` is a Docker tag but no OCI layout ref name) fails alone and its siblings go on.
 */
import type { MirrorConfig, MirrorEntry } from '../config/index.js'
import { explainTags, selectTags, targetFor } from '../config/index.js'
import type { RegistryClient } from '../registry/index.js'
import { formatReference, type Reference } from '../oci/index.js'
import { parseTransportRef, type TransportRef } from '../transports/index.js'
import { mapLimit, type PlanContext, type PlanItem, type TagExplanation } from './plan.js'
import { selectShard } from './shard.js'

/** What did not become a plan item: a whole entry, or one tag of it. */
export interface ExpandFailure {
  entry: MirrorEntry
  /** The entry's source, or for one tag the source with that tag. */
  source: string
  /** The entry's target, or for one tag the full target when it could be spelt. */
  target: string
  error: unknown
}

/** A filter that selects nothing is a mistake worth failing on (a typo, a renamed upstream tag scheme). */
export class EmptyFilterError extends Error {
  override name = 'EmptyFilterError'
}

/** The source repository's tags could not be listed (not found, denied, a broken registry). */
export class TagListError extends Error {
  override name = 'TagListError'
  constructor(cause: unknown) {
    super('cannot list tags', { cause })
  }
}

/** One source tag has no valid name at the target; the cause says why. */
export class TagTargetError extends Error {
  override name = 'TagTargetError'
  constructor(
    readonly tag: string | undefined,
    target: string,
    cause: unknown
  ) {
    super(`${tag === undefined ? 'the image' : `tag "${tag}"`} cannot be written to ${target}`, { cause })
  }
}

/** The unit of sharding: a registry repository, or an OCI layout / archive / dir. */
export function targetRepository(t: TransportRef): string {
  switch (t.transport) {
    case 'docker':
      return `${t.ref.registry}/${t.ref.repository}`
    case 'oci':
      return `oci:${t.dir}`
    case 'docker-archive':
      return `docker-archive:${t.file}`
    case 'dir':
      return `dir:${t.dir}`
  }
}

export function entryRepository(e: MirrorEntry): string {
  try {
    return targetRepository(parseTransportRef(e.target))
  } catch {
    return e.target
  }
}

/** The tag an item writes: the docker tag, or the OCI layout ref. */
export function targetTagOf(t: TransportRef): string | undefined {
  if (t.transport === 'docker') return t.ref.tag
  if (t.transport === 'oci' || t.transport === 'docker-archive') return t.ref
  return undefined
}

export interface Expansion {
  /** The config entries of this shard. */
  entries: MirrorEntry[]
  items: PlanItem[]
  failures: ExpandFailure[]
}

/** The entries of this shard expanded to one item per source tag; failures come back apart. */
export async function expandEntries(config: MirrorConfig, ctx: PlanContext): Promise<Expansion> {
  const entries = selectShard(config.images, ctx.shard, entryRepository)
  const failures: ExpandFailure[] = []
  const perEntry = await mapLimit(entries, ctx.concurrency, async entry => {
    let tags: (string | undefined)[]
    try {
      tags = await entryTags(entry, ctx.client, ctx.explain)
    } catch (error) {
      failures.push({ entry, source: entry.source, target: entry.target, error })
      return []
    }
    const items: PlanItem[] = []
    for (const tag of tags) {
      const item = planItem(entry, tag)
      if ('error' in item) failures.push(item)
      else items.push(item)
    }
    return items
  })
  return { entries, items: perEntry.flat(), failures }
}

/** The source tags an entry stands for: its own tag (undefined for a digest), or its filter's choice. */
async function entryTags(
  entry: MirrorEntry,
  client: RegistryClient,
  explain?: (e: TagExplanation) => void
): Promise<(string | undefined)[]> {
  const ref = entry.sourceRef
  if (ref.tag || ref.digest) {
    explain?.({ entry, listed: 0, verdicts: [] })
    return [ref.tag]
  }
  if (!entry.filter) throw new Error(`${entry.source}: no tag, digest or tag filter`)
  let listed: string[]
  try {
    listed = await client.tagList(ref.registry, ref.repository)
  } catch (error) {
    throw new TagListError(error)
  }
  // Verdicts (a sentence per listed tag) only when asked for: a big repository's would be garbage.
  let tags: string[]
  if (explain) {
    const x = explainTags(listed, entry.filter)
    explain({ entry, listed: listed.length, verdicts: x.verdicts })
    tags = x.kept
  } else tags = selectTags(listed, entry.filter)
  if (tags.length === 0) {
    throw new EmptyFilterError(
      `the tag filter matches no tag of the source repository (${listed.length} tags listed)`
    )
  }
  return tags
}

export function planItem(entry: MirrorEntry, tag: string | undefined): PlanItem | ExpandFailure {
  const sourceRef: Reference = { ...entry.sourceRef, tag: tag ?? entry.sourceRef.tag }
  const source = formatReference(sourceRef)
  let target = entry.target
  try {
    target = targetFor(entry, tag ?? '')
    const targetRef = parseTransportRef(target)
    return { entry, source, sourceRef, target, targetRef, targetTag: targetTagOf(targetRef) }
  } catch (cause) {
    return { entry, source, target, error: new TagTargetError(tag, entry.target, cause) }
  }
}

/**
 * Tells the client which repositories the plan reads, in plan order: behind a token server their
 * tokens are fetched several at a time instead of one token request per repository and side.
 */
export function announcePlan(client: RegistryClient, items: PlanItem[], checkTargets: boolean): void {
  const byRegistry = new Map<string, Set<string>>()
  const add = (registry: string, repository: string) => {
    let repos = byRegistry.get(registry)
    if (!repos) byRegistry.set(registry, (repos = new Set()))
    repos.add(repository)
  }
  for (const item of items) {
    // A source named by digest needs no HEAD; a target is looked at only when targets may be.
    if (!item.sourceRef.digest) add(item.sourceRef.registry, item.sourceRef.repository)
    if (checkTargets && item.targetRef.transport === 'docker')
      add(item.targetRef.ref.registry, item.targetRef.ref.repository)
  }
  for (const [registry, repos] of byRegistry) client.announceRepositories(registry, repos)
}
