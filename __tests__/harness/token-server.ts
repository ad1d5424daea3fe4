/**
 * A token server speaking Docker's registry token protocol, so Bearer flows are tested against the
 * real registry's verification: `GET realm?service=&scope=` with optional Basic credentials, and the
 * OAuth2 `POST realm` form (grant_type=password | refresh_token). Tokens are ES256 JWTs carrying the
 * signing certificate in `x5c`; the registry trusts it through `auth.token.rootcertbundle`.
 */
import { randomBytes, randomUUID, sign } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tokenSigner } from './certs.js'

export interface TokenUser {
  username: string
  password: string
  /** 'push': pull, push, delete and catalog; 'pull': pull only. */
  access: 'push' | 'pull'
}

/** One request the token server answered; never holds a password or token. */
export interface TokenRequest {
  method: string
  /** The authenticated user, undefined for anonymous requests. */
  account?: string
  /** `password`, `refresh_token` for the POST form; undefined for GET. */
  grantType?: string
  scopes: string[]
  service?: string
  status: number
  /** Credentials arrived: an Authorization header, or a password/refresh token in the form. */
  credentials: boolean
  /** Answered by the redirecting realm (`redirectHost`), which sends every request on to the real one. */
  redirected?: boolean
}

export interface TokenServer {
  realm: string
  /** With `redirectHost`: the realm on that host, which answers 307 to `realm`. */
  redirectingRealm?: string
  service: string
  issuer: string
  certFile: string
  requests(): TokenRequest[]
  clearRequests(): void
  stop(): Promise<void>
}

interface Access {
  type: string
  name: string
  actions: string[]
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url')

/** `repository:name:pull,push` (several may be space-separated in one parameter). */
export function parseScopes(raw: string[]): Access[] {
  const out: Access[] = []
  for (const s of raw.flatMap(r => r.split(' ')).filter(Boolean)) {
    const first = s.indexOf(':')
    const last = s.lastIndexOf(':')
    if (first < 0 || last === first) continue
    out.push({
      type: s.slice(0, first),
      name: s.slice(first + 1, last),
      actions: s.slice(last + 1).split(',')
    })
  }
  return out
}

function granted(user: TokenUser | undefined, a: Access): string[] {
  const allowed =
    a.type === 'repository'
      ? user?.access === 'push'
        ? ['pull', 'push', 'delete', '*']
        : ['pull']
      : a.type === 'registry' && a.name === 'catalog' && user?.access === 'push'
        ? ['*']
        : []
  return a.actions.filter(x => allowed.includes(x))
}

function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let n = 0
    req.on('data', (b: Buffer) => {
      n += b.length
      if (n > limit) req.destroy(new Error('token request body too large'))
      else chunks.push(b)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export interface TokenServerOptions {
  service: string
  users: TokenUser[]
  /** Loopback address to listen on (default 127.0.0.1): another host than the registry's. */
  host?: string
  /** Also listen on this loopback address with a realm that redirects (307) to the real one. */
  redirectHost?: string
}

export async function startTokenServer(opts: TokenServerOptions): Promise<TokenServer> {
  const signer = await tokenSigner()
  const issuer = 'mirror-action-test-issuer'
  const log: TokenRequest[] = []
  const refreshTokens = new Map<string, TokenUser>()

  const findUser = (username: string, password: string): TokenUser | undefined =>
    opts.users.find(u => u.username === username && u.password === password)

  function issue(user: TokenUser | undefined, scopes: Access[], service: string): string {
    const now = Math.floor(Date.now() / 1000)
    const header = { alg: 'ES256', typ: 'JWT', x5c: [signer.x5c] }
    const claims = {
      iss: issuer,
      sub: user?.username ?? '',
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access: scopes.map(a => ({ ...a, actions: granted(user, a) })).filter(a => a.actions.length > 0)
    }
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`
    const sig = sign('sha256', Buffer.from(input), { key: signer.key, dsaEncoding: 'ieee-p1363' })
    return `${input}.${b64url(sig)}`
  }

  function answer(res: ServerResponse, rec: TokenRequest, status: number, body: object): void {
    rec.status = status
    log.push(rec)
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://token')
    if (url.pathname !== '/token') {
      res.writeHead(404).end()
      return
    }
    const denied = { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }
    if (req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req))
      const grantType = form.get('grant_type') ?? undefined
      const service = form.get('service') ?? opts.service
      const scopes = form.getAll('scope')
      const rec: TokenRequest = {
        method: 'POST',
        grantType,
        scopes,
        service,
        status: 0,
        credentials: form.has('password') || form.has('refresh_token')
      }
      let user: TokenUser | undefined
      if (grantType === 'password') user = findUser(form.get('username') ?? '', form.get('password') ?? '')
      else if (grantType === 'refresh_token') user = refreshTokens.get(form.get('refresh_token') ?? '')
      else return answer(res, rec, 400, { error: 'unsupported_grant_type' })
      if (!user) return answer(res, rec, 401, { error: 'invalid_grant', ...denied })
      rec.account = user.username
      return answer(res, rec, 200, tokenBody(user, scopes, service, true))
    }
    if (req.method !== 'GET') {
      res.writeHead(405).end()
      return
    }
    const service = url.searchParams.get('service') ?? opts.service
    const scopes = url.searchParams.getAll('scope')
    const auth = req.headers.authorization
    const rec: TokenRequest = { method: 'GET', scopes, service, status: 0, credentials: auth !== undefined }
    let user: TokenUser | undefined
    if (auth) {
      const m = /^Basic\s+(\S+)$/i.exec(auth)
      const [name, ...rest] = m ? Buffer.from(m[1], 'base64').toString('utf8').split(':') : []
      user = m ? findUser(name, rest.join(':')) : undefined
      if (!user) return answer(res, rec, 401, denied)
      rec.account = user.username
    }
    answer(res, rec, 200, tokenBody(user, scopes, service, url.searchParams.get('offline_token') === 'true'))
  }

  function tokenBody(
    user: TokenUser | undefined,
    scopes: string[],
    service: string,
    offline: boolean
  ): object {
    const token = issue(user, parseScopes(scopes), service)
    const body: Record<string, unknown> = {
      token,
      access_token: token,
      expires_in: 300,
      issued_at: new Date().toISOString()
    }
    if (user && offline) {
      const refresh = randomBytes(24).toString('base64url')
      refreshTokens.set(refresh, user)
      body.refresh_token = refresh
    }
    return body
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(err => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(String(err))
    })
  })
  server.keepAliveTimeout = 1000
  const host = opts.host ?? '127.0.0.1'
  await new Promise<void>(resolve => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  const realm = `http://${host}:${port}/token`
  const redirector = opts.redirectHost ? await startRedirector(opts.redirectHost, realm, log) : undefined
  return {
    realm,
    redirectingRealm: redirector?.realm,
    service: opts.service,
    issuer,
    certFile: signer.certFile,
    requests: () => log.map(r => ({ ...r, scopes: [...r.scopes] })),
    clearRequests: () => {
      log.length = 0
    },
    stop: async () => {
      await redirector?.stop()
      await closeServer(server)
    }
  }
}

/** A realm that records each request and sends it on (307, same query) to `target`. */
async function startRedirector(
  host: string,
  target: string,
  log: TokenRequest[]
): Promise<{ realm: string; stop: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://token')
    log.push({
      method: req.method ?? '',
      scopes: url.searchParams.getAll('scope'),
      service: url.searchParams.get('service') ?? undefined,
      status: 307,
      credentials: req.headers.authorization !== undefined,
      redirected: true
    })
    res.writeHead(307, { location: `${target}${url.search}` }).end()
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>(resolve => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  return { realm: `http://${host}:${port}/token`, stop: () => closeServer(server) }
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>(resolve => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
