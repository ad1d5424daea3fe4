/**
 * Per-registry state under the client: scheme (HTTPS, or HTTP fallback for loopback/insecure),
 * rate limits, and the auth state (authenticator.ts: scheme learnt from `WWW-Authenticate`, cached
 * tokens). Every registry request goes through `request()`, which adds Authorization and
 * re-authenticates once on a 401.
 */
import { findChallenge, mergeScopes, type CredentialStore } from '../auth/index.js'
import { redactUrl } from '../http/index.js'
import { answeredInPlainHttp, errorCode, isTlsVerifyError, type RetryOptions } from '../oci/index.js'
import {
  HttpTransport,
  isStream,
  type HttpRequest,
  type HttpResponse,
  type HostOptions,
  type Timeouts
} from '../http/index.js'
import { parseRateLimit, type RateLimit } from './ratelimit.js'
import { Authenticator } from './authenticator.js'
import { formatHttpDebug } from './debug.js'
import { hostnameOf } from './realm.js'
import { isLoopbackHost, ownResult, registryKey } from '../oci/index.js'
import { pingPath } from './endpoints.js'
import { flavourOf, withFlavour } from './flavour.js'

export interface RegistryOptions extends HostOptions {
  /** PATCH chunk size; set to use chunked uploads (GHCR: 4 MiB is applied automatically). */
  maxChunkSize?: number
  /** Most tags read from one repository's tag list (config `max-tags`); DEFAULT_MAX_TAGS when unset. */
  maxTags?: number
  /** Token realm hosts (`host` or `host:port`) this registry's credentials may go to besides its own host; unset: any realm it names. */
  tokenRealms?: string[]
  /** Pulls to leave unused when this registry is a source (config `rate-limit-reserve`); over the run's default. */
  rateLimitReserve?: number
}

export interface SessionOptions {
  credentials: CredentialStore
  registries: Record<string, RegistryOptions>
  userAgent: string
  retry?: Partial<RetryOptions>
  timeouts?: Partial<Timeouts>
  onRateLimit?: (registry: string, rl: RateLimit) => void
  onRequest?: (e: { method: string; url: string; status: number }) => void
  warn?: (message: string) => void
  /** Debug lines (see debug.ts); absent: none are built. */
  debug?: (line: string) => void
  sleep?: (ms: number) => Promise<void>
  /** Hosts that may fall back to plain HTTP without `insecure`; default loopback. Injected for tests. */
  isLoopback?: (host: string) => boolean
}

export interface RegistryRequest extends Omit<HttpRequest, 'url'> {
  registry: string
  /** `/v2/…` relative to the registry, or an absolute URL (upload Location). */
  path: string
  /** Token scopes this request needs, e.g. `repository:library/nginx:pull`. */
  scopes: string[]
}

export class Session {
  readonly http: HttpTransport
  readonly registries: Record<string, RegistryOptions> = {}
  private readonly bases = new Map<string, Promise<string>>()
  private readonly auth: Authenticator
  private readonly rateLimits = new Map<string, RateLimit>()

  constructor(private readonly opts: SessionOptions) {
    for (const [k, v] of Object.entries(opts.registries)) this.registries[registryKey(k)] = v
    this.http = new HttpTransport({
      userAgent: opts.userAgent,
      retry: opts.retry,
      timeouts: opts.timeouts,
      sleep: opts.sleep,
      tlsFor: url => this.optionsForHost(url),
      onResponse: e => this.observe(e.method, e.url, e.status, e.headers),
      onDebug: opts.debug
        ? e => opts.debug!(formatHttpDebug(e, opts.credentials.sourceOf(new URL(e.url).host)))
        : undefined
    })
    this.auth = new Authenticator({
      http: this.http,
      credentials: opts.credentials,
      baseUrl: registry => this.baseUrl(registry),
      tokenRealms: registry => this.options(registry).tokenRealms,
      warn: opts.warn ?? (m => process.stderr.write(`warning: ${m}\n`)),
      debug: opts.debug
    })
  }

  /** Options of the registry at this URL's host; a configured registry on the same host name shares its TLS settings (token servers on another port). */
  optionsForHost(url: URL): RegistryOptions | undefined {
    const direct = this.registries[registryKey(url.host)] ?? this.registries[url.hostname.toLowerCase()]
    if (direct) return direct
    for (const [k, v] of Object.entries(this.registries))
      if (hostnameOf(k) === url.hostname.toLowerCase()) return v
    return undefined
  }

  options(registry: string): RegistryOptions {
    return this.registries[registryKey(registry)] ?? {}
  }

  /** The registry product, as far as its host and auth challenge tell (flavour.ts). */
  flavour(registry: string): ReturnType<typeof flavourOf> {
    const key = registryKey(registry)
    return flavourOf(key, this.auth.state(key))
  }

  rateLimit(registry: string): RateLimit | undefined {
    return this.rateLimits.get(registryKey(registry))
  }

  private observe(
    method: string,
    url: URL,
    status: number,
    headers: Record<string, string | string[] | undefined>
  ): void {
    this.opts.onRequest?.({ method, url: redactUrl(url.href), status })
    const rl = parseRateLimit(headers)
    if (!rl) return
    const key = registryKey(url.host)
    this.rateLimits.set(key, rl)
    this.opts.onRateLimit?.(key, rl)
  }

  /**
   * `https://host` normally. Loopback and `insecure` registries: HTTPS first, plain HTTP when the
   * host does not speak TLS (Docker's behaviour); a certificate failure is an error, never a reason
   * to downgrade, unless the registry is marked insecure (which also skips verification).
   */
  baseUrl(registry: string): Promise<string> {
    const key = registryKey(registry)
    let p = this.bases.get(key)
    if (!p) {
      p = this.probe(key)
      this.bases.set(key, p)
      p.catch(() => this.bases.delete(key))
    }
    // Another image's deadline may have cut the probe this one awaits: then it probes itself.
    return ownResult(p, () => this.baseUrl(registry))
  }

  private async probe(registry: string): Promise<string> {
    const opts = this.options(registry)
    const https = `https://${registry}`
    if (!opts.insecure && !(this.opts.isLoopback ?? isLoopbackHost)(registry)) return https
    try {
      const res = await this.http.send({ method: 'GET', url: `${https}${pingPath()}` })
      await res.body?.dump().catch(() => {})
      this.auth.learn(registry, res)
      return https
    } catch (e) {
      if (isTlsVerifyError(e) && !opts.insecure) throw e
      // The handshake went through, so the host speaks HTTPS: its silence is the failure to report.
      if (errorCode(e) === 'UND_ERR_HEADERS_TIMEOUT') throw e
      const http = `http://${registry}`
      // The handshake was answered in plain HTTP, so the registry speaks HTTP. Without credentials
      // there is nothing a ping would tell the first request that its own 401 cannot: skip it.
      if (answeredInPlainHttp(e) && !(await this.opts.credentials.get(registry))) return http
      try {
        const res = await this.http.request({ method: 'GET', url: `${http}${pingPath()}` })
        await res.body?.dump().catch(() => {})
        this.auth.learn(registry, res)
        return http
      } catch (e2) {
        // A host that answered in plain HTTP speaks HTTP: its HTTP failure is the one to report.
        throw answeredInPlainHttp(e) ? e2 : e
      }
    }
  }

  /** A registry request with auth; non-2xx responses are returned for the caller to interpret. */
  async request(req: RegistryRequest): Promise<HttpResponse> {
    const res = await this.send(req)
    const registry = registryKey(req.registry)
    return withFlavour(res, registry, this.auth.state(registry))
  }

  private async send(req: RegistryRequest): Promise<HttpResponse> {
    const registry = registryKey(req.registry)
    const base = await this.baseUrl(registry)
    const url = /^https?:\/\//i.test(req.path) ? req.path : `${base}${req.path}`
    if (isStream(req.body) && (this.auth.state(registry)?.kind ?? 'unknown') === 'unknown') {
      // A streamed body cannot be replayed after a 401: learn the auth scheme first.
      await this.ping(registry)
    }
    // Upload Locations may point elsewhere: our credentials stay with the registry's own origin.
    const sameOrigin = new URL(url).origin === new URL(base).origin
    const first = sameOrigin ? await this.auth.authorization(registry, req.scopes, false) : undefined
    let res = await this.http.request({ ...req, url, headers: withAuth(req.headers, first) })
    if (!sameOrigin) return res
    const batchRefused =
      (res.status === 401 || res.status === 403) &&
      first?.startsWith('Bearer ') === true &&
      this.auth.batchRefused(registry, first.slice(7))
    if (batchRefused && res.status === 403 && !isStream(req.body)) {
      // A token for several repositories, refused: this repository's own token decides, as it would have.
      this.auth.invalidate(registry, first!.slice(7))
      const own = await this.auth.authorization(registry, req.scopes, true)
      await res.body?.dump().catch(() => {})
      res = await this.http.request({ ...req, url, headers: withAuth(req.headers, own) })
      return this.auth.noteAnonymous(registry, res, own)
    }
    if (res.status !== 401) return this.auth.noteAnonymous(registry, res, first)
    const challenges = this.auth.learn(registry, res)
    if (isStream(req.body)) return this.auth.noteAnonymous(registry, res, first)
    const bearer = findChallenge(challenges, 'bearer')
    const scopes = mergeScopes([
      ...req.scopes,
      ...(bearer?.params.scope ? bearer.params.scope.split(' ') : [])
    ])
    if (first?.startsWith('Bearer ')) this.auth.invalidate(registry, first.slice(7))
    const second = await this.auth.authorization(registry, scopes, true)
    if (second === undefined || second === first) {
      await this.auth.debug401(registry)
      return this.auth.noteAnonymous(registry, res, first)
    }
    await res.body?.dump().catch(() => {})
    res = await this.http.request({ ...req, url, headers: withAuth(req.headers, second) })
    if (res.status === 401) await this.auth.debug401(registry)
    return this.auth.noteAnonymous(registry, res, second)
  }

  /**
   * Repositories' scopes that requests to `registry` will soon need: their tokens are then fetched
   * several at a time (token-batch.ts). No request.
   */
  announceScopes(registry: string, scopes: string[]): void {
    this.auth.announce(registryKey(registry), scopes)
  }

  /** GET /v2/: reachability, and the auth challenge; authenticates when credentials exist. */
  async ping(registry: string): Promise<HttpResponse> {
    const key = registryKey(registry)
    const base = await this.baseUrl(key)
    const res = await this.http.request({ method: 'GET', url: `${base}${pingPath()}`, bufferLimit: 1 << 16 })
    this.auth.learn(key, res)
    return res
  }
}

function withAuth(h: Record<string, string> | undefined, auth: string | undefined): Record<string, string> {
  const out = { ...(h ?? {}) }
  if (auth) out.authorization = auth
  return out
}

/**
 * What the endpoint modules (manifests, tags, referrers) need from the client: the session and the
 * token scopes of a repository. An interface here, so they need not import the client that uses them.
 */
export interface RegistryContext {
  readonly session: Session
  scopes(registry: string, repository: string, push?: boolean): string[]
}
