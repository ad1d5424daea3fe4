/**
 * A front for a registry that behaves like Docker Hub, ECR or Harbor with S3: blob GETs answer 307 to
 * a signed URL on another origin. That origin records any `Authorization` it receives — a client
 * that forwards credentials across origins is caught there.
 */
import { randomBytes } from 'node:crypto'
import { pipeline } from 'node:stream'
import { regRequest } from './http.js'
import { badGateway, listen, openUpstream, relay, upstreamFor } from './proxy.js'
import type { StartedRegistry } from './registry.js'

export interface RedirectingBlobServer {
  /** The front: use it as the registry (`host` goes in image references). */
  url: string
  host: string
  /** The blob origin the redirects point at. */
  blobOrigin: string
  /** Every `Authorization` header the blob origin received, in order. */
  seenAuthorization(): string[]
  /** How many blob GETs were redirected. */
  redirects(): number
  stop(): Promise<void>
}

const BLOB_GET = /^\/v2\/(.+)\/blobs\/(sha256:[a-f0-9]{64})$/

export async function startRedirectingBlobServer(
  reg: StartedRegistry,
  opts: { rejectAuthorization?: boolean } = {}
): Promise<RedirectingBlobServer> {
  const seen: string[] = []
  const secret = randomBytes(16).toString('hex')
  let redirects = 0

  // Like a signed S3 URL: it carries its own authority, and S3 answers 400 to an extra Authorization.
  const origin = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://origin')
    if (req.headers.authorization) seen.push(req.headers.authorization)
    const m = /^\/blobs\/(sha256:[a-f0-9]{64})$/.exec(url.pathname)
    const repo = url.searchParams.get('repo')
    if (
      !m ||
      !repo ||
      url.searchParams.get('sig') !== secret ||
      (req.method !== 'GET' && req.method !== 'HEAD')
    ) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('bad signature')
      return
    }
    if (opts.rejectAuthorization && req.headers.authorization) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Only one auth mechanism allowed')
      return
    }
    const headers: Record<string, string> = {}
    if (req.headers.range) headers.range = req.headers.range
    regRequest(reg, { method: req.method, path: `/v2/${repo}/blobs/${m[1]}`, repo, headers }).then(
      up => {
        const out: Record<string, string> = { 'content-type': 'application/octet-stream' }
        for (const h of ['content-length', 'content-range', 'accept-ranges', 'etag']) {
          const v = up.headers[h]
          if (typeof v === 'string') out[h] = v
        }
        // Node 24's pipeline() throws on a destination the client already closed.
        if (res.destroyed) return void up.body.destroy()
        res.writeHead(up.statusCode, out)
        pipeline(up.body, res, err => {
          if (err) res.destroy()
        })
      },
      err => badGateway(res, err)
    )
  })

  const up = upstreamFor(reg.url)
  const front = await listen(
    (req, res, frontOrigin) => {
      const m = req.method === 'GET' ? BLOB_GET.exec(req.url ?? '') : null
      openUpstream(req, up).then(
        upRes => {
          // Ask the registry first, so auth failures and 404s come back as the registry gives them.
          if (m && upRes.statusCode === 200) {
            upRes.destroy()
            redirects++
            const to = `${origin.url}/blobs/${m[2]}?repo=${encodeURIComponent(m[1])}&sig=${secret}`
            res.writeHead(307, { location: to, 'content-length': '0' }).end()
            return
          }
          relay(req, res, upRes, up, frontOrigin)
        },
        err => badGateway(res, err)
      )
    },
    () => up.agent.destroy()
  )

  return {
    url: front.url,
    host: front.host,
    blobOrigin: origin.url,
    seenAuthorization: () => [...seen],
    redirects: () => redirects,
    stop: async () => {
      await Promise.all([front.stop(), origin.stop()])
    }
  }
}
