/**
 * Aliyun ACR, personal edition: `registry.<region>.aliyuncs.com` with its token service on
 * `dockerauth.<region>.aliyuncs.com`. Sources of each rule are in the comments.
 */
import { ociError, type Rule } from './front.js'
import { isWrite, manifestBody } from './rules.js'
import type { Env, PersonalitySpec } from './spec.js'

const DENIED = 'requested access to the resource is denied'

export const aliyun: PersonalitySpec = {
  mode: 'token',
  // Challenges name a realm on dockerauth.<region>.aliyuncs.com and a service
  // `registry.aliyuncs.com:<region>:<id>`; a client that keeps credentials to the registry's own
  // host gets an anonymous token and a denied push (the quirk that broke the first ACR pushes).
  // https://github.com/AliyunContainerService/image-syncer/issues/149 shows the host pair.
  auth: {
    where: 'other-host',
    host: '127.0.0.3',
    path: '/auth',
    service: 'registry.aliyuncs.com:cn-hangzhou:26842'
  },
  rules: env => [depth, namespace(env), blobHeadBeforeRepo(env), emptyConfig, repositoryCap(env)]
}

const parts = (repo: string): string[] => repo.split('/')

/**
 * Only `namespace/repository`: deeper (or one-part) names are refused, so mirrors flatten names.
 * https://github.com/AliyunContainerService/image-syncer/issues/11 ("must be
 * registry/namespace/repository").
 */
const depth: Rule = c => {
  if (!c.route || parts(c.route.repo).length === 2) return false
  c.fire('aliyun/depth')
  return ociError(c, 400, 'NAME_INVALID', 'invalid repository name: only namespace/repository is supported')
}

/**
 * A push to a namespace that does not exist is "denied" (namespaces are created in the console,
 * repositories on push). https://github.com/iCloudBot/DockerRescue/issues/2 (create the namespace
 * first; until then "no permission").
 */
function namespace(env: Env): Rule {
  return c => {
    if (!c.route || !isWrite(c)) return false
    if ((env.opts.namespaces ?? ['mirror']).includes(parts(c.route.repo)[0])) return false
    c.fire('aliyun/unknown-namespace')
    return ociError(c, 403, 'DENIED', DENIED)
  }
}

/**
 * Blob HEADs are answered "denied" until the repository exists: image-syncer failed its
 * "does the blob exist" check with exactly that.
 * https://github.com/AliyunContainerService/image-syncer/issues/149
 */
function blobHeadBeforeRepo(env: Env): Rule {
  return c => {
    if (c.method !== 'HEAD' || c.route?.kind !== 'blobs' || env.repos.has(c.route.repo)) return false
    c.fire('aliyun/blob-head-denied')
    return ociError(c, 403, 'DENIED', DENIED)
  }
}

/**
 * OCI manifests whose config is the empty descriptor (buildx attestations, cosign v3 bundles)
 * are refused: "denied: unknown manifest class for application/vnd.oci.empty.v1+json".
 * https://github.com/matrixorigin/matrixone-operator/issues/613
 */
const emptyConfig: Rule = async c => {
  if (c.method !== 'PUT' || c.route?.kind !== 'manifests') return false
  const m = await manifestBody(c)
  const config = m?.config as { mediaType?: string } | undefined
  if (config?.mediaType !== 'application/vnd.oci.empty.v1+json') return false
  c.fire('aliyun/empty-config')
  return ociError(c, 403, 'DENIED', 'unknown manifest class for application/vnd.oci.empty.v1+json')
}

/**
 * Repositories are created on the first push, up to the instance's cap (users report about 300
 * repositories and 3 namespaces per personal instance); past it the push is denied. No public
 * page found: the figures are users' reports collected in the project's registry-quirks notes.
 */
function repositoryCap(env: Env): Rule {
  return c => {
    if (!c.route || !isWrite(c) || env.repos.has(c.route.repo)) return false
    if (env.repos.size >= (env.opts.maxRepositories ?? 300)) {
      c.fire('aliyun/repository-cap')
      return ociError(c, 403, 'DENIED', `${DENIED}: repository quota exceeded`)
    }
    env.repos.add(c.route.repo)
    return false
  }
}
