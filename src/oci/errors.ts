/**
 * The one place that reads an error's cause chain. Every layer wraps what it caught
 * (`new Error(msg, { cause })`, RegistryError, CopyError), so what happened is somewhere down the
 * chain: which side failed, the HTTP status and registry codes, a network code, and whether a
 * retry could help. Walking it once here keeps the layers from disagreeing about it.
 */

/** Which end of a copy failed. */
export type Side = 'source' | 'destination'

/** What kind of failure, for reports and for what to do next. */
export type ErrorKind = 'rate-limit' | 'auth' | 'not-found' | 'tls' | 'network' | 'other'

/** Wrappers seen in practice are 3 or 4 deep; a longer chain is cut rather than followed. */
const MAX_DEPTH = 8

/** Statuses a repeated request may get past: timeouts, rate limits, and server or gateway trouble. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524])
/**
 * A blob body slower than the `min-throughput` floor (http/throughput.ts): a network-class failure,
 * retried like a reset.
 */
export const SLOW_BODY_CODE = 'MIRROR_SLOW_BODY'

/** Network failures worth another attempt (not TLS verification or a bad argument). */
const RETRYABLE_CODES = new Set([
  SLOW_BODY_CODE,
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

interface Facts {
  side?: unknown
  status?: unknown
  codes?: unknown
  code?: unknown
  retryable?: unknown
  url?: unknown
  cause?: unknown
}

/** The error and its causes, outermost first, at most MAX_DEPTH of them. */
export function* causes(err: unknown): Generator<Facts> {
  let e = err
  for (let depth = 0; e !== null && typeof e === 'object' && depth < MAX_DEPTH; depth++) {
    yield e as Facts
    e = (e as Facts).cause
  }
}

/** The first network or system code (`ECONNRESET`, `UND_ERR_…`, `ERR_SSL_…`) down the chain. */
export function errorCode(err: unknown): string | undefined {
  for (const e of causes(err)) if (typeof e.code === 'string') return e.code
  return undefined
}

/** The first HTTP status down the chain. */
export function statusOf(err: unknown): number | undefined {
  for (const e of causes(err)) if (typeof e.status === 'number') return e.status
  return undefined
}

/** The registry's error codes (`MANIFEST_UNKNOWN`, `DENIED`, …) of the first error that has them. */
export function codesOf(err: unknown): string[] {
  for (const e of causes(err)) if (Array.isArray(e.codes)) return e.codes.filter(c => typeof c === 'string')
  return []
}

/** The outermost side named down the chain: the innermost wrapper that knew it set it first. */
export function sideOf(err: unknown): Side | undefined {
  for (const e of causes(err)) if (e.side === 'source' || e.side === 'destination') return e.side
  return undefined
}

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status)
}

/**
 * Worth another attempt. The first error down the chain that says so itself decides (a
 * RegistryError knows its status, and whether a retry loop already spent its attempts on it);
 * otherwise a broken connection or a timeout is.
 */
export function isRetryable(err: unknown): boolean {
  for (const e of causes(err)) {
    if (typeof e.retryable === 'boolean') return e.retryable
    if (typeof e.code === 'string' && RETRYABLE_CODES.has(e.code)) return true
  }
  return false
}

/**
 * Marks `err` as spent: a retry loop gave it its last attempt, so no loop further up should try
 * again (each failure is retried by one loop only). Returns `err` for `throw spent(e)`.
 */
export function spent<T>(err: T): T {
  for (const e of causes(err)) {
    if (typeof e.retryable === 'boolean') {
      e.retryable = false
      break
    }
  }
  return err
}

export function isTlsVerifyError(err: unknown): boolean {
  const code = errorCode(err)
  return code !== undefined && TLS_VERIFY_CODES.test(code)
}

/**
 * A TLS handshake whose reply was not TLS at all: OpenSSL reads the plain-HTTP "400 Bad Request"
 * a server sends back to a ClientHello as a record with a wrong version (or an absurd length).
 */
export function answeredInPlainHttp(err: unknown): boolean {
  const code = errorCode(err)
  return code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG'
}

/** A 429 found in an error's cause chain: the side it happened on, and the host that answered it. */
export interface RateLimited {
  side?: Side
  host?: string
}

/**
 * The 429 / TOOMANYREQUESTS inside `err`, or undefined. The side is the outermost one named on the
 * way down (a CopyError, or a RegistryError the transport tagged); the host comes from the URL of
 * the response that carried the 429, which may be a CDN or upload host rather than the registry.
 */
export function rateLimited(err: unknown): RateLimited | undefined {
  let side: Side | undefined
  for (const e of causes(err)) {
    if (side === undefined && (e.side === 'source' || e.side === 'destination')) side = e.side
    const codes = Array.isArray(e.codes) ? (e.codes as unknown[]) : []
    if (e.status === 429 || codes.includes('TOOMANYREQUESTS')) {
      const out: RateLimited = {}
      if (side) out.side = side
      const host = hostOf(e.url)
      if (host) out.host = host
      return out
    }
  }
  return undefined
}

/** What kind of failure `err` is, from the first status, registry code or network code found. */
export function kindOf(err: unknown): ErrorKind {
  if (rateLimited(err)) return 'rate-limit'
  const status = statusOf(err)
  const codes = codesOf(err)
  if (status === 401 || status === 403 || codes.includes('UNAUTHORIZED') || codes.includes('DENIED'))
    return 'auth'
  if (
    status === 404 ||
    codes.some(c => c === 'MANIFEST_UNKNOWN' || c === 'NAME_UNKNOWN' || c === 'BLOB_UNKNOWN')
  )
    return 'not-found'
  if (isTlsVerifyError(err) || answeredInPlainHttp(err)) return 'tls'
  const code = errorCode(err)
  if (code !== undefined && RETRYABLE_CODES.has(code)) return 'network'
  return 'other'
}

function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined
  try {
    return new URL(url).host || undefined
  } catch {
    return undefined
  }
}
