/**
 * A personality's token service: the realm and `service` its challenges name (Docker Hub's
 * `auth.docker.io` / `registry.docker.io`, ACR's `dockerauth.<region>` / `registry.aliyuncs.com:…`),
 * forwarding to the harness token server with the service mapped back, so the real registry behind
 * still verifies every token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { request } from 'undici'
import type { StartedRegistry } from '../registry.js'
import { listenOn, readBody, type AfterRule, type Rule } from './front.js'

export interface AuthPlacement {
  /** 'other-host': a token service on another loopback address; 'same-host': on the front, at `path`. */
  where: 'other-host' | 'same-host'
  /** other-host: the loopback address (127.0.0.2 …) standing in for `auth.docker.io`-style hosts. */
  host?: string
  /** The realm's path: `/token`, `/auth`, `/service/token`, `/v2/auth`. */
  path: string
  /** The `service` the challenges name. */
  service: string
}

/** Answer a token request by asking the harness token server with the registry's real service. */
export async function forwardToken(
  reg: StartedRegistry,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://auth')
  const target = new URL(reg.tokenRealm!)
  const headers: Record<string, string> = {}
  if (req.headers.authorization) headers.authorization = req.headers.authorization
  let body: string | undefined
  if (req.method === 'POST') {
    const form = new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'))
    form.set('service', reg.tokenService!)
    body = form.toString()
    headers['content-type'] = 'application/x-www-form-urlencoded'
  } else {
    target.search = url.search
    target.searchParams.set('service', reg.tokenService!)
  }
  const up = await request(target, { method: req.method === 'POST' ? 'POST' : 'GET', headers, body })
  const text = await up.body.text()
  res.writeHead(up.statusCode, { 'content-type': 'application/json' }).end(text)
}

export interface StartedAuth {
  realm: string
  /** same-host: the rule that serves the realm on the front. */
  rule?: Rule
  /** Rewrites each challenge to name this realm and service. */
  challenge: AfterRule
  stop(): Promise<void>
}

export async function startAuth(
  reg: StartedRegistry,
  placement: AuthPlacement,
  frontOrigin: () => string
): Promise<StartedAuth> {
  const fail = (res: ServerResponse, err: unknown): void => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
    res.end(String(err))
  }
  let realm: () => string
  let rule: Rule | undefined
  let stop = async (): Promise<void> => {}
  if (placement.where === 'other-host') {
    const l = await listenOn(placement.host ?? '127.0.0.2', (req, res) => {
      if (new URL(req.url ?? '/', 'http://x').pathname !== placement.path)
        return void res.writeHead(404).end()
      forwardToken(reg, req, res).catch(err => fail(res, err))
    })
    realm = () => `${l.origin}${placement.path}`
    stop = l.stop
  } else {
    realm = () => `${frontOrigin()}${placement.path}`
    rule = c => {
      if (c.url.pathname !== placement.path) return false
      forwardToken(reg, c.req, c.res).catch(err => fail(c.res, err))
      return true
    }
  }
  const challenge: AfterRule = (_c, _up, headers) => {
    const h = headers['www-authenticate']
    if (typeof h === 'string' && /^bearer /i.test(h)) {
      headers['www-authenticate'] = h
        .replace(/realm="[^"]*"/, `realm="${realm()}"`)
        .replace(/service="[^"]*"/, `service="${placement.service}"`)
    }
    return false
  }
  return {
    get realm() {
      return realm()
    },
    rule,
    challenge,
    stop
  }
}
