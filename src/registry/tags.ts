/** Tag listing with `Link` pagination (loop-guarded). */
import type { RegistryClient } from './client.js'
import { failure, RegistryError } from './errors.js'
import { header } from './http.js'
import { formatRepository } from './reference.js'

export const MAX_TAG_PAGES = 10_000
const TAG_PAGE_LIMIT = 16 * 1024 * 1024

/** The `rel="next"` target of a Link header, if any. */
export function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part)
    if (m && /;\s*rel\s*=\s*"?next"?/i.test(m[2]!)) return m[1]
  }
  return undefined
}

/** GET /v2/<name>/tags/list?n=<page>, following Link until the end. */
export async function listTags(
  c: RegistryClient,
  registry: string,
  repository: string,
  pageSize: number
): Promise<string[]> {
  const what = formatRepository(registry, repository)
  const tags: string[] = []
  const seenTags = new Set<string>()
  const seenPages = new Set<string>()
  let path: string | undefined = `/v2/${repository}/tags/list?n=${pageSize}`
  for (let page = 1; path; page++) {
    if (page > MAX_TAG_PAGES)
      throw new RegistryError(`${what}: tag list has more than ${MAX_TAG_PAGES} pages; giving up`, {
        method: 'GET',
        url: path
      })
    if (seenPages.has(path))
      throw new RegistryError(`${what}: tag list pagination loops (page ${page} repeats an earlier Link)`, {
        method: 'GET',
        url: path
      })
    seenPages.add(path)
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
    for (const t of pageTags as string[]) {
      if (seenTags.has(t)) continue
      seenTags.add(t)
      tags.push(t)
      added++
    }
    const next = nextLink(header(res.headers, 'link'))
    if (next && added === 0 && pageTags.length > 0) {
      throw new RegistryError(
        `${what}: tag list pagination does not advance (page ${page} repeats earlier tags)`,
        { method: 'GET', url: res.url }
      )
    }
    seenPages.add(res.url)
    path = next ? new URL(next, res.url).href : undefined
    if (path && seenPages.has(path)) {
      throw new RegistryError(
        `${what}: tag list pagination loops (page ${page} links back to an earlier page)`,
        { method: 'GET', url: path }
      )
    }
    if (path && added === 0 && pageTags.length > 0) {
      throw new RegistryError(
        `${what}: tag list pagination does not advance (page ${page} repeats earlier tags)`,
        { method: 'GET', url: res.url }
      )
    }
  }
  return tags
}
