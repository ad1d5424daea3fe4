/** Quay: token service at /v2/auth on its own host. Sources in the comments. */
import { ociError, type Rule } from './front.js'
import { mountOf } from './rules.js'
import type { PersonalitySpec } from './spec.js'

export const quay: PersonalitySpec = {
  mode: 'token',
  auth: { where: 'same-host', path: '/v2/auth', service: 'quay.io' },
  rules: () => [mountNeedsFrom]
}

/**
 * A mount without `from` (the spec's optional "automatic content discovery") fails instead of
 * opening an upload session. https://github.com/opencontainers/distribution-spec/pull/275 (the
 * optional feature registries MAY implement); the quirks file records Quay as one that does not.
 */
const mountNeedsFrom: Rule = c => {
  const m = mountOf(c)
  if (!m || m.from) return false
  c.fire('quay/mount-without-from')
  return ociError(c, 400, 'UNSUPPORTED', 'mount requires a from repository')
}
