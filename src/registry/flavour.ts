/**
 * Which registry product answered, from what it shows of itself: its host, and the realm and
 * `service` of its auth challenge (ACR names `dockerauth.<region>` and `registry.aliyuncs.com:…`,
 * Harbor `harbor-registry`, ECR `ecr.amazonaws.com`). Only error messages use it: a refusal the
 * product is known to word misleadingly gets the real cause and the fix appended (http/hints.ts).
 */
import type { Flavour, HttpResponse } from '../http/index.js'
import { DOCKER_HUB } from '../oci/index.js'

export interface SeenChallenge {
  realm?: string
  service?: string
}

function realmHost(realm: string | undefined): string {
  try {
    return realm ? new URL(realm).hostname : ''
  } catch {
    return ''
  }
}

export function flavourOf(registry: string, challenge: SeenChallenge = {}): Flavour | undefined {
  const host = registry.replace(/:\d+$/, '').toLowerCase()
  const service = (challenge.service ?? '').toLowerCase()
  if (host === DOCKER_HUB || service === 'registry.docker.io') return 'dockerhub'
  if (
    host.endsWith('.aliyuncs.com') ||
    service.startsWith('registry.aliyuncs.com') ||
    realmHost(challenge.realm).startsWith('dockerauth.')
  )
    return 'aliyun'
  if (host === 'ghcr.io' || service === 'ghcr.io') return 'ghcr'
  if (service === 'harbor-registry') return 'harbor'
  if (/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host) || service === 'ecr.amazonaws.com')
    return 'ecr'
  if (host === 'quay.io' || service === 'quay.io') return 'quay'
  return undefined
}

/** Error responses say which product answered, for the error message's hint. */
export function withFlavour(res: HttpResponse, registry: string, seen?: SeenChallenge): HttpResponse {
  if (res.status >= 400) res.flavour = flavourOf(registry, seen)
  return res
}
