/**
 * The slow wide-area link of scenario 3: the harness's slow proxy, plus the same rate cap on request
 * bodies. The harness's `startSlowProxy` caps response bodies only, which leaves blob uploads to a
 * target behind it at loopback speed; a mirror to a far registry is limited by exactly those uploads.
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http'
import { pipeline } from 'node:stream'
import {
  badGateway,
  listen,
  relay,
  Throttle,
  upstreamFor,
  type ProxyHandle,
  type Upstream
} from '../__tests__/harness/proxy.js'

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade'
])

/** Like the harness's openUpstream, with the request body through a Throttle. */
function openThrottled(
  req: IncomingMessage,
  up: Upstream,
  bytesPerSecond: number | undefined
): Promise<IncomingMessage> {
  const headers: OutgoingHttpHeaders = {}
  for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v
  headers['x-forwarded-proto'] = 'http'
  const url = new URL(req.url ?? '/', up.target)
  return new Promise((resolve, reject) => {
    const out = httpRequest(url, { method: req.method, headers, agent: up.agent }, resolve)
    out.on('error', reject)
    const done = (err: Error | null): void => {
      if (err) out.destroy(err)
    }
    if (bytesPerSecond) pipeline(req, new Throttle(bytesPerSecond), out, done)
    else pipeline(req, out, done)
  })
}

/** Every request waits `delayMs`; request and response bodies each run at most `bytesPerSecond`. */
export async function startSlowLink(
  target: string,
  opts: { delayMs: number; bytesPerSecond?: number }
): Promise<ProxyHandle> {
  const up = upstreamFor(target)
  if (up.target.protocol !== 'http:') throw new Error('startSlowLink: plain HTTP targets only')
  const timers = new Set<NodeJS.Timeout>()
  const handle = await listen(
    (req, res, origin) => {
      const t = setTimeout(() => {
        timers.delete(t)
        openThrottled(req, up, opts.bytesPerSecond).then(
          upRes =>
            relay(
              req,
              res,
              upRes,
              up,
              origin,
              opts.bytesPerSecond ? new Throttle(opts.bytesPerSecond) : undefined
            ),
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
  return { url: handle.url, host: handle.host, stop: handle.stop }
}
