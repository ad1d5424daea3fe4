/** Request and response shapes of the HTTP layer (own file, so errors.ts and transport.ts need not import each other). */
import type { Readable } from 'node:stream'
import type { Dispatcher } from 'undici'

export type Body = Buffer | string | Readable | null | undefined

export interface HttpRequest {
  method: string
  url: string
  headers?: Record<string, string>
  body?: Body
  /**
   * Default: true for GET and HEAD. `'same-origin'`: a redirect to another origin is returned, not
   * followed (a token request that carries credentials must not be sent on to a host nobody named).
   */
  followRedirects?: boolean | 'same-origin'
  /** Default: true when the body can be replayed (no stream). */
  retry?: boolean
  /** Read the whole body (at most this many bytes, enforced while reading) inside the retry loop. */
  bufferLimit?: number
}

export type Headers = Record<string, string | string[] | undefined>

export interface HttpResponse {
  status: number
  headers: Headers
  /** Final URL after redirects. */
  url: string
  /** The body stream (when bufferLimit was not set). */
  body?: Dispatcher.ResponseData['body']
  /** The body bytes (when bufferLimit was set). */
  data?: Buffer
  /** A retryable status this client retried to the end, or whose Retry-After is longer than it waits. */
  retriesSpent?: boolean
  /** Set by the session on a 401/403: why the Bearer token it sent was fetched without credentials. */
  anonymousBecause?: string
  /** Set by the session on a 401/403: where the credentials the request carried came from (never the secret). */
  credentialSource?: string
  /** Set by the session on a 401/403 of a request sent without credentials because none were found. */
  noCredentials?: string
  /**
   * Set by the session on a 401 whose challenge says `error="insufficient_scope"` to a token fetched
   * with credentials: they were accepted, but give no access to this repository (a wrong name, a
   * repository that does not exist, or one these credentials may not read).
   */
  insufficientScope?: boolean
  /** Set by the session on an error status: the registry product that answered (registry/flavour.ts). */
  flavour?: string
}

/**
 * What `--debug` / RUNNER_DEBUG show of the HTTP layer. URLs are redacted; `auth` is the scheme of
 * the Authorization header sent, never its value.
 */
export type HttpDebugEvent =
  | {
      kind: 'exchange'
      method: string
      url: string
      status: number
      ms: number
      auth: 'bearer' | 'basic' | 'none'
    }
  | { kind: 'error'; method: string; url: string; ms: number; message: string }
  | {
      kind: 'retry'
      method: string
      url: string
      attempt: number
      attempts: number
      reason: string
      waitMs?: number
    }
