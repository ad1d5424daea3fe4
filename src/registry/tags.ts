/**
 * Tag listing with `Link` pagination. The registry decides how long the list is, so the listing is
 * capped (tags held, pages followed) and loop-guarded: an endless or looping list is a clear error.
 */
import { createHash } from 'node:crypto'
import type { RegistryContext } from './session.js'
import { failure, RegistryError } from '../http/index.js'
import { header } from '../http/index.js'
import { familiarRegistry, formatRepository, isValidTag, registryKey } from '../oci/index.js'
import { tagListPath } from './endpoints.js'

/** Tags read from one repository unless `max-tags` says otherwise: far above real repositories. */
export const DEFAULT_MAX_TAGS = 100_000
/** The highest `max-tags` accepted: a JavaScript Set holds at most 2^24 entries. */
export const MAX_TAGS_CEILING = 10_000_000
// Real registries serve 50 to 1000 tags a page; ten a page on average is generous, and a server
// answering with near-empty pages still reaches the end of its allowance.
const MIN_TAGS_PER_PAGE = 10
const TAG_PAGE_LIMIT = 16 * 1024 * 1024
/** Characters kept of a tag that is invalid anyway (valid tags have at most 128). */
const MAX_INVALID_TAG = 200

export interface TagListLimits {
  /** Page size asked for with `?n=` (a registry may serve fewer). */
  pageSize: number
  /** Most distinct tags held; one more is an error. */
  maxTags: number
}

/** Pages followed for a tag limit; +1 because distribution links to an empty page after a full one. */
export function maxTagPages(maxTags: number): number {
  return Math.ceil(maxTags / MIN_TAGS_PER_PAGE) + 1
}

/** A `--max-tags` value: a whole number from 1 to MAX_TAGS_CEILING, else undefined. */
export function parseMaxTags(s: string): number | undefined {
  if (!/^\d+$/.test(s)) return undefined
  const n = Number(s)
  return n >= 1 && n <= MAX_TAGS_CEILING ? n : undefined
}

/** The `rel="next"` target of a Link header, if any. */
export function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part)
    if (m && /;\s*rel\s*=\s*"?next"?/i.test(m[2]!)) return m[1]
  }
  return undefined
}

function raiseHint(registry: string, maxTags: number): string {
  const host = familiarRegistry(registryKey(registry))
  return (
    `The limit is max-tags ${maxTags} for registry ${host}; if the repository really has more tags, ` +
    `raise it with registries."${host}".max-tags in the config, or --max-tags N on the command line`
  )
}

// A fingerprint, not the URL: a hostile Link can be as long as a header allows, on every page.
const pageKey = (url: string): string => createHash('sha256').update(url).digest('base64')

/** GET /v2/<name>/tags/list?n=<page>, following Link until the end or a limit. */
export async function listTags(
  c: RegistryContext,
  registry: string,
  repository: string,
  limits: TagListLimits
): Promise<string[]> {
  const { maxTags } = limits
  const maxPages = maxTagPages(maxTags)
  const what = formatRepository(registry, repository)
  const tooLong = (url: string, why: string): RegistryError =>
    new RegistryError(`${what}: ${why}; stopped reading. ${raiseHint(registry, maxTags)}`, {
      method: 'GET',
      url
    })
  // Insertion order is the registry's order: one Set both drops repeats and holds the answer.
  const tags = new Set<string>()
  const seenPages = new Set<string>()
  let path: string | undefined = tagListPath(repository, { n: limits.pageSize })
  for (let page = 1; path; page++) {
    if (page > maxPages)
      throw tooLong(path, `the tag list goes on past ${maxPages} pages (${tags.size} tags read)`)
    // No check here: the end of the previous page already refused a Link to a page seen before.
    seenPages.add(pageKey(path))
    const res = await c.session.request({
      registry,
      method: 'GET',
      path,
      headers: { accept: 'application/json' },
      scopes: c.scopes(registry, repository),
      bufferLimit: TAG_PAGE_LIMIT
    })
    if (res.status === 404) throw await failure(res, 'GET', 'list', `repository ${what}`)
    if (res.status !== 200) throw await failure(res, 'GET', 'list', `tags of ${what}`)
    let body: { tags?: unknown }
    try {
      body = JSON.parse(res.data!.toString('utf8')) as typeof body
    } catch (e) {
      throw new RegistryError(`${what}: tag list is not JSON`, { method: 'GET', url: res.url, cause: e })
    }
    const pageTags = body?.tags ?? []
    if (!Array.isArray(pageTags) || pageTags.some(t => typeof t !== 'string')) {
      throw new RegistryError(`${what}: tag list has no valid "tags" array`, { method: 'GET', url: res.url })
    }
    let added = 0
    for (let t of pageTags as string[]) {
      // An invalid tag is kept, so the sync reports it (escaped) next to the good tags it does not
      // block, but clipped: what a listing holds stays at most maxTags short strings. A clipped
      // tag is still invalid (it was too long, or its bad character is in what is kept).
      if (!isValidTag(t)) t = t.length > MAX_INVALID_TAG ? `${t.slice(0, MAX_INVALID_TAG - 3)}...` : t
      if (tags.has(t)) continue
      tags.add(t)
      added++
      if (tags.size > maxTags)
        throw tooLong(res.url, `the tag list has more than ${maxTags} tags (page ${page})`)
    }
    const next = nextLink(header(res.headers, 'link'))
    if (next && added === 0 && pageTags.length > 0) {
      throw new RegistryError(
        `${what}: tag list pagination does not advance (page ${page} repeats earlier tags)`,
        { method: 'GET', url: res.url }
      )
    }
    seenPages.add(pageKey(res.url))
    path = next ? new URL(next, res.url).href : undefined
    if (path && seenPages.has(pageKey(path))) {
      throw new RegistryError(
        `${what}: tag list pagination loops (page ${page} links back to an earlier page)`,
        { method: 'GET', url: path }
      )
    }
  }
  return [...tags]
}
