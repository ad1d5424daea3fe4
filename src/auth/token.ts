/**
 * Bearer tokens (distribution token auth): fetched from the challenge's realm with GET (Basic) or
 * the OAuth2 POST form, cached per registry+scope until they expire.
 */
import { RegistryError, redactUrl } from '../http/index.js'
import { isRetryableStatus } from '../oci/index.js'
import { header, type HttpResponse, type HttpTransport } from '../http/index.js'
import type { Credential } from './credentials.js'
import { IDENTITY_TOKEN_USER } from './docker-config.js'

const DEFAULT_EXPIRES_IN_S = 60
/** Refresh a little before expiry so a token does not die in flight. */
const EXPIRY_MARGIN_MS = 10_000
const TOKEN_RESPONSE_LIMIT = 1 << 20
export const OAUTH_CLIENT_ID = 'mirror-action'

interface ParsedScope {
  resource: string // 'repository:library/nginx'
  actions: Set<string>
}

/** `repository:name:pull,push` → resource + actions (the name may itself contain ':' in theory). */
export function parseScope(scope: string): ParsedScope {
  const last = scope.lastIndexOf(':')
  if (last < 0) return { resource: scope, actions: new Set() }
  return {
    resource: scope.slice(0, last),
    actions: new Set(
      scope
        .slice(last + 1)
        .split(',')
        .filter(Boolean)
    )
  }
}

/** Merge scopes on the same resource: `[a:pull, a:push, b:pull]` → `[a:pull,push, b:pull]`, sorted. */
export function mergeScopes(scopes: string[]): string[] {
  const by = new Map<string, Set<string>>()
  for (const s of scopes) {
    if (!s) continue
    const p = parseScope(s)
    const set = by.get(p.resource) ?? new Set<string>()
    for (const a of p.actions) set.add(a)
    by.set(p.resource, set)
  }
  return [...by.entries()].map(([r, a]) => `${r}:${[...a].sort().join(',')}`).sort()
}

/** True when a token granted for `have` is good for every scope in `need`. */
export function scopesCover(have: string[], need: string[]): boolean {
  const granted = new Map(have.map(s => [parseScope(s).resource, parseScope(s).actions]))
  return need.every(n => {
    const p = parseScope(n)
    const g = granted.get(p.resource)
    if (!g) return false
    return g.has('*') || [...p.actions].every(a => g.has(a))
  })
}

interface CachedToken {
  token: string
  scopes: string[]
  expiresAt: number
}

export class TokenCache {
  private readonly byRegistry = new Map<string, CachedToken[]>()
  constructor(private readonly now: () => number = Date.now) {}

  /** A live token whose scopes cover `need`. */
  find(key: string, need: string[]): string | undefined {
    const list = this.byRegistry.get(key)
    if (!list) return undefined
    const t = this.now()
    const live = list.filter(c => c.expiresAt > t)
    if (live.length !== list.length) this.byRegistry.set(key, live)
    // Newest first: a token fetched after a refresh supersedes older ones for the same scope.
    for (let i = live.length - 1; i >= 0; i--) if (scopesCover(live[i]!.scopes, need)) return live[i]!.token
    return undefined
  }

  put(key: string, token: string, scopes: string[], expiresInS: number): void {
    const list = this.byRegistry.get(key) ?? []
    const ttl = Math.max(expiresInS, DEFAULT_EXPIRES_IN_S) * 1000
    list.push({ token, scopes, expiresAt: this.now() + Math.max(ttl - EXPIRY_MARGIN_MS, ttl / 2) })
    // Bounded: a long run across many repositories keeps only recent tokens.
    if (list.length > 64) list.shift()
    this.byRegistry.set(key, list)
  }

  /** Forget a token the registry refused. */
  invalidate(key: string, token: string): void {
    const list = this.byRegistry.get(key)
    if (list)
      this.byRegistry.set(
        key,
        list.filter(c => c.token !== token)
      )
  }
}

export interface TokenRequest {
  realm: string
  service?: string
  scopes: string[]
  credential?: Credential
  /** What the token is for, in error messages: `127.0.0.1:5000`. */
  registry: string
}

export interface TokenResponse {
  token: string
  expiresInS: number
}

/**
 * GET realm?service&scope (Basic when we have credentials); the OAuth2 POST form for identity tokens
 * and when the GET answers 404/405 (registries that only implement the OAuth2 endpoint).
 */
export async function fetchToken(http: HttpTransport, req: TokenRequest): Promise<TokenResponse> {
  const c = req.credential
  if (c && c.username === IDENTITY_TOKEN_USER)
    return postToken(http, req, { grant_type: 'refresh_token', refresh_token: c.password })
  const url = new URL(req.realm)
  if (req.service) url.searchParams.set('service', req.service)
  for (const s of req.scopes) url.searchParams.append('scope', s)
  const headers: Record<string, string> = { accept: 'application/json' }
  if (c) {
    url.searchParams.set('account', c.username)
    headers.authorization = basicAuth(c)
  }
  const res = await http.request({
    method: 'GET',
    url: url.href,
    headers,
    bufferLimit: TOKEN_RESPONSE_LIMIT,
    // With credentials, only the realm the registry named may see them (and the account name in the
    // query): a redirect elsewhere is refused below, not followed without them, since an anonymous
    // token would only turn into a misleading "denied" later.
    followRedirects: c ? 'same-origin' : true
  })
  if (c && (res.status === 404 || res.status === 405)) {
    return postToken(http, req, { grant_type: 'password', username: c.username, password: c.password })
  }
  return tokenFromResponse(res.status, res.data ?? Buffer.alloc(0), 'GET', url.href, req, location(res))
}

async function postToken(
  http: HttpTransport,
  req: TokenRequest,
  grant: Record<string, string>
): Promise<TokenResponse> {
  const form = new URLSearchParams({ ...grant, client_id: OAUTH_CLIENT_ID, access_type: 'offline' })
  if (req.service) form.set('service', req.service)
  if (req.scopes.length > 0) form.set('scope', req.scopes.join(' '))
  const res = await http.request({
    method: 'POST',
    url: req.realm,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
    bufferLimit: TOKEN_RESPONSE_LIMIT
  })
  return tokenFromResponse(res.status, res.data ?? Buffer.alloc(0), 'POST', req.realm, req, location(res))
}

function tokenFromResponse(
  status: number,
  data: Buffer,
  method: string,
  url: string,
  req: TokenRequest,
  location?: string
): TokenResponse {
  if (status >= 300 && status <= 399 && location !== undefined) {
    let to = 'another address'
    try {
      to = redactUrl(new URL(location, url).origin)
    } catch {
      // an unparsable Location is still a redirect we do not follow
    }
    throw new RegistryError(
      `token request for ${req.registry} refused: the token server ${redactUrl(new URL(url).origin)} redirects to ${to}; ` +
        'credentials are never sent on through a redirect, so the registry has to name the final token URL as its realm',
      { method, url, status }
    )
  }
  if (status === 401 || status === 403) {
    throw new RegistryError(
      `authentication failed for ${req.registry}: the token server ${redactUrl(new URL(url).origin)} refused ${req.credential ? `the credentials${req.credential.source ? ` from ${req.credential.source}` : ''}` : 'anonymous access'} (status ${status})`,
      { method, url, status, codes: ['UNAUTHORIZED'] }
    )
  }
  if (status < 200 || status > 299) {
    throw new RegistryError(
      `token request for ${req.registry} failed: ${redactUrl(new URL(url).origin)} answered ${status}`,
      {
        method,
        url,
        status,
        retryable: isRetryableStatus(status)
      }
    )
  }
  let j: { token?: unknown; access_token?: unknown; expires_in?: unknown }
  try {
    j = JSON.parse(data.toString('utf8')) as typeof j
  } catch (e) {
    throw new RegistryError(`token response for ${req.registry} is not JSON`, {
      method,
      url,
      status,
      cause: e
    })
  }
  const token =
    typeof j.token === 'string' && j.token
      ? j.token
      : typeof j.access_token === 'string'
        ? j.access_token
        : ''
  if (!token)
    throw new RegistryError(`token response for ${req.registry} has no token`, { method, url, status })
  const exp = typeof j.expires_in === 'number' && j.expires_in > 0 ? j.expires_in : DEFAULT_EXPIRES_IN_S
  return { token, expiresInS: exp }
}

/** The Location of a redirect that was not followed (only credentialed requests stop at one). */
function location(res: HttpResponse): string | undefined {
  return res.status >= 300 && res.status <= 399 ? header(res.headers, 'location') : undefined
}

export function basicAuth(c: Credential): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`
}
