/**
 * Deleting at a registry: untag (OCI 1.1) and delete a manifest by digest (every tag on it goes).
 * Registries differ most here: distribution answers 405 UNSUPPORTED unless its operator enabled
 * deletes, distribution 2.x answers 400 to a tag DELETE (it has no untag), Docker Hub and some ACR editions
 * deny (401/403). `deleteRefusal` tells such a refusal (the registry's policy, the same for every
 * tag) from a failure of one request.
 */
import { failure, RegistryError } from '../http/index.js'
import { formatReference, type Descriptor, type Reference } from '../oci/index.js'
import { manifestDeletePath, tagDeletePath } from './endpoints.js'
import type { RegistryContext } from './session.js'

/** `unsupported`: the registry has no tag deletion (400/405); a digest delete may still work. */
export type DeleteOutcome = 'deleted' | 'unsupported'

const OK = new Set([200, 202, 204])

function deleteScopes(c: RegistryContext, registry: string, repository: string): string[] {
  // distribution's token auth wants `delete` for DELETE; pull (or pull,push where the run writes)
  // as for any other request to the repository, and no more.
  return [`repository:${repository}:delete`, ...c.scopes(registry, repository)]
}

/** end-9 DELETE /v2/<name>/manifests/<tag>: removes the tag only. */
export async function deleteTag(
  c: RegistryContext,
  registry: string,
  repository: string,
  tag: string
): Promise<DeleteOutcome> {
  const res = await c.session.request({
    registry,
    method: 'DELETE',
    path: tagDeletePath(repository, tag),
    scopes: deleteScopes(c, registry, repository),
    bufferLimit: 65536
  })
  if (OK.has(res.status)) return 'deleted'
  // The spec's answer for "tag deletion is not supported here" (distribution 2.8 answers 400).
  if (res.status === 400 || res.status === 405) return 'unsupported'
  throw await failure(res, 'DELETE', 'delete', formatReference({ registry, repository, tag }))
}

/** end-9 DELETE /v2/<name>/manifests/<digest>: removes the manifest and every tag pointing at it. */
export async function deleteManifest(
  c: RegistryContext,
  registry: string,
  repository: string,
  digest: string
): Promise<void> {
  const res = await c.session.request({
    registry,
    method: 'DELETE',
    path: manifestDeletePath(repository, digest),
    scopes: deleteScopes(c, registry, repository),
    bufferLimit: 65536
  })
  if (OK.has(res.status)) return
  const what = formatReference({ registry, repository, digest })
  const err = await failure(res, 'DELETE', 'delete', what)
  if (res.status === 405) err.message = `${what}: the registry does not allow deleting manifests (405)`
  throw err
}

/**
 * Why the registry refuses deletes as a policy (deletes disabled, or these credentials may not
 * delete), or undefined for any other error. Such a refusal holds for every tag of the registry.
 */
export function deleteRefusal(error: unknown): string | undefined {
  if (!(error instanceof RegistryError) || error.method !== 'DELETE') return undefined
  const code = error.codes[0]
  const tail = code ? ` ${code}` : ''
  if (error.status === 405 || error.codes.includes('UNSUPPORTED'))
    return `deletes are disabled there (${error.status ?? '?'}${tail})`
  if (error.status === 401 || error.status === 403 || error.codes.includes('DENIED'))
    return `it denied the delete (${error.status ?? '?'}${tail}): the credentials may not delete, or the registry never allows it`
  return undefined
}

/** What tagDigests needs of the client: a fresh listing and a HEAD per tag. */
export interface TagReader {
  tagList(registry: string, repository: string, opts: { fresh?: boolean }): Promise<string[]>
  manifestHead(ref: Reference): Promise<Descriptor | undefined>
}

/**
 * The repository's tags by the digest each points at: end-8b GET tags/list (listed anew), then one
 * end-3 HEAD per tag, `atOnce` at a time (a HEAD is no Docker Hub pull). Before a digest delete,
 * this is how to know which tags would go with it. Bounded by the client's max-tags.
 */
export async function tagDigests(
  c: TagReader,
  registry: string,
  repository: string,
  atOnce = 8
): Promise<Map<string, string[]>> {
  const tags = await c.tagList(registry, repository, { fresh: true })
  const digests = new Array<string | undefined>(tags.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < tags.length) {
      const i = next++
      digests[i] = (await c.manifestHead({ registry, repository, tag: tags[i] }))?.digest
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(atOnce, tags.length)) }, worker))
  const m = new Map<string, string[]>()
  tags.forEach((t, i) => {
    const d = digests[i]
    if (d) m.set(d, [...(m.get(d) ?? []), t])
  })
  return m
}
