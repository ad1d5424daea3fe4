/** Tag listing with `Link` pagination (loop-guarded) and referrers with the `sha256-<hex>` tag fallback. */
import type { Descriptor } from '../copy/types.js'
import type { RegistryClient } from './client.js'
import { failure, RegistryError } from './errors.js'
import { header } from './http.js'
import { getManifest } from './manifests.js'
import { MANIFEST_LIMIT } from './manifest.js'
import { isIndex, MediaType } from './mediatypes.js'
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

/** GET /v2/<name>/referrers/<digest>; without the API, the `sha256-<hex>` tag (an index) or nothing. */
export async function referrers(
  c: RegistryClient,
  registry: string,
  repository: string,
  digest: string
): Promise<Descriptor[]> {
  const what = formatRepository(registry, repository)
  const res = await c.session.request({
    registry,
    method: 'GET',
    path: `/v2/${repository}/referrers/${digest}`,
    headers: { accept: MediaType.OciIndex },
    scopes: c.scopes(registry, repository),
    bufferLimit: MANIFEST_LIMIT
  })
  if (res.status === 200) {
    try {
      const j = JSON.parse(res.data!.toString('utf8')) as { manifests?: unknown }
      if (Array.isArray(j.manifests)) return j.manifests as Descriptor[]
    } catch {
      // fall through to the error below
    }
    throw new RegistryError(`${what}: referrers response for ${digest} is not an image index`, {
      method: 'GET',
      url: res.url,
      status: 200
    })
  }
  if (res.status !== 404 && res.status !== 400 && res.status !== 405 && res.status !== 501) {
    throw await failure(res, 'GET', 'pull', `referrers of ${digest} in ${what}`)
  }
  const tag = digest.replace(':', '-')
  try {
    const m = await getManifest(c, { registry, repository, tag })
    if (!isIndex(m.mediaType)) return []
    const j = JSON.parse(m.bytes.toString('utf8')) as { manifests?: unknown }
    return Array.isArray(j.manifests) ? (j.manifests as Descriptor[]) : []
  } catch (e) {
    if (e instanceof RegistryError && e.status === 404) return []
    throw e
  }
}
