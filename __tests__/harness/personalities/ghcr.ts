/** GitHub Container Registry (`ghcr.io`): token realm on its own host. Sources in the comments. */
import { listenOn, ociError, type AfterRule, type Rule } from './front.js'
import type { Env, PersonalitySpec } from './spec.js'

export const GHCR_MAX_BODY = 4 * 1024 * 1024

export const ghcr: PersonalitySpec = {
  mode: 'token',
  auth: { where: 'same-host', path: '/token', service: 'ghcr.io' },
  rules: env => [uppercase, patchTooBig, referrersToWebPage(env)],
  after: () => [acceptIndex],
  extras: async (env: Env) => {
    // The page the referrers endpoint sends clients to: HTML, never an index.
    const l = await listenOn('127.0.0.1', (req, res) => {
      env.webHits++
      req.resume()
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!DOCTYPE html><title>GitHub</title>')
    })
    env.webPage = l.origin
    return l
  }
}

/**
 * Repository names must be lowercase; `${{ github.repository_owner }}` often is not.
 * https://github.com/ggml-org/llama.cpp/issues/6671, https://github.com/GNS3/gns3-server/pull/2837
 */
const uppercase: Rule = c => {
  if (!c.route || c.route.repo === c.route.repo.toLowerCase()) return false
  c.fire('ghcr/uppercase')
  return ociError(c, 400, 'NAME_INVALID', 'repository name must be lowercase')
}

/**
 * Upload request bodies (PATCH chunks, and the final PUT's) over 4 MiB: 416
 * REQUESTED_RANGE_NOT_SATISFIABLE, "a 4 MiB per-request cap".
 * https://github.com/wasmCloud/wash-archive/issues/268 (the exact body), https://github.com/ocx-sh/ocx/pull/237
 */
const patchTooBig: Rule = async c => {
  if ((c.method !== 'PATCH' && c.method !== 'PUT') || c.route?.kind !== 'uploads') return false
  const declared = Number(c.req.headers['content-length'])
  const size = Number.isFinite(declared) ? declared : (await c.body()).length
  if (size <= GHCR_MAX_BODY) return false
  c.fire('ghcr/patch-416')
  return ociError(
    c,
    416,
    'REQUESTED_RANGE_NOT_SATISFIABLE',
    'the request body is too large and exceeds the maximum permissible limit of 4.00MiB'
  )
}

/**
 * No referrers API: `GET /v2/NAME/referrers/DIGEST` redirects to a (rate-limited) web page.
 * Clients must read a redirect as "no API" and use the sha256-<hex> tag schema.
 * https://github.com/docker/compose/issues/13428 ("Neither GitHub nor GitLab support the referrers API")
 */
function referrersToWebPage(env: Env): Rule {
  return c => {
    if (c.route?.kind !== 'referrers') return false
    c.fire('ghcr/referrers-redirect')
    c.req.resume()
    c.res.writeHead(302, { location: `${env.webPage}/orgs/x/packages`, 'content-length': '0' }).end()
    return true
  }
}

/**
 * A manifest request whose Accept lacks the OCI index type, for an OCI index: 404 MANIFEST_UNKNOWN
 * "OCI index found, but Accept header does not support OCI indexes".
 * https://github.com/release-argus/Argus/issues/459
 */
const acceptIndex: AfterRule = (c, up) => {
  if (c.route?.kind !== 'manifests' || (c.method !== 'GET' && c.method !== 'HEAD')) return false
  const type = String(up.headers['content-type'] ?? '')
  const accept = String(c.req.headers.accept ?? '')
  if (type !== 'application/vnd.oci.image.index.v1+json' || accept.includes(type)) return false
  up.destroy()
  c.fire('ghcr/accept-index')
  ociError(c, 404, 'MANIFEST_UNKNOWN', 'OCI index found, but Accept header does not support OCI indexes')
  return true
}
