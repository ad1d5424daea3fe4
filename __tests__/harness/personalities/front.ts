/**
 * The machinery every personality shares: a front on loopback that parses each distribution request,
 * lets the personality's rules answer it (a refusal, a redirect) or pass it on to the real registry
 * behind, and records which rule fired, so a test can say which quirk it met.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { badGateway, openUpstream, relayHeaders, upstreamFor, type Upstream } from '../proxy.js'

/** What a `/v2/…` path addresses. */
export interface Route {
  repo: string
  kind: 'manifests' | 'blobs' | 'uploads' | 'tags' | 'referrers'
  /** Tag or digest (manifests), digest (blobs, referrers), session id (uploads). */
  ref?: string
}

const ROUTE =
  /^\/v2\/(.+?)\/(?:(manifests|blobs|referrers)\/([^/]+)|blobs\/(uploads)\/?([^/]*)|tags\/(list))$/

export function routeOf(pathname: string): Route | undefined {
  const m = ROUTE.exec(pathname)
  if (!m) return undefined
  if (m[2]) return { repo: m[1], kind: m[2] as Route['kind'], ref: decodeURIComponent(m[3]) }
  if (m[4]) return { repo: m[1], kind: 'uploads', ref: m[5] || undefined }
  return { repo: m[1], kind: 'tags' }
}

/** One request as the rules see it. */
export interface Ctx {
  req: IncomingMessage
  res: ServerResponse
  method: string
  url: URL
  route?: Route
  /** The front's own origin (`http://127.0.0.1:PORT`). */
  origin: string
  /** Record that a rule fired (`ghcr/patch-416`); the personality's `fired()` counts them. */
  fire(rule: string): void
  /** The request body, read once (manifests); the front then forwards these bytes. */
  body(): Promise<Buffer>
}

/** A rule answers the request itself (returns true) or leaves it to the next rule and the registry. */
export type Rule = (c: Ctx) => boolean | Promise<boolean>

/**
 * Runs on the registry's answer before it is relayed: may change headers, or answer instead
 * (return true after consuming `up`).
 */
export type AfterRule = (c: Ctx, up: IncomingMessage, headers: Record<string, unknown>) => boolean

/** An OCI error body, as registries send them: `{"errors":[{code,message}]}`. */
export function ociError(
  c: Ctx,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {}
): true {
  // Drain what the client is sending first: a reply mid-upload would reach it as a reset.
  const body = JSON.stringify({ errors: [{ code, message, detail: null }] })
  const send = (): void => {
    if (c.res.headersSent || c.res.destroyed) return
    c.res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body)
  }
  if (c.req.readableEnded) send()
  else {
    c.req.on('end', send)
    c.req.resume()
  }
  return true
}

export interface FrontOptions {
  /** Where requests no rule answered go (the registry, or another front before it). */
  target: string
  rules: Rule[]
  after?: AfterRule[]
  /** Called for each new TCP connection, in arrival order; return true to reset it at its first request. */
  resetConnection?: (n: number) => boolean
}

export interface Front {
  url: string
  host: string
  fired(rule?: string): number
  firedRules(): string[]
  stop(): Promise<void>
}

export async function startFront(opts: FrontOptions): Promise<Front> {
  const up: Upstream = upstreamFor(opts.target)
  const fired: string[] = []
  let origin = ''
  let connections = 0
  const doomed = new WeakSet<Socket>()

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (doomed.has(req.socket)) {
      fired.push('reset')
      req.socket.resetAndDestroy()
      return
    }
    const url = new URL(req.url ?? '/', origin)
    let body: Promise<Buffer> | undefined
    const c: Ctx = {
      req,
      res,
      method: req.method ?? 'GET',
      url,
      route: routeOf(url.pathname),
      origin,
      fire: rule => fired.push(rule),
      body: () => (body ??= readBody(req))
    }
    for (const rule of opts.rules) if (await rule(c)) return
    const upRes = body ? await sendBuffered(req, up, await body) : await openUpstream(req, up)
    const headers = relayHeaders(upRes, up, origin) as Record<string, unknown>
    for (const a of opts.after ?? []) if (a(c, upRes, headers)) return
    if (res.destroyed) return void upRes.destroy()
    res.writeHead(upRes.statusCode ?? 502, headers as Record<string, string>)
    upRes.pipe(res)
    upRes.on('error', () => res.destroy())
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(err => badGateway(res, err))
  })
  server.on('connection', (s: Socket) => {
    connections++
    if (opts.resetConnection?.(connections)) doomed.add(s)
  })
  server.keepAliveTimeout = 2000
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  return {
    url: origin,
    host: `127.0.0.1:${port}`,
    fired: rule => (rule === undefined ? fired.length : fired.filter(r => r === rule).length),
    firedRules: () => [...fired],
    stop: () =>
      new Promise<void>(resolve => {
        up.agent.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/** Forward a request whose body a rule already read. */
function sendBuffered(req: IncomingMessage, up: Upstream, body: Buffer): Promise<IncomingMessage> {
  const headers: OutgoingHttpHeaders = {}
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined && !['connection', 'keep-alive', 'transfer-encoding'].includes(k)) headers[k] = v
  headers['content-length'] = String(body.length)
  headers['x-forwarded-proto'] = 'http'
  return new Promise((resolve, reject) => {
    const out = httpRequest(
      new URL(req.url ?? '/', up.target),
      { method: req.method, headers, agent: up.agent },
      resolve
    )
    out.on('error', reject)
    out.end(body)
  })
}

/** A listener on `host` (another loopback address: "another host" than the registry's 127.0.0.1). */
export async function listenOn(
  host: string,
  handler: (req: IncomingMessage, res: ServerResponse) => void
): Promise<{ origin: string; stop(): Promise<void> }> {
  const server = createServer(handler)
  server.keepAliveTimeout = 1000
  await new Promise<void>(resolve => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://${host}:${port}`,
    stop: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/** Read a small request body (manifests): at most `limit` bytes. */
export function readBody(req: IncomingMessage, limit = 4 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    let n = 0
    req.on('data', (b: Buffer) => {
      n += b.length
      if (n > limit) req.destroy(new Error('body too large for the harness'))
      else parts.push(b)
    })
    req.on('end', () => resolve(Buffer.concat(parts)))
    req.on('error', reject)
  })
}
