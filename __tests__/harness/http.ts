/**
 * Minimal registry HTTP for the harness itself (pushing fixtures, the redirect server's blob origin):
 * authenticates with the registry's own credentials, knowing the mode instead of parsing challenges.
 */
import { readFileSync } from 'node:fs'
import type { Readable } from 'node:stream'
import { Agent, request, type Dispatcher } from 'undici'
import type { StartedRegistry } from './registry.js'

const agents = new WeakMap<StartedRegistry, Agent>()
const tokens = new WeakMap<StartedRegistry, Map<string, { token: string; until: number }>>()

function agentFor(reg: StartedRegistry): Agent {
  let agent = agents.get(reg)
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: 1000,
      connect: reg.caFile ? { ca: readFileSync(reg.caFile) } : {}
    })
    agents.set(reg, agent)
  }
  return agent
}

export async function closeAgent(reg: StartedRegistry): Promise<void> {
  const agent = agents.get(reg)
  agents.delete(reg)
  await agent?.close()
}

const basic = (u: string, p: string): string => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`

/** `Authorization` value for `scope` (e.g. `repository:foo:pull,push`), or undefined when anonymous. */
export async function authorization(reg: StartedRegistry, scope: string): Promise<string | undefined> {
  if (reg.mode === 'basic') return basic(reg.username!, reg.password!)
  if (reg.mode !== 'token') return undefined
  let cache = tokens.get(reg)
  if (!cache) tokens.set(reg, (cache = new Map()))
  const hit = cache.get(scope)
  if (hit && hit.until > Date.now()) return `Bearer ${hit.token}`
  const url = new URL(reg.tokenRealm!)
  url.searchParams.set('service', reg.tokenService!)
  url.searchParams.set('scope', scope)
  const res = await request(url, { headers: { authorization: basic(reg.username!, reg.password!) } })
  if (res.statusCode !== 200) {
    await res.body.dump()
    throw new Error(`token server answered ${res.statusCode} for ${scope}`)
  }
  const body = (await res.body.json()) as { token: string; expires_in: number }
  cache.set(scope, { token: body.token, until: Date.now() + (body.expires_in - 30) * 1000 })
  return `Bearer ${body.token}`
}

export interface RegRequest {
  method: Dispatcher.HttpMethod
  /** A path below the registry URL, or an absolute URL on it (upload locations). */
  path: string
  /** Repository whose pull+push scope the token must carry. */
  repo: string
  headers?: Record<string, string>
  body?: Buffer | Readable
}

export async function regRequest(reg: StartedRegistry, r: RegRequest): Promise<Dispatcher.ResponseData> {
  const auth = await authorization(reg, `repository:${r.repo}:pull,push`)
  const url = new URL(r.path, reg.url)
  return request(url, {
    method: r.method,
    headers: { ...(auth ? { authorization: auth } : {}), ...r.headers },
    body: r.body,
    dispatcher: agentFor(reg)
  })
}

/** Body text of a failed response, for error messages. */
export async function failure(what: string, res: Dispatcher.ResponseData): Promise<Error> {
  const text = await res.body.text().catch(() => '')
  return new Error(`${what}: HTTP ${res.statusCode} ${text.slice(0, 500)}`)
}
