/**
 * HTTP for the registry client: one keep-alive undici Agent per host (HTTP/1.1), proxies from the
 * environment (loopback always direct), redirects followed by hand so credentials never cross
 * origins, and the request retry loop (408/429/5xx, resets, timeouts), which applies the program's
 * one retry policy (oci/retry.ts): backoff with full jitter, Retry-After honoured up to a cap.
 */
import type { Dispatcher } from 'undici'
import { request } from './undici.js'
import { Agents, DEFAULT_TIMEOUTS, timeoutsFor, type HostOptions, type Timeouts } from './agents.js'
import { HostBreaker, HUNG_ATTEMPTS } from './breaker.js'
import { RegistryError, redactUrl } from './errors.js'
import { networkError } from './neterror.js'
import { header, isStream, lowerKeys, quotaSpentOnPull, readCapped } from './body.js'
import type { Body, Headers, HttpDebugEvent, HttpRequest, HttpResponse } from './types.js'
import {
  currentSignal,
  enterHost,
  errorCode,
  isRetryable,
  isRetryableStatus,
  parseRetryAfter,
  RetryPolicy,
  spent,
  type RetryOptions,
  type Sleep
} from '../oci/index.js'

export { DEFAULT_TIMEOUTS, timeoutsFor, type HostOptions, type Timeouts, type TlsOptions } from './agents.js'
export type { Body, Headers, HttpDebugEvent, HttpRequest, HttpResponse } from './types.js'
export { header, isStream, readCapped } from './body.js'

export const MAX_REDIRECTS = 10

export interface HttpOptions {
  userAgent: string
  retry?: Partial<RetryOptions>
  timeouts?: Partial<Timeouts>
  /** TLS settings and timeouts for a URL's host (per-registry options); undefined → defaults. */
  tlsFor?: (url: URL) => HostOptions | undefined
  onResponse?: (e: { method: string; url: URL; status: number; headers: Headers }) => void
  /** Every exchange, network error and retry decision, for debug output; absent: nothing is built. */
  onDebug?: (e: HttpDebugEvent) => void
  /** Injected for tests; default setTimeout. */
  sleep?: Sleep
}

export class HttpTransport {
  /** The program's one retry policy, shared with everything above that retries (uploads, the engine). */
  readonly policy: RetryPolicy
  readonly timeouts: Timeouts
  private readonly agents: Agents
  private readonly breaker = new HostBreaker()

  constructor(private readonly opts: HttpOptions) {
    this.policy = new RetryPolicy(opts.retry, opts.sleep)
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts }
    this.agents = new Agents(this.timeouts, url => opts.tlsFor?.(url))
  }

  /** Send with retries. Non-2xx statuses are returned (after retries for retryable ones), not thrown. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const replayable = !isStream(req.body)
    const retry = (req.retry ?? true) && replayable
    const attempts = retry ? this.policy.attempts : 1
    const target = new URL(req.url)
    // A host that answered once this request (a 503, say) is alive, however the last attempt went.
    let answered = false
    let lastError: unknown
    for (let attempt = 0; attempt < attempts; attempt++) {
      const last = attempt === attempts - 1
      let res: HttpResponse
      try {
        // An image whose deadline fired sends nothing more (not even the retry of a failure).
        const signal = currentSignal()
        if (signal?.aborted) throw networkError(req.method, target, signal.reason)
        res = await this.send(req)
        answered = true
        if (req.bufferLimit !== undefined && res.body) {
          const body = res.body
          res.body = undefined
          res.data = await readCapped(body, req.bufferLimit, req.method, res.url, res.headers)
        }
      } catch (e) {
        lastError = e
        if (!isRetryable(e)) throw e
        // A host that accepted the request and sent nothing: retried once (and counted in once()).
        const hung = errorCode(e) === 'UND_ERR_HEADERS_TIMEOUT'
        const giveUp = last || (hung && attempt + 1 >= HUNG_ATTEMPTS)
        const wait = giveUp ? undefined : this.policy.delay(attempt)!
        this.debugRetry(req, attempt, attempts, (e as Error)?.message ?? String(e), wait)
        if (giveUp && retry && !answered) this.breaker.trip(target, e, attempt + 1)
        if (giveUp) throw retry ? spent(e) : e
        await this.policy.sleep(wait!)
        continue
      }
      if (isRetryableStatus(res.status)) {
        const retryAfter = parseRetryAfter(header(res.headers, 'retry-after'))
        let wait = this.policy.delay(attempt, retryAfter)
        if (wait !== undefined && retryAfter === undefined && (await quotaSpentOnPull(req.method, res)))
          wait = undefined
        this.debugRetry(req, attempt, attempts, `status ${res.status}`, last ? undefined : wait)
        if (!last && wait !== undefined) {
          await res.body?.dump().catch(() => {})
          await this.policy.sleep(wait)
          continue
        }
        // Retrying again higher up (a whole blob transfer) would only multiply the requests to a
        // registry that keeps failing or told us to stop; a one-shot body's failure is left to
        // the caller's retry, which is the only one it gets.
        if (retry || wait === undefined) res.retriesSpent = true
      }
      return res
    }
    throw lastError
  }

  private debugRetry(req: HttpRequest, attempt: number, attempts: number, reason: string, waitMs?: number) {
    const url = redactUrl(req.url)
    this.opts.onDebug?.({
      kind: 'retry',
      method: req.method,
      url,
      attempt: attempt + 1,
      attempts,
      reason,
      waitMs
    })
  }

  /** One attempt, following redirects for GET/HEAD; Authorization and cookies never cross origins. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    let url = new URL(req.url)
    let method = req.method
    let body = req.body
    const headers: Record<string, string> = {
      'user-agent': this.opts.userAgent,
      ...lowerKeys(req.headers ?? {})
    }
    // Every attempt, retried or not (a probe sends once): a host found down is not tried again.
    this.breaker.check(method, url)
    const follow = req.followRedirects ?? (method === 'GET' || method === 'HEAD')
    const seen = new Set<string>([url.href])
    for (let hop = 0; ; hop++) {
      const res = await this.once(method, url, headers, body)
      const location = header(res.headers, 'location')
      if (!follow || !location || ![301, 302, 303, 307, 308].includes(res.statusCode)) {
        return { status: res.statusCode, headers: res.headers, url: url.href, body: res.body }
      }
      await res.body.dump().catch(() => {})
      if (hop >= MAX_REDIRECTS) {
        throw new RegistryError(
          `too many redirects (more than ${MAX_REDIRECTS}) from ${redactUrl(req.url)}`,
          { method, url: url.href, status: res.statusCode }
        )
      }
      let next: URL
      try {
        next = new URL(location, url)
      } catch (e) {
        throw new RegistryError(`invalid redirect Location from ${redactUrl(url.href)}`, {
          method,
          url: url.href,
          status: res.statusCode,
          cause: e
        })
      }
      if (next.protocol !== 'https:' && next.protocol !== 'http:') {
        throw new RegistryError(`refusing redirect to ${next.protocol} URL`, {
          method,
          url: url.href,
          status: res.statusCode
        })
      }
      if (seen.has(next.href)) {
        throw new RegistryError(`redirect loop at ${redactUrl(next.href)}`, {
          method,
          url: url.href,
          status: res.statusCode
        })
      }
      if (follow === 'same-origin' && next.origin !== url.origin) {
        return { status: res.statusCode, headers: res.headers, url: url.href }
      }
      seen.add(next.href)
      if (next.origin !== url.origin) {
        // Signed CDN/S3 URLs carry their own authorisation; forwarding ours leaks it (and S3 answers 400).
        delete headers.authorization
        delete headers.cookie
        delete headers['proxy-authorization']
      }
      if (
        res.statusCode === 303 ||
        ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')
      ) {
        method = 'GET'
        body = undefined
        delete headers['content-type']
        delete headers['content-length']
      } else if (isStream(body)) {
        throw new RegistryError(`cannot replay a streamed body on redirect ${res.statusCode}`, {
          method,
          url: url.href,
          status: res.statusCode
        })
      }
      url = next
    }
  }

  private async once(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: Body
  ): Promise<Dispatcher.ResponseData> {
    let res: Dispatcher.ResponseData
    const t = this.timeoutsFor(url)
    const started = Date.now()
    const debug = this.opts.onDebug
    // Under an image's deadline: which hosts it is waiting for, should the deadline fire.
    const leave = enterHost(url.host)
    try {
      res = await request(url, {
        method: method as Dispatcher.HttpMethod,
        headers,
        body: body ?? undefined,
        dispatcher: this.agents.for(url),
        // undici closes the connection after every HEAD (in case a broken server sends a body);
        // a registry copy sends many, and a new connection each (a TLS handshake) costs more than
        // the risk: the parser skips the body of a HEAD whatever its Content-Length, and stray
        // bytes after a response make undici drop that socket, not fail the next request.
        reset: false,
        // The image's deadline (oci/deadline.ts): aborts the request, and its body once it streams.
        signal: currentSignal(),
        headersTimeout: t.headersMs,
        bodyTimeout: t.bodyIdleMs
      })
    } catch (e) {
      leave()
      const error = networkError(method, url, e, t)
      // Every attempt that got no response counts towards the host being hung (breaker.ts), the
      // probes' single attempts too; a streamed upload's wait may be the registry verifying it.
      if (errorCode(e) === 'UND_ERR_HEADERS_TIMEOUT' && !isStream(body)) this.breaker.noResponse(url, error)
      debug?.({
        kind: 'error',
        method,
        url: redactUrl(url.href),
        ms: Date.now() - started,
        message: error.message
      })
      throw error
    }
    if (debug) {
      const scheme = (headers.authorization ?? '').split(' ')[0]!.toLowerCase()
      const auth = scheme === 'bearer' || scheme === 'basic' ? scheme : 'none'
      debug({
        kind: 'exchange',
        method,
        url: redactUrl(url.href),
        status: res.statusCode,
        ms: Date.now() - started,
        auth
      })
    }
    this.breaker.answered(url)
    // The request ends with its body (read, dumped or destroyed); a HEAD has none to wait for.
    if (method === 'HEAD') leave()
    else for (const ev of ['end', 'close', 'error']) res.body.once(ev, leave)
    this.opts.onResponse?.({ method, url, status: res.statusCode, headers: res.headers })
    return res
  }

  /** The timeouts that apply to requests to this URL's host. */
  timeoutsFor(url: URL): Timeouts {
    return timeoutsFor(this.timeouts, this.opts.tlsFor?.(url))
  }

  async close(): Promise<void> {
    await this.agents.close()
  }
}
