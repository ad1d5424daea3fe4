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
// milliseconds of every run that the four functions used here do not need.
import type SemVer from 'semver/classes/semver.js'
import parseVersion from 'semver/functions/parse.js'
import rcompare from 'semver/functions/rcompare.js'
import satisfies from 'semver/functions/satisfies.js'
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

/** The version a tag stands for (see the module comment), or null when it is not a version. */
export function tagVersion(tag: string): SemVer | null {
  const m = VERSION_TAG_RE.exec(tag)
  if (!m) return null
  const text = `${m[1]}.${m[2] ?? '0'}.${m[3] ?? '0'}${m[4] ? `-${m[4]}` : ''}`
  return parseVersion(text, { loose: true })
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
  const compile = (ps: string[]): Compiled =>
    ps.map(pattern => ({ pattern, match: compileTagPattern(pattern) }))
  const include = compile(filter.tags ?? ['*'])
  const exclude = compile(filter.exclude ?? [])
  let range: string | undefined
  if (filter.semver !== undefined) {
    range = validSemverRange(filter.semver)
    if (range === undefined) throw new Error(`invalid semver range "${filter.semver}"`)
  }
  const versions = filter.semver !== undefined || filter.latest !== undefined
  const verdicts = new Map<string, TagVerdict>()
  const versioned: { tag: string; v: SemVer }[] = []
  const matched: string[] = []
  for (const tag of new Set(tags)) {
    const drop = (by: TagVerdict['by'], reason: string): void =>
      void verdicts.set(tag, { tag, kept: false, by, reason })
    const inc = firstMatch(include, tag)
    if (inc === undefined) {
      drop('tags', `matches none of tags ${list(filter.tags ?? ['*'])}`)
      continue
    }
    const exc = firstMatch(exclude, tag)
    if (exc !== undefined) {
      drop('exclude', `matches exclude ${JSON.stringify(exc)}`)
      continue
    }
    if (!versions) {
      verdicts.set(tag, { tag, kept: true, by: 'tags', reason: `matches tags ${JSON.stringify(inc)}` })
      matched.push(tag)
      continue
    }
    const v = tagVersion(tag)
    const why = filter.semver !== undefined ? 'semver' : 'latest'
    if (!v) {
      drop(why, `not a version: ${why} orders versions, so tags that are none are dropped`)
      continue
    }
    if (range !== undefined && !satisfies(v, range)) {
      drop(
        'semver',
        v.prerelease.length > 0 && satisfies(v.version.replace(/-.*/, ''), range)
          ? `${v.version} is a prerelease: semver ${JSON.stringify(filter.semver)} names no prerelease`
          : `${v.version} is outside semver ${JSON.stringify(filter.semver)}`
      )
      continue
    }
    // Without a range, prereleases are left out the same way a range would leave them out.
    if (range === undefined && v.prerelease.length > 0) {
      drop('latest', `${v.version} is a prerelease: latest counts releases only`)
      continue
    }
    versioned.push({ tag, v })
    verdicts.set(tag, {
      tag,
      kept: true,
      by: 'semver',
      reason:
        range !== undefined
          ? `matches tags ${JSON.stringify(inc)}; ${v.version} is within semver ${JSON.stringify(filter.semver)}`
          : `matches tags ${JSON.stringify(inc)}; version ${v.version}`
    })
  }
  if (!versions) return { kept: matched, verdicts: [...verdicts.values()] }
  versioned.sort((a, b) => rcompare(a.v, b.v) || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
  const kept: string[] = []
  versioned.forEach(({ tag }, i) => {
    const n = filter.latest
    const verdict = verdicts.get(tag)!
    if (n !== undefined && i >= n) {
      verdicts.set(tag, {
        tag,
        kept: false,
        by: 'latest',
        reason: `newest ${i + 1} of ${versioned.length}: latest keeps ${n}`
      })
      return
    }
    if (n !== undefined)
      verdicts.set(tag, {
        ...verdict,
        by: 'latest',
        reason: `${verdict.reason}; newest ${i + 1} of ${versioned.length}, latest keeps ${n}`
      })
    kept.push(tag)
  })
  return { kept, verdicts: [...verdicts.values()] }
}

/**
 * The tags of `tags` (as listed by the source) that `filter` selects, without duplicates.
 * Order: newest version first when `semver` or `latest` is set (equal versions by tag name),
 * otherwise the order of the input. Invalid patterns or ranges throw (the config loader has already
 * refused them, so this only happens for filters built by hand). explainTags says why.
 */
export function selectTags(tags: string[], filter: TagFilter): string[] {
  return explainTags(tags, filter).kept
}
