/**
 * The parts of undici the client uses, loaded from their own modules. undici's index also loads
 * fetch, WebSocket, EventSource, the cache stores, cookies and the mock agents: about 1 MB of code
 * that every CLI run compiled and evaluated before its first request, a fifth of a no-change rerun
 * on loopback (bench/). The paths are pinned by package-lock; unit/undici-parts.test.ts fails if an
 * upgrade moves them.
 */
import type { Dispatcher } from 'undici'
import AgentImpl from 'undici/lib/dispatcher/agent.js'
import EnvHttpProxyAgentImpl from 'undici/lib/dispatcher/env-http-proxy-agent.js'
import requestImpl from 'undici/lib/api/api-request.js'

export const Agent = AgentImpl
export const EnvHttpProxyAgent = EnvHttpProxyAgentImpl

/** undici's `request(url, { dispatcher })`, without its index: the same options, the same result. */
export function request(
  url: URL,
  opts: Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher }
): Promise<Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = opts
  return requestImpl.call(dispatcher, { ...rest, origin: url.origin, path: url.pathname + url.search })
}
