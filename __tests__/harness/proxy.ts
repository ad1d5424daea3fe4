/**
 * Streaming HTTP forwarding shared by the harness proxies, and the slow proxy. Nothing is buffered:
 * request and response bodies are piped, so proxies sit in front of multi-megabyte blobs cheaply.
 */
import {
  Agent as HttpAgent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse
} from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { AddressInfo } from 'node:net'
import { pipeline, Transform, type TransformCallback } from 'node:stream'

export interface ProxyHandle {
  url: string
  host: string
  stop(): Promise<void>
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade'
])

export interface Upstream {
  target: URL
  agent: HttpAgent
}

export function upstreamFor(target: string): Upstream {
  const url = new URL(target)
  // The proxies are test fixtures in front of our own per-run CA: verifying that CA is the
  // client's job on its direct connections, not the proxy's.
  const agent =
    url.protocol === 'https:'
      ? new HttpsAgent({ keepAlive: true, rejectUnauthorized: false })
      : new HttpAgent({ keepAlive: true })
  return { target: url, agent }
}

/**
 * Send `req` (headers and streamed body) to the target. `Host` is kept so that the registry builds
 * upload `Location`s on the proxy's origin; `X-Forwarded-Proto` tells it the scheme we speak.
 */
export function openUpstream(
  req: IncomingMessage,
  up: Upstream,
  through?: Transform
): Promise<IncomingMessage> {
  const headers: OutgoingHttpHeaders = {}
  for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v
  headers['x-forwarded-proto'] = 'http'
  const url = new URL(req.url ?? '/', up.target)
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const out = send(url, { method: req.method, headers, agent: up.agent, servername: url.hostname }, resolve)
    out.on('error', reject)
    const done = (err: Error | null): void => {
      if (err) out.destroy(err)
    }
    if (through) pipeline(req, through, out, done)
    else pipeline(req, out, done)
  })
}

/** Response headers to relay: hop-by-hop dropped, Locations on the target moved to the proxy. */
export function relayHeaders(res: IncomingMessage, up: Upstream, proxyOrigin: string): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {}
  for (const [k, v] of Object.entries(res.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v
  const loc = res.headers.location
  if (loc && loc.startsWith(up.target.origin))
    headers.location = proxyOrigin + loc.slice(up.target.origin.length)
  return headers
}

/** Whether a response to `method` carries a body worth cutting. */
export function hasBody(method: string | undefined, res: IncomingMessage): boolean {
  if (method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304) return false
  const len = res.headers['content-length']
  return len === undefined ? res.headers['transfer-encoding'] !== undefined : Number(len) > 1
}

export function badGateway(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  res.writeHead(502, { 'content-type': 'text/plain' })
  res.end(`harness proxy: upstream failed: ${String(err)}`)
}

/** Plain pass-through: status, headers and streamed body. */
export function relay(
  req: IncomingMessage,
  res: ServerResponse,
  upRes: IncomingMessage,
  up: Upstream,
  origin: string,
  through?: Transform
): void {
  // The client may be gone already (a test kills it mid-request): Node 24's pipeline() throws
  // synchronously on a destroyed destination, so drop the upstream response instead.
  if (res.destroyed || res.writableEnded) {
    upRes.destroy()
    return
  }
  res.writeHead(upRes.statusCode ?? 502, relayHeaders(upRes, up, origin))
  const done = (err: Error | null): void => {
    if (err) res.destroy()
  }
  try {
    if (through) pipeline(upRes, through, res, done)
    else pipeline(upRes, res, done)
  } catch (err) {
    upRes.destroy()
    res.destroy(err as Error)
  }
}

/** Listen on 127.0.0.1:0; stop() also cuts open and idle connections so tests end promptly. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse, origin: string) => void,
  onStop: () => void = () => undefined
): Promise<ProxyHandle & { server: Server }> {
  let origin = ''
  const server = createServer((req, res) => handler(req, res, origin))
  server.keepAliveTimeout = 2000
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  let stopped: Promise<void> | undefined
  return {
    server,
    url: origin,
    host: `127.0.0.1:${port}`,
    stop: () =>
      (stopped ??= new Promise<void>(resolve => {
        onStop()
        server.close(() => resolve())
        server.closeAllConnections()
      }))
  }
}

/**
 * One link shared by every connection (a runner's uplink): bytes queue for it in arrival order, so
 * parallel uploads share the rate instead of each getting its own.
 */
export class Uplink {
  private free = 0
  bytes = 0
  constructor(private readonly bytesPerSecond: number) {}
  /** Milliseconds until `n` more bytes have crossed. */
  reserve(n: number): number {
    const now = Date.now()
    this.free = Math.max(this.free, now) + (n / this.bytesPerSecond) * 1000
    this.bytes += n
    return this.free - now
  }
}

/** Releases at most `bytesPerSecond` on average, in small slices so the pace is even; and the uplink's share. */
export class Throttle extends Transform {
  private sent = 0
  private readonly start = Date.now()
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly bytesPerSecond: number,
    private readonly uplink?: Uplink
  ) {
    super()
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    const slice = Math.max(1, Math.floor(this.bytesPerSecond / 20))
    let off = 0
    const step = (): void => {
      while (!this.destroyed && off < chunk.length) {
        const piece = chunk.subarray(off, off + slice)
        const wait = this.start + ((this.sent + piece.length) / this.bytesPerSecond) * 1000 - Date.now()
        if (wait > 0) {
          this.timer = setTimeout(step, wait)
          return
        }
        this.sent += piece.length
        off += piece.length
        const shared = this.uplink?.reserve(piece.length) ?? 0
        if (shared > 0) {
          this.timer = setTimeout(() => {
            if (this.destroyed) return
            this.push(piece)
            step()
          }, shared)
          return
        }
        this.push(piece)
      }
      cb()
    }
    step()
  }

  override _destroy(err: Error | null, cb: (error: Error | null) => void): void {
    if (this.timer) clearTimeout(this.timer)
    cb(err)
  }
}

export interface SlowProxyHandle extends ProxyHandle {
  /** Request body bytes sent on to the target (uploads), when `uploads` is set. */
  bytesUp(): number
}

/**
 * Forwards every request after `delayMs`; response bodies are capped at `bytesPerSecond`, and with
 * `uploads` request bodies too (a mirror to a far registry is limited by exactly those uploads).
 * `uplinkBytesPerSecond` caps the uploads of all connections together as well, as one runner's uplink.
 */
export async function startSlowProxy(
  target: string,
  opts: { delayMs: number; bytesPerSecond?: number; uploads?: boolean; uplinkBytesPerSecond?: number }
): Promise<SlowProxyHandle> {
  const uplink = new Uplink(opts.uplinkBytesPerSecond ?? Infinity)
  const throttle = (): Throttle | undefined =>
    opts.bytesPerSecond ? new Throttle(opts.bytesPerSecond) : undefined
  const upThrottle = (): Throttle | undefined =>
    opts.bytesPerSecond || opts.uplinkBytesPerSecond
      ? new Throttle(opts.bytesPerSecond ?? Infinity, uplink)
      : undefined
  const up = upstreamFor(target)
  const timers = new Set<NodeJS.Timeout>()
  const handle = await listen(
    (req, res, origin) => {
      const t = setTimeout(() => {
        timers.delete(t)
        openUpstream(req, up, opts.uploads ? upThrottle() : undefined).then(
          upRes => relay(req, res, upRes, up, origin, throttle()),
          err => badGateway(res, err)
        )
      }, opts.delayMs)
      timers.add(t)
    },
    () => {
      for (const t of timers) clearTimeout(t)
      up.agent.destroy()
    }
  )
  return { url: handle.url, host: handle.host, stop: handle.stop, bytesUp: () => uplink.bytes }
}
