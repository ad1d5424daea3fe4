/**
 * A proxy that injects network and server faults between a client and a real registry. Decisions come
 * from a seeded generator, two draws per request, so the same request sequence meets the same faults.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { Transform, type TransformCallback } from 'node:stream'
import { seededRandom } from './prng.js'
import {
  badGateway,
  hasBody,
  listen,
  openUpstream,
  relay,
  relayHeaders,
  upstreamFor,
  type Upstream
} from './proxy.js'

export type FaultKind =
  | 'reset-before'
  | 'reset-during'
  | 'status-500'
  | 'status-502'
  | 'status-503'
  | 'status-429'
  | 'status-429-retry-after'
  | 'truncate'
  | 'stall'
  | 'trickle'

export const FAULT_KINDS: FaultKind[] = [
  'reset-before',
  'reset-during',
  'status-500',
  'status-502',
  'status-503',
  'status-429',
  'status-429-retry-after',
  'truncate',
  'stall',
  'trickle'
]

export interface FaultProxy {
  url: string
  host: string
  /** How many of each fault kind were injected (every kind listed, zeros included). */
  counts(): Record<string, number>
  /** Requests seen, faulty or not. */
  requests(): number
  stop(): Promise<void>
}

export interface FaultProxyOptions {
  seed: number
  /** Probability in [0, 1] that a request meets a fault. */
  rate: number
  /** Kinds to choose from, uniformly; default all. */
  faults?: FaultKind[]
  /** How long a stalled response hangs before its connection is reset; default 30 s. */
  stallMs?: number
}

const STATUS: Partial<Record<FaultKind, number>> = {
  'status-500': 500,
  'status-502': 502,
  'status-503': 503,
  'status-429': 429,
  'status-429-retry-after': 429
}

function reset(socket: Socket | null): void {
  if (socket && !socket.destroyed) socket.resetAndDestroy()
}

/**
 * Relay headers and the first `limit` body bytes, then call `then` (once) with the rest discarded.
 * A body shorter than expected simply ends first.
 */
function relayPart(
  upRes: IncomingMessage,
  res: ServerResponse,
  up: Upstream,
  origin: string,
  then: () => void
): void {
  const len = Number(upRes.headers['content-length'] ?? NaN)
  const limit = Number.isFinite(len) ? Math.floor(len / 2) : 16
  res.writeHead(upRes.statusCode ?? 502, relayHeaders(upRes, up, origin))
  let sent = 0
  let done = false
  const finish = (): void => {
    if (done) return
    done = true
    upRes.destroy()
    then()
  }
  upRes.on('data', (chunk: Buffer) => {
    if (done) return
    const piece = chunk.subarray(0, limit - sent)
    sent += piece.length
    if (sent >= limit) res.write(piece, finish)
    else res.write(piece)
  })
  upRes.on('end', finish)
  upRes.on('error', finish)
}

/** Passes the first `slowBytes` in `piece`-byte slices `gapMs` apart, then everything at full speed. */
class SlowStart extends Transform {
  private sent = 0
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly slowBytes: number,
    private readonly piece: number,
    private readonly gapMs: number
  ) {
    super()
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    let off = 0
    const step = (): void => {
      if (this.destroyed) return cb()
      if (this.sent >= this.slowBytes) {
        this.push(chunk.subarray(off))
        return cb()
      }
      if (off >= chunk.length) return cb()
      const part = chunk.subarray(off, off + this.piece)
      off += part.length
      this.sent += part.length
      this.push(part)
      this.timer = setTimeout(step, this.gapMs)
    }
    step()
  }

  override _destroy(err: Error | null, cb: (error: Error | null) => void): void {
    if (this.timer) clearTimeout(this.timer)
    cb(err)
  }
}

export async function startFaultProxy(target: string, opts: FaultProxyOptions): Promise<FaultProxy> {
  const kinds = opts.faults ?? FAULT_KINDS
  if (kinds.length === 0) throw new Error('startFaultProxy: faults must not be empty')
  const stallMs = opts.stallMs ?? 30_000
  const random = seededRandom(opts.seed)
  const counts: Record<string, number> = Object.fromEntries(kinds.map(k => [k, 0]))
  const timers = new Set<NodeJS.Timeout>()
  let requests = 0
  const up = upstreamFor(target)

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t)
      fn()
    }, ms)
    timers.add(t)
  }

  function inject(kind: FaultKind, req: IncomingMessage, res: ServerResponse, origin: string): void {
    const status = STATUS[kind]
    if (kind === 'reset-before') return reset(req.socket)
    if (status !== undefined) {
      // Read the request out first: a reply mid-upload would turn into a reset on the client side.
      req.resume()
      req.on('end', () => {
        const headers: Record<string, string> = { 'content-type': 'application/json' }
        if (kind === 'status-429-retry-after') headers['retry-after'] = '1'
        const code = status === 429 ? 'TOOMANYREQUESTS' : 'UNAVAILABLE'
        res
          .writeHead(status, headers)
          .end(JSON.stringify({ errors: [{ code, message: `injected ${kind}` }] }))
      })
      return
    }
    if (kind === 'stall' && req.method !== 'GET') {
      req.resume()
      return later(stallMs, () => reset(req.socket))
    }
    openUpstream(req, up).then(
      upRes => {
        const body = hasBody(req.method, upRes)
        // Without a body the request took effect upstream; the client only sees the fault.
        const afterUpstream = (fn: () => void): void => {
          upRes.resume()
          upRes.on('end', fn)
        }
        const resetClient = (): void => reset(req.socket)
        const closeClient = (): void => void req.socket.end()
        const stallClient = (): void => later(stallMs, resetClient)
        switch (kind) {
          case 'reset-during':
            return body ? relayPart(upRes, res, up, origin, resetClient) : afterUpstream(resetClient)
          case 'truncate':
            return body ? relayPart(upRes, res, up, origin, closeClient) : afterUpstream(closeClient)
          case 'stall':
            return body ? relayPart(upRes, res, up, origin, stallClient) : afterUpstream(stallClient)
          case 'trickle':
            // Slow but steady: ~12 KiB/s for the first 16 KiB, so at most ~1.3 s per request.
            if (!body) return later(300, () => relay(req, res, upRes, up, origin))
            return relay(req, res, upRes, up, origin, new SlowStart(16 * 1024, 256, 20))
        }
      },
      err => badGateway(res, err)
    )
  }

  const handle = await listen(
    (req, res, origin) => {
      requests++
      const hit = random() < opts.rate
      const kind = kinds[Math.min(kinds.length - 1, Math.floor(random() * kinds.length))]
      if (hit) {
        counts[kind]++
        return inject(kind, req, res, origin)
      }
      openUpstream(req, up).then(
        upRes => relay(req, res, upRes, up, origin),
        err => badGateway(res, err)
      )
    },
    () => {
      for (const t of timers) clearTimeout(t)
      up.agent.destroy()
    }
  )
  return {
    url: handle.url,
    host: handle.host,
    counts: () => ({ ...counts }),
    requests: () => requests,
    stop: handle.stop
  }
}
