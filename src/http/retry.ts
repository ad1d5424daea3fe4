/**
 * The client's retry policy, used by the one retry loop in http.ts (and by blob resumes, which
 * continue a body rather than repeat a request): what is worth retrying and how long to wait.
 */
import { RegistryError } from './errors.js'

export interface RetryOptions {
  /** Total attempts including the first. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** A longer Retry-After is not waited for: the response is returned as is. */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524])
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_REQ_RETRY',
  'UND_ERR_ABORTED'
])
const TLS_VERIFY_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH/

export function errorCode(e: unknown): string | undefined {
  let cur: unknown = e
  for (let i = 0; i < 5 && cur; i++) {
    const code = (cur as { code?: unknown }).code
    if (typeof code === 'string') return code
    cur = (cur as { cause?: unknown }).cause
  }
  return undefined
}

/** A network-level failure worth retrying (not a TLS verification failure or a bad argument). */
export function isRetryableError(e: unknown): boolean {
  if (e instanceof RegistryError) return e.retryable
  const code = errorCode(e)
  return code !== undefined && RETRYABLE_CODES.has(code)
}

export function isTlsVerifyError(e: unknown): boolean {
  const code = errorCode(e)
  return code !== undefined && TLS_VERIFY_CODES.test(code)
}

/**
 * A TLS handshake whose reply was not TLS at all: OpenSSL reads the plain-HTTP "400 Bad Request"
 * a server sends back to a ClientHello as a record with a wrong version (or an absurd length).
 */
export function answeredInPlainHttp(e: unknown): boolean {
  const code = errorCode(e)
  return code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG'
}

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status)
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(v: string | string[] | undefined, now = Date.now()): number | undefined {
  const s = Array.isArray(v) ? v[0] : v
  if (!s) return undefined
  if (/^\s*\d+\s*$/.test(s)) return Number(s.trim()) * 1000
  const t = Date.parse(s)
  if (Number.isNaN(t)) return undefined
  return Math.max(0, t - now)
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^n)]. */
export function backoffDelay(attempt: number, r: RetryOptions, random = Math.random): number {
  const ceiling = Math.min(r.maxDelayMs, r.baseDelayMs * 2 ** attempt)
  return Math.floor(random() * ceiling)
}
