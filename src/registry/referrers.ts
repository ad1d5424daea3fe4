/**
 * Referrers (OCI distribution 1.1): `GET /v2/<name>/referrers/<digest>` where the registry has the
 * API, else the `sha256-<hex>` tag fallback (an image index). Docker Hub bills every manifest GET
 * as a pull, and most subjects have no fallback tag: it is HEADed first, fetched only when there.
 */
import type { Descriptor } from '../copy/types.js'
import type { RegistryClient } from './client.js'
import { failure, RegistryError } from './errors.js'
import { MANIFEST_LIMIT } from './manifest.js'
import { getManifest, headManifest } from './manifests.js'
import { isIndex, MediaType } from './mediatypes.js'
import { formatRepository, registryKey } from './reference.js'

/** The fallback tag of a subject: `sha256:abc…` → `sha256-abc…`. */
export function fallbackTag(digest: string): string {
  return digest.replace(':', '-')
}

/**
 * What one client has learnt about the registries' referrers API, for its whole life. A registry
 * with the API answers 200 (an empty index when there are none), so 404/400/405/501 means it has
 * none and later subjects go straight to the fallback tag.
 */
export class ReferrersMemo {
  private readonly api = new Map<string, boolean>()
  private readonly probes = new Map<string, Promise<void>>()

  /**
   * `call()` unless `registry` is known to lack the API (then undefined). While nobody knows yet,
   * the first caller asks alone and the others wait for what it learns; if it fails without
   * learning, the next waiter asks.
   */
  async whenApi<T>(registry: string, call: () => Promise<T | undefined>): Promise<T | undefined> {
    const key = registryKey(registry)
    for (;;) {
      const known = this.api.get(key)
      if (known === false) return undefined
      if (known === true) return call()
      const pending = this.probes.get(key)
      if (!pending) break
      await pending
    }
    // No await between the check above and this: concurrent callers see the probe.
    const p = call()
    const done = () => {
      this.probes.delete(key)
    }
    this.probes.set(key, p.then(done, done))
    return p
  }

  learn(registry: string, hasApi: boolean): void {
    this.api.set(registryKey(registry), hasApi)
  }
}

/** The referrers of `digest`: from the API, else from the fallback tag, else none. */
export async function referrers(
  c: RegistryClient,
  memo: ReferrersMemo,
  registry: string,
  repository: string,
  digest: string
): Promise<Descriptor[]> {
  const list = await memo.whenApi(registry, () => fromApi(c, memo, registry, repository, digest))
  return list ?? fromFallbackTag(c, registry, repository, digest)
}

/** GET /v2/<name>/referrers/<digest> — undefined when the registry has no referrers API. */
async function fromApi(
  c: RegistryClient,
  memo: ReferrersMemo,
  registry: string,
  repository: string,
  digest: string
): Promise<Descriptor[] | undefined> {
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
    memo.learn(registry, true)
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
  if (res.status === 404 || res.status === 400 || res.status === 405 || res.status === 501) {
    memo.learn(registry, false)
    return undefined
  }
  throw await failure(res, 'GET', 'pull', `referrers of ${digest} in ${what}`)
}

/** HEAD of the `sha256-<hex>` tag (free on Docker Hub), then GET only when it exists and is an index. */
async function fromFallbackTag(
  c: RegistryClient,
  registry: string,
  repository: string,
  digest: string
): Promise<Descriptor[]> {
  const ref = { registry, repository, tag: fallbackTag(digest) }
  const head = await headManifest(c, ref)
  if (!head || !isIndex(head.mediaType)) return []
  try {
    const m = await getManifest(c, ref)
    if (!isIndex(m.mediaType)) return []
    const j = JSON.parse(m.bytes.toString('utf8')) as { manifests?: unknown }
    return Array.isArray(j.manifests) ? (j.manifests as Descriptor[]) : []
  } catch (e) {
    // Deleted between the HEAD and the GET.
    if (e instanceof RegistryError && e.status === 404) return []
    throw e
  }
}
