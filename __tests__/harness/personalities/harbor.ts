/** Harbor 2.x: projects, a token service at /service/token on its own host. Sources in the comments. */
import { ociError, type Rule } from './front.js'
import { blobIn, dropMount, manifestBody, manifestIn, mountOf } from './rules.js'
import type { Env, PersonalitySpec } from './spec.js'

export const harbor: PersonalitySpec = {
  mode: 'token',
  auth: { where: 'same-host', path: '/service/token', service: 'harbor-registry' },
  rules: env => [project(env), mountNotInSource(env), subjectFirst(env)],
  // Under load Harbor (or the ingress in front of it) drops connections; here every Nth TCP
  // connection is reset at its first request, deterministically.
  // https://github.com/goharbor/harbor/issues/23013, https://github.com/goharbor/harbor/issues/23210
  // (the replication reports where this shows), quirks: HTTP/2 GOAWAY under load.
  resetEvery: 7
}

/**
 * The project (first path component) must exist: pushing elsewhere answers a misleading
 * `401 unauthorized: authentication required` (or a 500 behind some ingresses).
 * https://github.com/goharbor/harbor/issues/966, https://github.com/goharbor/harbor-helm/issues/849
 */
function project(env: Env): Rule {
  return c => {
    if (!c.route) return false
    const p = c.route.repo.split('/')[0]
    if ((env.opts.projects ?? ['library']).includes(p)) return false
    c.fire('harbor/no-project')
    return ociError(c, 401, 'UNAUTHORIZED', 'authentication required', {
      'www-authenticate': `Bearer realm="${env.realm()}",service="harbor-registry",scope="repository:${c.route.repo}:pull,push"`
    })
  }
}

/**
 * A mount of a blob the `from` repository does not hold answers 202 (an upload session), not an
 * error: the client must upload. https://github.com/opencontainers/distribution-spec/blob/main/spec.md#mounting-a-blob-from-another-repository
 */
function mountNotInSource(env: Env): Rule {
  return async c => {
    const m = mountOf(c)
    if (!m?.from || (await blobIn(env.reg, m.from, m.digest))) return false
    c.fire('harbor/mount-202')
    dropMount(c)
    return false
  }
}

/**
 * A referrer (a manifest with `subject`) or a cosign `sha256-<hex>.sig` tag pushed before its subject
 * is refused with NOT_FOUND "artifact …@sha256:… not found": push the image first.
 * https://github.com/sigstore/cosign/issues/2208, https://github.com/goharbor/harbor/issues/19137
 */
function subjectFirst(env: Env): Rule {
  return async c => {
    if (c.method !== 'PUT' || c.route?.kind !== 'manifests') return false
    const repo = c.route.repo
    const tag = /^sha256-([a-f0-9]{64})\.(sig|att|sbom)$/.exec(c.route.ref ?? '')
    const m = await manifestBody(c)
    const subject =
      (m?.subject as { digest?: string } | undefined)?.digest ?? (tag ? `sha256:${tag[1]}` : undefined)
    if (!subject || (await manifestIn(env.reg, repo, subject))) return false
    c.fire('harbor/subject-missing')
    return ociError(c, 404, 'NOT_FOUND', `artifact ${repo}@${subject} not found`)
  }
}
