/**
 * Registry personalities: a real harness registry (plus its token server) behind a front that
 * plays one named registry's observable quirks, each rule citing where the quirk is documented.
 *
 *   const hub = await startPersonality('dockerhub', { pullLimit: 3 })
 *   // hub.host goes in image references; hub.credentials for the client; hub.reg for skopeo checks
 *   hub.fired('dockerhub/pull-quota')   // how often a quirk was met
 */
import { startRedirectingBlobServer, type RedirectingBlobServer } from '../redirect.js'
import { startRegistry, type StartedRegistry } from '../registry.js'
import { startAuth, type StartedAuth } from './auth.js'
import { startFront, type AfterRule, type Front, type Rule } from './front.js'
import { aliyun } from './aliyun.js'
import { dockerhub } from './dockerhub.js'
import { ecr } from './ecr.js'
import { ghcr } from './ghcr.js'
import { harbor } from './harbor.js'
import { quay } from './quay.js'
import type { Env, PersonalityName, PersonalityOptions, PersonalitySpec } from './spec.js'

export type { PersonalityName, PersonalityOptions } from './spec.js'
export { ECR_ACCOUNT } from './ecr.js'
export { GHCR_MAX_BODY } from './ghcr.js'

const SPECS: Record<PersonalityName, PersonalitySpec> = { dockerhub, aliyun, ghcr, harbor, ecr, quay }
export const PERSONALITIES = Object.keys(SPECS) as PersonalityName[]

export interface Personality {
  name: PersonalityName
  /** `127.0.0.1:PORT`: what goes in image references. */
  host: string
  url: string
  /** The credentials to give the client for `host`. */
  username: string
  password: string
  /** The real registry behind: for fixtures (pushImage) and independent checks (skopeo). */
  reg: StartedRegistry
  /** The realm the challenges name (token personalities). */
  realm?: string
  /** How often `rule` fired (all rules without one); 'reset' counts connection resets. */
  fired(rule?: string): number
  firedRules(): string[]
  /** Blob GETs redirected, and every Authorization the signed-URL origin received. */
  blobRedirects(): number
  seenAuthorization(): string[]
  /** Manifest GETs counted against the pull quota (dockerhub). */
  pulls(): number
  /** Fetches of the web page GHCR's referrers endpoint redirects to. */
  webPageHits(): number
  /** Mark a repository as existing (aliyun, ecr): what `aws ecr create-repository` would do. */
  createRepository(repo: string): void
  stop(): Promise<void>
}

export async function startPersonality(
  name: PersonalityName,
  opts: PersonalityOptions = {}
): Promise<Personality> {
  const spec = SPECS[name]
  const reg = await startRegistry({ mode: spec.mode })
  let front: Front | undefined
  let auth: StartedAuth | undefined
  let redirect: RedirectingBlobServer | undefined
  const stops: (() => Promise<void>)[] = []
  const env: Env = {
    reg,
    opts,
    repos: new Set(opts.repositories ?? []),
    pulls: 0,
    webHits: 0,
    origin: () => front?.url ?? '',
    realm: () => auth?.realm ?? ''
  }
  try {
    if (spec.extras) stops.push((await spec.extras(env)).stop)
    const rules: Rule[] = []
    const after: AfterRule[] = []
    if (spec.auth) {
      auth = await startAuth(reg, spec.auth, env.origin)
      stops.push(auth.stop)
      if (auth.rule) rules.push(auth.rule)
      after.push(auth.challenge)
    }
    rules.push(...spec.rules(env))
    after.push(...(spec.after?.(env) ?? []))
    if (spec.blobRedirect) {
      redirect = await startRedirectingBlobServer(reg, spec.blobRedirect)
      stops.push(redirect.stop)
    }
    const every = opts.resetEvery ?? spec.resetEvery ?? 0
    front = await startFront({
      target: redirect?.url ?? reg.url,
      rules,
      after,
      resetConnection: every > 0 ? n => n % every === 0 : undefined
    })
  } catch (err) {
    for (const s of stops) await s()
    await reg.stop()
    throw err
  }
  const f = front
  return {
    name,
    host: f.host,
    url: f.url,
    username: reg.username!,
    password: reg.password!,
    reg,
    realm: auth?.realm,
    fired: rule => f.fired(rule),
    firedRules: () => f.firedRules(),
    blobRedirects: () => redirect?.redirects() ?? 0,
    seenAuthorization: () => redirect?.seenAuthorization() ?? [],
    pulls: () => env.pulls,
    webPageHits: () => env.webHits,
    createRepository: repo => void env.repos.add(repo),
    stop: async () => {
      await f.stop()
      for (const s of stops.reverse()) await s()
      await reg.stop()
    }
  }
}
