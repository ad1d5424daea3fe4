/**
 * Tag selection for entries whose source names no tag.
 *
 * Patterns (`tags` and `exclude`): an exact tag, a glob (`*` any run of characters, `?` one
 * character), or `/regex/` (optionally `/regex/i`); every kind must match the WHOLE tag. `*` alone
 * means every tag.
 *
 * Semver: a tag counts as a version when it is `[v]MAJOR[.MINOR[.PATCH]][-PRERELEASE]` (missing
 * parts are 0, so `1.27` is 1.27.0 and `v2` is 2.0.0). `1.27-alpine` is a prerelease of 1.27.0 and
 * so, like `-rc` tags, is excluded unless the semver range itself admits prereleases (node-semver's
 * rule). When `semver` or `latest` is set, tags that are not versions are DROPPED (`latest`,
 * `alpine`, `1.2.3.4`…), because they cannot be ordered.
 */
// node-semver's own modules, not its index: the index evaluates all of node-semver, a few
// milliseconds of every run that the parts used here do not need.
import Range from 'semver/classes/range.js'
import type SemVer from 'semver/classes/semver.js'
import parseVersion from 'semver/functions/parse.js'
import validRange from 'semver/ranges/valid.js'
import type { TagFilter } from './types.js'

export { targetFor } from './targets.js'

export type TagMatcher = (tag: string) => boolean

/** The Docker tag grammar. */
export const TAG_RE = /^[\w][\w.-]{0,127}$/

/**
 * Compiles one `tags`/`exclude` pattern. Throws an Error whose message explains what is wrong
 * (an invalid regex, characters no tag can contain).
 */
export function compileTagPattern(pattern: string): TagMatcher {
  if (pattern.startsWith('/')) {
    const end = pattern.lastIndexOf('/')
    if (end <= 0) throw new Error(`"${pattern}" starts a /regex/ but has no closing slash`)
    const body = pattern.slice(1, end)
    const flags = pattern.slice(end + 1)
    if (body === '') throw new Error(`"${pattern}" is an empty regex`)
    if (!/^i?$/.test(flags)) throw new Error(`"${pattern}": only the i flag is supported after a /regex/`)
    let re: RegExp
    try {
      re = new RegExp(`^(?:${body})$`, flags)
    } catch (err) {
      // V8 quotes the wrapped pattern (`/^(?:…)$/: `), which the user never wrote.
      const why =
        err instanceof Error
          ? err.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')
          : String(err)
      throw new Error(`invalid regex ${pattern}: ${why}`, { cause: err })
    }
    return tag => re.test(tag)
  }
  if (pattern === '*') return () => true
  if (/[*?]/.test(pattern)) {
    if (!/^[\w.*?-]+$/.test(pattern)) {
      throw new Error(
        `"${pattern}" is not a tag glob: tags contain only letters, digits, _ . - (use /regex/ for more)`
      )
    }
    const src = pattern
      .replace(/[.\\+^$(){}[\]|-]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')
    const re = new RegExp(`^${src}$`)
    return tag => re.test(tag)
  }
  if (!TAG_RE.test(pattern)) {
    throw new Error(
      `"${pattern}" is not a valid tag (letters, digits, _ . - up to 128 characters, not starting with . or -)`
    )
  }
  return tag => tag === pattern
}

/** The error message for a pattern, or undefined when it compiles. */
export function tagPatternError(pattern: string): string | undefined {
  try {
    compileTagPattern(pattern)
    return undefined
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  }
}

/** True when the pattern can only ever match itself (no glob, no regex). */
export function isExactTag(pattern: string): boolean {
  return !pattern.startsWith('/') && !/[*?]/.test(pattern)
}

const VERSION_TAG_RE = /^v?(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?(?:-([0-9A-Za-z.-]+))?$/

// One options object for every version: node-semver keeps a reference to it in each SemVer.
const LOOSE = { loose: true } as const

/** The version a tag stands for (see the module comment), or null when it is not a version. */
export function tagVersion(tag: string): SemVer | null {
  const m = VERSION_TAG_RE.exec(tag)
  if (!m) return null
  const text = `${m[1]}.${m[2] ?? '0'}.${m[3] ?? '0'}${m[4] ? `-${m[4]}` : ''}`
  return parseVersion(text, LOOSE)
}

/**
 * A normalised range, or undefined when node-semver cannot read it. Strict on purpose: loose mode
 * silently drops what it cannot read, so a typo like `>=1.4 <<3` would become `>=1.4` and mirror
 * far more than intended.
 */
export function validSemverRange(range: string): string | undefined {
  if (range.trim() === '') return undefined
  return validRange(range) ?? undefined
}

/** Why one listed tag was kept or dropped: the filter that decided, in its own words. */
export interface TagVerdict {
  tag: string
  kept: boolean
  /** `tags`, `exclude`, `semver`, `latest`: the filter that decided (for a kept tag, the last one). */
  by: 'tags' | 'exclude' | 'semver' | 'latest'
  reason: string
}

type Compiled = { pattern: string; match: TagMatcher }[]
type Versioned = { tag: string; v: SemVer }

/**
 * Newest first, equal versions by tag name: a total order, so sorting in steps and cutting to the
 * first N (see TRIM_SLACK) keeps what one sort of every version would. The SemVer's own compare:
 * node-semver's rcompare parses both versions anew on every call (their loose option is not its
 * own), two objects per comparison, hundreds of thousands for a big repository.
 */
const newestFirst = (a: Versioned, b: Versioned): number =>
  b.v.compare(a.v) || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0)
/** Versions gathered past `latest` before they are sorted and cut back to `latest`. */
const TRIM_SLACK = 1024

/** The first pattern that matches `tag`, if any. */
function firstMatch(patterns: Compiled, tag: string): string | undefined {
  return patterns.find(p => p.match(tag))?.pattern
}

const list = (patterns: string[]): string => JSON.stringify(patterns)

/**
 * Every listed tag (once) with the filter that kept or dropped it, in the order the filters apply:
 * `tags`, then `exclude`, then `semver` (or, with `latest` alone, "is it a release version"), then
 * `latest`. `kept`: the tags selected, in selectTags' order. Invalid patterns or ranges throw.
 */
export function explainTags(tags: string[], filter: TagFilter): { kept: string[]; verdicts: TagVerdict[] } {
  const verdicts = new Map<string, TagVerdict>()
  const kept = filterTags(tags, filter, verdicts)
  return { kept, verdicts: [...verdicts.values()] }
}

/**
 * The selection itself. `verdicts`, when given (`--explain`), receives why each tag was kept or
 * dropped; without it no per-tag text is built: a repository of 100,000 tags would otherwise
 * allocate a verdict and its sentence per tag, twice for the versions `latest` ranks, only to
 * discard them (issue 18's memory target).
 */
function filterTags(tags: string[], filter: TagFilter, verdicts?: Map<string, TagVerdict>): string[] {
  const compile = (ps: string[]): Compiled =>
    ps.map(pattern => ({ pattern, match: compileTagPattern(pattern) }))
  const include = compile(filter.tags ?? ['*'])
  const exclude = compile(filter.exclude ?? [])
  let range: Range | undefined
  if (filter.semver !== undefined) {
    const valid = validSemverRange(filter.semver)
    if (valid === undefined) throw new Error(`invalid semver range "${filter.semver}"`)
    // Parsed once: satisfies(v, string) parses the range again for every tag.
    range = new Range(valid)
  }
  const n = filter.latest
  const versions = filter.semver !== undefined || n !== undefined
  const why = filter.semver !== undefined ? 'semver' : 'latest'
  const versioned: Versioned[] = []
  const matched: string[] = []
  for (const tag of new Set(tags)) {
    const drop = (by: TagVerdict['by'], reason: () => string): void =>
      void verdicts?.set(tag, { tag, kept: false, by, reason: reason() })
    const inc = firstMatch(include, tag)
    if (inc === undefined) {
      drop('tags', () => `matches none of tags ${list(filter.tags ?? ['*'])}`)
      continue
    }
    const exc = firstMatch(exclude, tag)
    if (exc !== undefined) {
      drop('exclude', () => `matches exclude ${JSON.stringify(exc)}`)
      continue
    }
    if (!versions) {
      verdicts?.set(tag, { tag, kept: true, by: 'tags', reason: `matches tags ${JSON.stringify(inc)}` })
      matched.push(tag)
      continue
    }
    const v = tagVersion(tag)
    if (!v) {
      drop(why, () => `not a version: ${why} orders versions, so tags that are none are dropped`)
      continue
    }
    if (range !== undefined && !range.test(v)) {
      drop('semver', () =>
        v.prerelease.length > 0 && range.test(v.version.replace(/-.*/, ''))
          ? `${v.version} is a prerelease: semver ${JSON.stringify(filter.semver)} names no prerelease`
          : `${v.version} is outside semver ${JSON.stringify(filter.semver)}`
      )
      continue
    }
    // Without a range, prereleases are left out the same way a range would leave them out.
    if (range === undefined && v.prerelease.length > 0) {
      drop('latest', () => `${v.version} is a prerelease: latest counts releases only`)
      continue
    }
    versioned.push({ tag, v })
    // Without verdicts to write (they rank every version), `latest: N` needs only the N newest so
    // far: trimming now and then lets the other versions die young instead of living to the sort.
    if (!verdicts && n !== undefined && versioned.length >= n + TRIM_SLACK) {
      versioned.sort(newestFirst)
      versioned.length = n
    }
    verdicts?.set(tag, {
      tag,
      kept: true,
      by: 'semver',
      reason:
        range !== undefined
          ? `matches tags ${JSON.stringify(inc)}; ${v.version} is within semver ${JSON.stringify(filter.semver)}`
          : `matches tags ${JSON.stringify(inc)}; version ${v.version}`
    })
  }
  if (!versions) return matched
  versioned.sort(newestFirst)
  const kept: string[] = []
  versioned.forEach(({ tag }, i) => {
    if (n !== undefined && i >= n) {
      verdicts?.set(tag, {
        tag,
        kept: false,
        by: 'latest',
        reason: `newest ${i + 1} of ${versioned.length}: latest keeps ${n}`
      })
      return
    }
    const verdict = verdicts?.get(tag)
    if (n !== undefined && verdict)
      verdicts!.set(tag, {
        ...verdict,
        by: 'latest',
        reason: `${verdict.reason}; newest ${i + 1} of ${versioned.length}, latest keeps ${n}`
      })
    kept.push(tag)
  })
  return kept
}

/**
 * The tags of `tags` (as listed by the source) that `filter` selects, without duplicates.
 * Order: newest version first when `semver` or `latest` is set (equal versions by tag name),
 * otherwise the order of the input. Invalid patterns or ranges throw (the config loader has already
 * refused them, so this only happens for filters built by hand). explainTags says why.
 */
export function selectTags(tags: string[], filter: TagFilter): string[] {
  return filterTags(tags, filter)
}
