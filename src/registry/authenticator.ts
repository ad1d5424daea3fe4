/**
 * How each registry wants to be authenticated, and the Authorization header a request carries:
 * the scheme learnt from `WWW-Authenticate`, cached and shared bearer tokens, which credentials may
 * go to a token server, and what a refusal tells the error message. Apart from session.ts, which
 * owns the scheme probe and the request/re-authenticate loop, so the auth state has one owner.
 */
import {
  basicAuth,
  fetchToken,
  findChallenge,
  IDENTITY_TOKEN_USER,
  mergeScopes,
  parseChallenges,
  TokenCache,
  type Challenge,
  type Credential,
  type CredentialStore
} from '../auth/index.js'
import { header, type HttpResponse, type HttpTransport } from '../http/index.js'
import { ownResult } from '../oci/index.js'
import { explain401 } from './debug.js'
import { parseRealm, realmGetsCredentials } from './realm.js'
import { ScopeBatches } from './token-batch.js'

export interface AuthState {
  kind: 'unknown' | 'none' | 'basic' | 'bearer'
  realm?: string
  service?: string
}

/** What the authenticator needs from its session. */
export interface AuthenticatorOptions {
  http: HttpTransport
  credentials: CredentialStore
  /** The registry's base URL (its protocol decides whether credentials may go to a realm). */
  baseUrl: (registry: string) => Promise<string>
  /** Token realm hosts the registry's credentials may go to besides its own host (config `token-realms`). */
  tokenRealms: (registry: string) => string[] | undefined
  warn: (message: string) => void
  debug?: (line: string) => void
}

/** Keyed by registry key (`registryKey`): the session normalises names before calling. */
export class Authenticator {
  private readonly states = new Map<string, AuthState>()
  private readonly tokens = new TokenCache()
  private readonly pendingTokens = new Map<string, Promise<string>>()
  private readonly batches = new ScopeBatches()
  private readonly warned = new Set<string>()
  /** Registry → why its tokens are fetched without credentials (cleared once they carry them). */
  private readonly anonymousWhy = new Map<string, string>()

  constructor(private readonly opts: AuthenticatorOptions) {}

  state(registry: string): AuthState | undefined {
    return this.states.get(registry)
  }

  /** Remember how the registry wants to be authenticated. */
  learn(registry: string, res: HttpResponse): Challenge[] {
    if (res.status !== 401) {
      if (res.status >= 200 && res.status < 300 && !this.states.has(registry))
        this.states.set(registry, { kind: 'none' })
      return []
    }
    const challenges = parseChallenges(res.headers['www-authenticate'])
    const bearer = findChallenge(challenges, 'bearer')
    if (bearer?.params.realm) {
      this.states.set(registry, {
        kind: 'bearer',
        realm: bearer.params.realm,
        service: bearer.params.service
      })
    } else {
      const basic = findChallenge(challenges, 'basic')
      if (basic) this.states.set(registry, { kind: 'basic', service: basic.params.service })
    }
    return challenges
  }

  /** Scopes requests will soon need: their tokens are then fetched several at a time (token-batch.ts). */
  announce(registry: string, scopes: string[]): void {
    this.batches.announce(registry, scopes)
  }

  /** Whether `token` was a batch token the registry refused; batching then stops for that registry. */
  batchRefused(registry: string, token: string): boolean {
    return this.batches.refused(registry, token)
  }

  /** A bearer token the registry refused: not to be handed out again. */
  invalidate(registry: string, token: string): void {
    this.tokens.invalidate(registry, token)
  }

  /** `sent`: what a token request actually sent (undefined credential: anonymous); else the store's. */
  async debug401(registry: string, sent?: { cred: Credential | undefined; by: string }): Promise<void> {
    if (!this.opts.debug) return
    const cred = sent ? sent.cred : await this.opts.credentials.get(registry)
    this.opts.debug(explain401(registry, cred, this.opts.credentials.sourceOf(registry), sent?.by))
  }

  /**
   * A refusal carries what the registry saw, for the error message (errors.ts): why a token was
   * anonymous, that no credentials were found, or which source the refused credentials came from.
   */
  async noteAnonymous(registry: string, res: HttpResponse, auth: string | undefined): Promise<HttpResponse> {
    if (res.status !== 401 && res.status !== 403) return res
    const why = this.anonymousWhy.get(registry)
    if (why !== undefined && auth?.startsWith('Bearer ')) {
      res.anonymousBecause = why
      return res
    }
    const cred = await this.opts.credentials.get(registry)
    if (!cred) {
      if (auth === undefined) res.noCredentials = `no credentials were found for ${registry}`
    } else if (auth !== undefined) {
      res.credentialSource = cred.source ?? 'the configured credentials'
      const challenge = header(res.headers, 'www-authenticate') ?? ''
      if (auth.startsWith('Bearer ') && /error="?insufficient_scope/i.test(challenge))
        res.insufficientScope = true
    }
    return res
  }

  /** The Authorization header for these scopes; `force`: a new token even when one is cached. */
  async authorization(registry: string, scopes: string[], force: boolean): Promise<string | undefined> {
    const state = this.states.get(registry)
    if (!state || state.kind === 'none' || state.kind === 'unknown') return undefined
    const cred = await this.opts.credentials.get(registry)
    if (state.kind === 'basic')
      return cred && cred.username !== IDENTITY_TOKEN_USER ? basicAuth(cred) : undefined
    const need = mergeScopes(scopes)
    if (!force) {
      const cached = this.tokens.find(registry, need)
      if (cached) return `Bearer ${cached}`
      const batched = await this.batches.token(registry, need, s =>
        this.newToken(registry, state, mergeScopes(s), cred)
      )
      if (batched !== undefined) return `Bearer ${batched}`
    }
    const key = `${registry} ${need.join(' ')}`
    let p = this.pendingTokens.get(key)
    if (!p) {
      p = this.newToken(registry, state, need, cred).finally(() => this.pendingTokens.delete(key))
      this.pendingTokens.set(key, p)
    }
    return `Bearer ${await ownResult(p, () => this.newToken(registry, state, need, cred))}`
  }

  private async newToken(
    registry: string,
    state: AuthState,
    scopes: string[],
    cred: Credential | undefined
  ): Promise<string> {
    const realm = state.realm!
    const realmUrl = parseRealm(registry, realm)
    // Why the token will be anonymous, if it will: kept for the error message of a refusal.
    let anonymous: string | undefined = cred ? undefined : `no credentials were found for ${registry}`
    if (cred) {
      const a = realmGetsCredentials({
        registry,
        registryProtocol: new URL(await this.opts.baseUrl(registry)).protocol,
        realm: realmUrl,
        tokenRealms: this.opts.tokenRealms(registry)
      })
      if (!a.send) {
        anonymous = a.reason
        this.warnOnce(
          `${registry}>${realmUrl.origin}`,
          `registry ${registry} asks for credentials at token server ${realmUrl.origin}; not sending them there ` +
            `(continuing anonymously): ${a.reason}.`
        )
      }
    }
    const credential = anonymous === undefined ? cred : undefined
    const t = await fetchToken(this.opts.http, {
      realm,
      service: state.service,
      scopes,
      credential,
      registry
    }).catch(async (e: unknown) => {
      const status = (e as { status?: number }).status
      if (status === 401 || status === 403)
        await this.debug401(registry, { cred: credential, by: 'token server' })
      throw e
    })
    if (anonymous === undefined) this.anonymousWhy.delete(registry)
    else this.anonymousWhy.set(registry, anonymous)
    this.tokens.put(registry, t.token, scopes, t.expiresInS)
    return t.token
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return
    this.warned.add(key)
    this.opts.warn(message)
  }
}
