/**
 * Where a registry's credentials may go when its Bearer challenge names a token realm. Docker and
 * skopeo send them to the realm the registry names, and registries rely on it: Aliyun ACR's
 * `registry.<region>.aliyuncs.com` names `dockerauth.<region>.aliyuncs.com`, GitLab's
 * `registry.gitlab.com` names `gitlab.com/jwt/auth`. Withholding them there only trades a working
 * push for a misleading "denied". We do the same, with two limits: never in clear text from a
 * registry reached over HTTPS, and never to a host the user left out of the registry's
 * `token-realms` list. (A realm that redirects gets no credentials either: see auth/token.ts.)
 */
import { RegistryError } from '../http/index.js'
import { DOCKER_HUB } from '../oci/index.js'

export interface RealmQuestion {
  /** The registry's canonical key (`registryKey`), e.g. `registry.cn-hangzhou.aliyuncs.com`. */
  registry: string
  /** The scheme the registry itself is reached with: `https:` or `http:` (loopback, insecure). */
  registryProtocol: string
  /** The realm from the registry's challenge. */
  realm: URL
  /** The registry's `token-realms` option: when set, the only other hosts its credentials go to. */
  tokenRealms?: string[]
}

export type RealmAnswer = { send: true } | { send: false; reason: string }

/** Hosts that are the registry itself as far as its credentials are concerned. */
function ownHost(registry: string, realmHost: string): boolean {
  if (realmHost === hostnameOf(registry)) return true
  // Docker Hub's API host and its token service are one service under two names.
  return registry === DOCKER_HUB && realmHost === 'auth.docker.io'
}

export function realmGetsCredentials(q: RealmQuestion): RealmAnswer {
  const realmHost = q.realm.hostname.toLowerCase()
  // Credentials in clear text would undo what the registry's HTTPS protects, whatever the host.
  if (q.realm.protocol !== 'https:' && q.registryProtocol === 'https:') {
    return {
      send: false,
      reason: `its token realm ${q.realm.origin} is plain HTTP while the registry is reached over HTTPS`
    }
  }
  if (ownHost(q.registry, realmHost) || q.tokenRealms === undefined) return { send: true }
  const listed = q.tokenRealms.some(h => {
    const x = h.toLowerCase()
    return x === q.realm.host.toLowerCase() || x === realmHost
  })
  if (listed) return { send: true }
  return {
    send: false,
    reason: `the token realm's host ${q.realm.host} is not in registries."${q.registry}".token-realms`
  }
}

/** The realm of a registry's Bearer challenge as a URL; only http(s) realms are asked for tokens. */
export function parseRealm(registry: string, realm: string): URL {
  let url: URL
  try {
    url = new URL(realm)
  } catch (e) {
    throw new RegistryError(`registry ${registry} sent an invalid token realm`, {
      method: 'GET',
      url: realm,
      cause: e
    })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RegistryError(`registry ${registry} sent a token realm with scheme ${url.protocol}`, {
      method: 'GET',
      url: realm
    })
  }
  return url
}

export function hostnameOf(host: string): string {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase()
  } catch {
    return host.toLowerCase()
  }
}
