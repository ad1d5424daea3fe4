/** One `images:` entry: source key + value (target string, `~`, or an options map) → MirrorEntry. */
import type { Node } from 'yaml'
import { parseReference, type Reference } from '../oci/index.js'
import { TAG_RE, tagPatternError, validSemverRange } from './filters.js'
import type { Entry, NodeReader } from './nodes.js'
import { OPTION_KEYS, readOptions } from './options.js'
import { mergePolicy, readSignatures, type PartialPolicy } from './signatures.js'
import { mergeSign } from './signing.js'
import {
  NO_DEFAULT_TAG,
  composeTarget,
  parseTarget,
  registryPathProblem,
  stripDocker,
  targetHasTag,
  transportOf
} from './targets.js'
import type { EntryOptions, MirrorEntry, TagFilter } from './types.js'

export const ENTRY_KEYS = ['target', 'tags', 'exclude', 'semver', 'latest', ...OPTION_KEYS] as const
const FILTER_KEYS = ['tags', 'exclude', 'semver', 'latest'] as const

export interface Defaults {
  /** defaults.target, when set and usable. */
  target?: string
  /** True when defaults.target was set but refused: `~` entries then add no second error. */
  targetRefused: boolean
  options: EntryOptions
  /** defaults.signatures as written; each image merges its own over it. */
  signatures?: PartialPolicy
  /** The config file's folder: key files are relative to it. */
  dir: string
  /** Policy errors already reported at defaults.signatures (one error, however many images inherit it). */
  reported: Set<string>
}

/** An entry plus the offsets the duplicate-target check points at. */
export interface BuiltEntry {
  entry: MirrorEntry
  offset: number
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/**
 * Reads one entry. `keyOffset` is where the source is written (map key or list item); `value` is
 * null for the `~`/empty and list forms.
 */
export function readEntry(
  r: NodeReader,
  source: string,
  keyOffset: number,
  value: Node | null,
  defaults: Defaults
): BuiltEntry | undefined {
  const where = `images."${source}"`
  const before = r.errors.count
  const sourceRef = readSource(r, source, keyOffset)

  let targetText: string | undefined
  let targetOffset = keyOffset
  let explicitTarget = false
  let known = new Map<string, Entry>()
  const kind = r.kind(value)
  if (kind === 'string' && r.text(value) !== '~') {
    targetText = r.text(value)
    targetOffset = r.offset(value, keyOffset)
    explicitTarget = true
  } else if (kind === 'map') {
    known = r.known(r.entries(value, where), ENTRY_KEYS, where)
    const t = known.get('target')
    if (t && !(r.kind(t.value) === 'null' || r.text(t.value) === '~')) {
      targetText = r.string(t, `${where}.target`)
      targetOffset = r.valueOffset(t)
      explicitTarget = true
    }
  } else if (kind !== 'null' && kind !== 'string') {
    const hint =
      kind === 'number' && !source.includes(':')
        ? ` (for a tag write "${source}:${r.text(value)}" with no space)`
        : ''
    r.error(
      value,
      `${where}: expected a target, ~ or a map of options (target, tags, semver, …), got ${r.describe(value)}${hint}`,
      keyOffset
    )
    return undefined
  }

  const own = readOptions(r, known, where)
  const options: EntryOptions = { ...defaults.options, ...own }
  // keep only ever protects more: an entry's patterns add to the defaults' ones.
  if (own.keep) options.keep = [...new Set([...defaults.options.keep, ...own.keep])]
  const sig = known.get('signatures')
  const ownPolicy = sig ? readSignatures(r, sig, where, defaults.dir) : undefined
  const policy = mergePolicy(r, defaults.signatures, ownPolicy, where, defaults.reported)
  if (policy) options.signatures = policy
  const sign = mergeSign(r, defaults.signatures?.sign, ownPolicy?.sign, defaults.reported)
  if (sign) options.sign = sign
  const filter = readFilter(r, known, where)
  const filterKeys = FILTER_KEYS.filter(k => known.has(k))
  if (sourceRef && (sourceRef.tag !== undefined || sourceRef.digest !== undefined) && filterKeys.length > 0) {
    const first = known.get(filterKeys[0]) as Entry
    r.errors.at(
      first.offset,
      `${where}: the source already names ${sourceRef.tag !== undefined ? `the tag "${sourceRef.tag}"` : 'a digest'}; ` +
        `remove it from the key to select tags with ${filterKeys.join('/')}, or remove ${filterKeys.join('/')}`
    )
  }
  const needsFilter = sourceRef !== undefined && sourceRef.tag === undefined && sourceRef.digest === undefined
  if (needsFilter && !known.has('tags') && !known.has('semver')) {
    const extra = ['latest', 'exclude'].filter(k => known.has(k))
    if (extra.length > 0) {
      const e = known.get(extra[0]) as Entry
      r.errors.at(
        e.offset,
        `${where}: ${extra.join(' and ')} ${extra.length > 1 ? 'choose' : 'chooses'} among tags; add tags: ["*"] or a semver range`
      )
    } else {
      const looksLikeTag =
        explicitTarget && targetText !== undefined && TAG_RE.test(targetText) && !targetText.includes('/')
      const hint = looksLikeTag
        ? ` (for the tag "${targetText}" write "${source}:${targetText}" with no space)`
        : ''
      r.errors.at(
        keyOffset,
        `${where}: the source names no tag; add one (${source}:TAG) or select tags with tags (["*"] for all) or semver${hint}`
      )
    }
  }

  if (!explicitTarget) {
    if (defaults.target === undefined) {
      if (!defaults.targetRefused) {
        const at = kind === 'map' ? keyOffset : r.offset(value, keyOffset)
        r.errors.at(at, `${where}: no target; give one, or set defaults.target`)
      }
      return undefined
    }
    if (sourceRef) {
      try {
        targetText = composeTarget(defaults.target, sourceRef)
      } catch (err) {
        r.errors.at(keyOffset, `${where}: ${errorText(err)}`)
      }
    }
  }
  if (targetText !== undefined) checkTarget(r, targetText, targetOffset, where, explicitTarget, needsFilter)
  if (r.errors.count > before || !sourceRef || targetText === undefined) return undefined

  const pos = r.errors.pos(keyOffset)
  const entry: MirrorEntry = { source, sourceRef, target: targetText, ...options, position: pos }
  if (needsFilter) entry.filter = filter
  return { entry, offset: keyOffset }
}

function readSource(r: NodeReader, source: string, offset: number): Reference | undefined {
  const transport = transportOf(source)
  if (transport !== undefined) {
    r.errors.at(
      offset,
      `source "${source}": sources are registry references; ${transport}: is only for targets`
    )
    return undefined
  }
  try {
    return parseReference(stripDocker(source), NO_DEFAULT_TAG)
  } catch (err) {
    r.errors.at(offset, `source: ${errorText(err)}`)
    return undefined
  }
}

function readFilter(r: NodeReader, known: Map<string, Entry>, where: string): TagFilter {
  const filter: TagFilter = {}
  for (const key of ['tags', 'exclude'] as const) {
    const e = known.get(key)
    if (!e) continue
    const items = r.stringList(e, `${where}.${key}`)
    if (!items) continue
    for (const item of items) {
      const problem = tagPatternError(item.value)
      if (problem) r.errors.at(item.offset, `${where}.${key}: ${problem}`)
    }
    filter[key] = items.map(i => i.value)
  }
  const s = known.get('semver')
  if (s) {
    const range = r.string(s, `${where}.semver`)
    if (range !== undefined) {
      if (validSemverRange(range) === undefined) {
        r.errors.at(
          r.valueOffset(s),
          `${where}.semver: invalid semver range "${range}" (examples: ">=1.4 <3", "^2.1", "~1.27")`
        )
      } else {
        filter.semver = range
      }
    }
  }
  const l = known.get('latest')
  if (l) {
    const n = r.integer(l, `${where}.latest`, 1)
    if (n !== undefined) filter.latest = n
  }
  return filter
}

function checkTarget(
  r: NodeReader,
  text: string,
  offset: number,
  where: string,
  explicit: boolean,
  hasFilter: boolean
): void {
  let t
  try {
    t = parseTarget(text)
  } catch (err) {
    r.errors.at(offset, `${where}: invalid target: ${errorText(err)}`)
    return
  }
  if (t.kind === 'registry') {
    if (t.ref.digest !== undefined) {
      r.errors.at(
        offset,
        `${where}: target "${text}" names a digest; the digest always comes from the source`
      )
      return
    }
    // A composed target's path was already checked once on defaults.target.
    const problem = explicit ? registryPathProblem(t.ref) : undefined
    if (problem) r.errors.at(offset, `${where}: ${problem}`)
  }
  if (!hasFilter) return
  if (t.kind === 'dir') {
    r.errors.at(
      offset,
      `${where}: a dir: target holds one image, but a filter selects several tags; use oci: instead`
    )
  } else if (targetHasTag(t)) {
    r.errors.at(
      offset,
      `${where}: target "${text}" fixes one tag, but a filter selects several; give a repository without a tag (each tag is kept)`
    )
  }
}
