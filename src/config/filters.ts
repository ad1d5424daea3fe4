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

/**
 * The tags of `tags` (as listed by the source) that `filter` selects, without duplicates.
 * Order: newest version first when `semver` or `latest` is set (equal versions by tag name),
 * otherwise the order of the input. Invalid patterns or ranges throw (the config loader has already
 * refused them, so this only happens for filters built by hand).
 */
export function selectTags(tags: string[], filter: TagFilter): string[] {
  const include = (filter.tags ?? ['*']).map(compileTagPattern)
  const exclude = (filter.exclude ?? []).map(compileTagPattern)
  const unique = [...new Set(tags)]
  const matched = unique.filter(t => include.some(m => m(t)) && !exclude.some(m => m(t)))
  if (filter.semver === undefined && filter.latest === undefined) return matched

  let range: string | undefined
  if (filter.semver !== undefined) {
    range = validSemverRange(filter.semver)
    if (range === undefined) throw new Error(`invalid semver range "${filter.semver}"`)
  }
  const versioned: { tag: string; v: SemVer }[] = []
  for (const tag of matched) {
    const v = tagVersion(tag)
    if (!v) continue
    // Without a range, prereleases are left out the same way a range would leave them out.
    if (range !== undefined ? !satisfies(v, range) : v.prerelease.length > 0) continue
    versioned.push({ tag, v })
  }
  versioned.sort((a, b) => rcompare(a.v, b.v) || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
  const out = versioned.map(x => x.tag)
  return filter.latest !== undefined ? out.slice(0, filter.latest) : out
}
