/** Rule helpers several personalities share: what a request is, and what the registry behind holds. */
import { regRequest } from '../http.js'
import type { StartedRegistry } from '../registry.js'
import type { Ctx } from './front.js'

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

export const isWrite = (c: Ctx): boolean => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(c.method)

/** `POST …/blobs/uploads/?mount=…`: the digest and the `from` repository (maybe missing). */
export function mountOf(c: Ctx): { digest: string; from?: string; origin?: string } | undefined {
  if (c.method !== 'POST' || c.route?.kind !== 'uploads') return undefined
  const digest = c.url.searchParams.get('mount')
  if (!digest) return undefined
  return {
    digest,
    from: c.url.searchParams.get('from') ?? undefined,
    origin: c.url.searchParams.get('origin') ?? undefined
  }
}

/** Turn a mount into a plain upload POST: the registry then opens a session and answers 202. */
export function dropMount(c: Ctx): void {
  const u = new URL(c.url)
  for (const p of ['mount', 'from', 'origin']) u.searchParams.delete(p)
  c.req.url = u.pathname + u.search
}

async function status(reg: StartedRegistry, method: 'HEAD' | 'GET', path: string, repo: string) {
  // Distribution answers 404 for an OCI manifest asked for without its type in Accept.
  const r = await regRequest(reg, { method, path, repo, headers: { accept: ACCEPT } })
  if (method === 'HEAD') await r.body.dump()
  return r
}

export async function blobIn(reg: StartedRegistry, repo: string, digest: string): Promise<boolean> {
  return (await status(reg, 'HEAD', `/v2/${repo}/blobs/${digest}`, repo)).statusCode === 200
}

export async function manifestIn(reg: StartedRegistry, repo: string, ref: string): Promise<boolean> {
  return (await status(reg, 'HEAD', `/v2/${repo}/manifests/${ref}`, repo)).statusCode === 200
}

interface ManifestJson {
  config?: { digest?: string }
  layers?: { digest?: string }[]
  manifests?: { digest?: string }[]
}

/** Whether a manifest tagged in `repo` (or one its indexes list) names `digest` as config or layer. */
export async function referencedIn(reg: StartedRegistry, repo: string, digest: string): Promise<boolean> {
  const tags = await regRequest(reg, { method: 'GET', path: `/v2/${repo}/tags/list`, repo })
  if (tags.statusCode !== 200) {
    await tags.body.dump()
    return false
  }
  const names = ((await tags.body.json()) as { tags?: string[] }).tags ?? []
  const seen = new Set<string>()
  const todo = [...names]
  while (todo.length > 0) {
    const ref = todo.pop()!
    if (seen.has(ref)) continue
    seen.add(ref)
    const r = await regRequest(reg, {
      method: 'GET',
      path: `/v2/${repo}/manifests/${ref}`,
      repo,
      headers: { accept: ACCEPT }
    })
    if (r.statusCode !== 200) {
      await r.body.dump()
      continue
    }
    const m = (await r.body.json()) as ManifestJson
    if (m.config?.digest === digest || m.layers?.some(l => l.digest === digest)) return true
    for (const d of m.manifests ?? []) if (d.digest) todo.push(d.digest)
  }
  return false
}

/** The JSON a manifest PUT carries, or undefined when it is not JSON. */
export async function manifestBody(c: Ctx): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse((await c.body()).toString('utf8')) as Record<string, unknown>
  } catch {
    return undefined
  }
}
