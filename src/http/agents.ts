/**
 * undici dispatchers: one keep-alive Agent per host, HTTP/1.1, per-registry TLS (extra CA, client
 * certificate, insecure). Proxies come from HTTPS_PROXY/HTTP_PROXY/NO_PROXY, but loopback hosts
 * always connect directly (a corporate proxy must not see or break local registries).
 */
import { readFileSync } from 'node:fs'
import { rootCertificates } from 'node:tls'
import type { Dispatcher } from 'undici'
import { Agent, EnvHttpProxyAgent } from './undici.js'
import { isLoopbackHost } from '../oci/index.js'

export interface TlsOptions {
  insecure?: boolean
  caFile?: string
  certFile?: string
  keyFile?: string
}

/** Per-host connection options: TLS and, from `registries:`, the two timeouts. */
export interface HostOptions extends TlsOptions {
  connectTimeoutMs?: number
  /** Headers and body-idle timeout for this host (Timeouts.headersMs and .bodyIdleMs). */
  responseTimeoutMs?: number
  /** `min-throughput`: floor of a blob download in bytes per second (0: off). */
  minBytesPerSec?: number
  /** `min-throughput-window`: the time over which the floor is measured. */
  throughputWindowMs?: number
}

export interface Timeouts {
  /** Time to the response headers, refreshed while a request body is being written. */
  headersMs: number
  /** Longest pause between two chunks of a response body. */
  bodyIdleMs: number
  connectMs: number
  /**
   * Floor of a blob download in bytes per second over `throughputWindowMs`; 0: off. Undefined:
   * DEFAULT_MIN_THROUGHPUT, except on loopback hosts (see throughput.ts).
   */
  minBytesPerSec?: number
  throughputWindowMs?: number
}

/**
 * Under a minute each: a registry that accepts and never answers is reported in seconds, not minutes
 * (every attempt of the retry policy waits this long). A slow upload is not cut short: the headers
 * clock restarts while the request body is still being written.
 */
export const DEFAULT_TIMEOUTS: Timeouts = { headersMs: 30_000, bodyIdleMs: 30_000, connectMs: 10_000 }

/** The timeouts that apply to one host: its own options over the run's. */
export function timeoutsFor(base: Timeouts, host: HostOptions | undefined): Timeouts {
  return {
    connectMs: host?.connectTimeoutMs ?? base.connectMs,
    headersMs: host?.responseTimeoutMs ?? base.headersMs,
    bodyIdleMs: host?.responseTimeoutMs ?? base.bodyIdleMs,
    minBytesPerSec: host?.minBytesPerSec ?? base.minBytesPerSec,
    throughputWindowMs: host?.throughputWindowMs ?? base.throughputWindowMs
  }
}

export class Agents {
  private readonly byHost = new Map<string, Dispatcher>()

  constructor(
    private readonly timeouts: Timeouts,
    private readonly tlsFor: (url: URL) => HostOptions | undefined
  ) {}

  for(url: URL): Dispatcher {
    const key = url.host
    let d = this.byHost.get(key)
    if (d) return d
    const tls = this.tlsFor(url)
    const t = timeoutsFor(this.timeouts, tls)
    // `ca` replaces Node's roots: keep them, so a caFile adds trust instead of narrowing it.
    const connect = {
      rejectUnauthorized: !tls?.insecure,
      timeout: t.connectMs,
      ...(tls?.caFile ? { ca: [...rootCertificates, readFileSync(tls.caFile, 'utf8')] } : {}),
      ...(tls?.certFile ? { cert: readFileSync(tls.certFile) } : {}),
      ...(tls?.keyFile ? { key: readFileSync(tls.keyFile) } : {})
    }
    const agentOpts = {
      connect,
      keepAliveTimeout: 30_000,
      headersTimeout: t.headersMs,
      bodyTimeout: t.bodyIdleMs,
      allowH2: false
    }
    const e = process.env
    const proxied =
      !isLoopbackHost(url.host) && Boolean(e.https_proxy || e.HTTPS_PROXY || e.http_proxy || e.HTTP_PROXY)
    d = proxied
      ? new EnvHttpProxyAgent({
          ...agentOpts,
          requestTls: connect,
          httpProxy: e.http_proxy || e.HTTP_PROXY || undefined,
          httpsProxy: e.https_proxy || e.HTTPS_PROXY || undefined,
          noProxy: e.no_proxy ?? e.NO_PROXY
        })
      : new Agent(agentOpts)
    this.byHost.set(key, d)
    return d
  }

  async close(): Promise<void> {
    const all = [...this.byHost.values()]
    this.byHost.clear()
    await Promise.all(all.map(a => a.close().catch(() => a.destroy())))
  }
}
