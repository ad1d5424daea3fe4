/** Amazon ECR: Basic auth (AWS:<token>), repositories created beforehand. Sources in the comments. */
import { ociError, type AfterRule, type Rule } from './front.js'
import { dropMount, mountOf, referencedIn } from './rules.js'
import type { Env, PersonalitySpec } from './spec.js'

export const ECR_ACCOUNT = '123456789012'

export const ecr: PersonalitySpec = {
  mode: 'basic',
  // Layer GETs answer 307 to a presigned S3 URL, which answers 400 "Only one auth mechanism
  // allowed" when the client also sends its Authorization.
  // https://github.com/open-policy-agent/opa/issues/6580, https://github.com/open-policy-agent/opa/pull/6728
  blobRedirect: { rejectAuthorization: true },
  rules: env => [repositoryMustExist(env), mountNeedsManifest(env)],
  after: () => [challenge]
}

/**
 * ECR challenges with Basic, naming its service: `Basic realm="https://<id>.dkr.ecr.<region>.amazonaws.com/",service="ecr.amazonaws.com"`.
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html (Basic with AWS:<token>)
 */
const challenge: AfterRule = (c, _up, headers) => {
  const h = headers['www-authenticate']
  if (typeof h === 'string' && /^basic /i.test(h))
    headers['www-authenticate'] = `Basic realm="${c.origin}/",service="ecr.amazonaws.com"`
  return false
}

/**
 * Repositories must exist before a push: NAME_UNKNOWN "The repository with name '…' does not exist
 * in the registry with id '…'", unless the account enabled create-on-push.
 * https://docs.amazonaws.cn/en_us/AmazonECR/latest/userguide/docker-push-ecr-image.html ("must exist
 * before you push … or a repository creation template"), https://github.com/seatgeek/docker-mirror/issues/70
 */
function repositoryMustExist(env: Env): Rule {
  return c => {
    if (!c.route || env.repos.has(c.route.repo)) return false
    if (env.opts.createOnPush && ['POST', 'PUT', 'PATCH'].includes(c.method)) {
      env.repos.add(c.route.repo)
      return false
    }
    c.fire('ecr/name-unknown')
    return ociError(
      c,
      404,
      'NAME_UNKNOWN',
      `The repository with name '${c.route.repo}' does not exist in the registry with id '${ECR_ACCOUNT}'`
    )
  }
}

/**
 * A mount succeeds only when a manifest in the source repository references the blob; otherwise
 * 202 and a fresh upload session. https://github.com/aws/containers-roadmap/issues/2860
 */
function mountNeedsManifest(env: Env): Rule {
  return async c => {
    const m = mountOf(c)
    if (!m?.from || (await referencedIn(env.reg, m.from, m.digest))) return false
    c.fire('ecr/mount-202')
    dropMount(c)
    return false
  }
}
