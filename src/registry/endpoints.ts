/**
 * Every URL this client sends to a registry, one builder per endpoint of the OCI distribution
 * spec's endpoints table (distribution-spec v1.1, spec.md "Endpoints", ids end-1 … end-14), as
 * oras-go keeps them in registry/remote/url.go. Nothing else in the program writes `/v2/`, so an
 * escaping rule or a spec change is made once.
 *
 * Path parts are escaped one segment at a time: a repository keeps its `/` separators, a digest
 * keeps its `:` (a legal path character, and what access logs and registries expect to see), and
 * anything else a hostile or mistyped name holds (`?`, `#`, `%`, spaces) cannot change which
 * resource is addressed. `.`/`..`/empty segments are refused rather than sent: URL normalisation
 * would turn them into a request for another repository.
 */

function segment(part: string, what: string): string {
  if (part === '' || part === '.' || part === '..')
    throw new Error(`invalid ${what} ${JSON.stringify(part)} for a registry URL`)
  return encodeURIComponent(part).replace(/%3A/gi, ':')
}

function name(repository: string): string {
  return repository
    .split('/')
    .map(p => segment(p, `repository name "${repository}": component`))
    .join('/')
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}

/** end-1 `GET /v2/`: the API version check, and where the auth challenge is learnt. */
export function pingPath(): string {
  return '/v2/'
}

/**
 * end-3 `GET`/`HEAD /v2/<name>/manifests/<reference>`, end-7 `PUT` and end-9 `DELETE` on the same
 * path; `reference` is a tag or a digest.
 */
export function manifestPath(repository: string, reference: string): string {
  return `/v2/${name(repository)}/manifests/${segment(reference, 'manifest reference')}`
}

const DIGEST_REF = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/

/**
 * end-9 `DELETE /v2/<name>/manifests/<tag>`: untag (distribution-spec v1.1, "Deleting tags"); the
 * manifest and every other tag on it stay. Registries without it answer 400 or 405. A digest is
 * refused here: deleting by digest is another operation with another blast radius.
 */
export function tagDeletePath(repository: string, tag: string): string {
  if (DIGEST_REF.test(tag)) throw new Error(`"${tag}" is a digest, not a tag: use manifestDeletePath`)
  return manifestPath(repository, tag)
}

/**
 * end-9 `DELETE /v2/<name>/manifests/<digest>` (distribution-spec v1.1, "Deleting Manifests"): the
 * manifest goes and with it EVERY tag that points at it. Only a digest is accepted, so a tag can
 * never be sent down this path by mistake.
 */
export function manifestDeletePath(repository: string, digest: string): string {
  if (!DIGEST_REF.test(digest)) throw new Error(`"${digest}" is not a digest: deleting a manifest needs one`)
  return manifestPath(repository, digest)
}

/** end-2 `GET`/`HEAD /v2/<name>/blobs/<digest>` (and end-10 `DELETE`). */
export function blobPath(repository: string, digest: string): string {
  return `/v2/${name(repository)}/blobs/${segment(digest, 'digest')}`
}

/**
 * end-4a `POST /v2/<name>/blobs/uploads/` (open an upload session), or with `mount` end-11
 * `POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other_name>` (cross-repository mount).
 */
export function blobUploadPath(repository: string, mount?: { digest: string; from: string }): string {
  const q = mount ? query({ mount: mount.digest, from: mount.from }) : ''
  return `/v2/${name(repository)}/blobs/uploads/${q}`
}

/**
 * The upload session's own URL, from the registry's `Location` resolved against the response it
 * came in: end-5 `PATCH` and end-14 `DELETE` use it as given; with `digest`, end-6
 * `PUT <location>?digest=<digest>` closes the upload (the registry's own query parameters kept).
 */
export function uploadSessionUrl(location: string, base: string, digest?: string): string {
  const u = new URL(location, base)
  if (digest !== undefined) u.searchParams.set('digest', digest)
  return u.href
}

/** end-8a `GET /v2/<name>/tags/list`, or paged end-8b `GET /v2/<name>/tags/list?n=<integer>&last=<tagname>`. */
export function tagListPath(repository: string, page: { n?: number; last?: string } = {}): string {
  return `/v2/${name(repository)}/tags/list${query({ n: page.n, last: page.last })}`
}

/**
 * end-12a `GET /v2/<name>/referrers/<digest>`, or filtered end-12b
 * `GET /v2/<name>/referrers/<digest>?artifactType=<artifactType>`.
 */
export function referrersPath(repository: string, digest: string, artifactType?: string): string {
  return `/v2/${name(repository)}/referrers/${segment(digest, 'digest')}${query({ artifactType })}`
}
