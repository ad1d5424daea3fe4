/**
 * Docker Hub: `registry-1.docker.io` with its token service on `auth.docker.io`.
 * Sources of each rule are in the comments; check them against the real registry when in doubt.
 */
import { ociError, type AfterRule, type Rule } from './front.js'
import { mountOf, dropMount } from './rules.js'
import type { PersonalitySpec } from './spec.js'

const WINDOW = 21600

export const dockerhub: PersonalitySpec = {
  mode: 'token',
  // Tokens come from auth.docker.io (another host) for service registry.docker.io:
  // https://docs.docker.com/docker-hub/usage/pulls/ ("view your current pull rate"), and
  // https://distribution.github.io/distribution/spec/auth/token/
  auth: { where: 'other-host', host: '127.0.0.2', path: '/token', service: 'registry.docker.io' },
  // Blob GETs answer 307 to a signed CDN URL (production.cloudflare.docker.com); the signature is
  // the credential there: https://github.com/google/go-containerregistry/issues/165 shows the
  // redirecting blob fetches, and https://github.com/open-policy-agent/opa/pull/6728 why a client
  // must not send its registry credentials on.
  blobRedirect: { rejectAuthorization: false },
  rules: env => {
    const oneLevel: Rule = c => {
      // One-part names live under library/: `nginx` is `library/nginx`. Asking for `nginx` itself
      // is asking for a repository that does not exist, which Docker Hub answers like a private
      // one: 401 UNAUTHORIZED. Normalisation: https://github.com/distribution/reference/blob/main/normalize.go
      if (!c.route || c.route.repo.includes('/')) return false
      c.fire('dockerhub/one-part-name')
      return ociError(c, 401, 'UNAUTHORIZED', 'authentication required', {
        'www-authenticate': `Bearer realm="${env.realm()}",service="registry.docker.io",scope="repository:${c.route.repo}:pull",error="insufficient_scope"`
      })
    }
    const quota: Rule = c => {
      // Only manifest GETs count as pulls; HEAD does not. Past the quota: 429 TOOMANYREQUESTS with
      // the RateLimit headers at 0. https://docs.docker.com/docker-hub/usage/pulls/ and
      // https://github.com/containers/image/pull/1078 (the toomanyrequests body).
      if (c.method !== 'GET' || c.route?.kind !== 'manifests') return false
      env.pulls++
      const limit = env.opts.pullLimit ?? 100
      if (env.pulls <= limit) return false
      c.fire('dockerhub/pull-quota')
      return ociError(
        c,
        429,
        'TOOMANYREQUESTS',
        'You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit',
        rateHeaders(limit, 0)
      )
    }
    const noReferrers: Rule = c => {
      // No OCI 1.1 referrers API on Docker Hub: clients use the sha256-<hex> tag schema.
      // https://github.com/docker/roadmap/issues/724
      if (c.route?.kind !== 'referrers') return false
      c.fire('dockerhub/no-referrers')
      return ociError(c, 404, 'NOT_FOUND', 'page not found')
    }
    const noCrossRegistryMount: Rule = c => {
      // A mount naming another registry (`origin=`, distribution-spec PR #275's discovery) is not
      // honoured: the registry opens a plain upload session (202).
      // https://github.com/opencontainers/distribution-spec/pull/275
      const m = mountOf(c)
      if (!m?.origin) return false
      c.fire('dockerhub/cross-registry-mount')
      dropMount(c)
      return false
    }
    return [oneLevel, quota, noReferrers, noCrossRegistryMount]
  },
  after: env => {
    const headers: AfterRule = (c, _up, h) => {
      if (c.route?.kind === 'manifests' && (c.method === 'GET' || c.method === 'HEAD')) {
        const limit = env.opts.pullLimit ?? 100
        Object.assign(h, rateHeaders(limit, Math.max(0, limit - env.pulls)))
      }
      return false
    }
    return [headers]
  }
}

function rateHeaders(limit: number, remaining: number): Record<string, string> {
  return {
    'ratelimit-limit': `${limit};w=${WINDOW}`,
    'ratelimit-remaining': `${remaining};w=${WINDOW}`,
    'docker-ratelimit-source': '127.0.0.1'
  }
}
