/**
 * Response and request bodies of the transport: reading a body under a byte cap, the start of a
 * 429's body (is the pull quota spent?), and what counts as a one-shot (streamed) request body.
 * Apart from transport.ts to keep each file readable.
 */
import type { Readable } from 'node:stream'
import type { Dispatcher } from 'undici'
import { RegistryError, redactUrl } from './errors.js'
import { networkError } from './neterror.js'
import type { Body, Headers, HttpResponse } from './types.js'
import { pullQuotaSpent } from '../oci/index.js'

export function header(h: Headers, name: string): string | undefined {
  const v = h[name.toLowerCase()]
  return Array.isArray(v) ? v[0] : v
}

/** Enough of a 429's body to find its error code; the rest is not worth waiting for. */
const QUOTA_BODY_LIMIT = 16 * 1024

/**
 * Whether a pull's 429 says the quota is spent (see pullQuotaSpent). Reads the start of the body
 * into `res.data`, where the caller's error report finds it.
 */
export async function quotaSpentOnPull(method: string, res: HttpResponse): Promise<boolean> {
  // Writes are throttled, not metered: their 429s keep the usual backoff.
  if (res.status !== 429 || (method !== 'GET' && method !== 'HEAD')) return false
  if (pullQuotaSpent(header(res.headers, 'ratelimit-remaining'), undefined)) return true
  if (res.body && !res.data) {
    const body = res.body
    res.body = undefined
    const parts: Buffer[] = []
    let n = 0
    try {
      for await (const c of body) {
        const b = c as Buffer
        parts.push(b.subarray(0, QUOTA_BODY_LIMIT - n))
        n += Math.min(b.length, QUOTA_BODY_LIMIT - n)
        if (n >= QUOTA_BODY_LIMIT) break
      }
    } catch {
      // A body that fails to arrive says nothing about the quota.
    } finally {
      body.destroy()
    }
    res.data = Buffer.concat(parts, n)
  }
  return pullQuotaSpent(undefined, res.data?.toString('utf8'))
}

export function isStream(b: Body): b is Readable {
  return (
    b !== null &&
    b !== undefined &&
    typeof b === 'object' &&
    !Buffer.isBuffer(b) &&
    typeof (b as Readable).pipe === 'function'
  )
}

export function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v
  return out
}

/** Read a body, failing as soon as it exceeds `limit` (a lying Content-Length changes nothing). */
export async function readCapped(
  body: Dispatcher.ResponseData['body'],
  limit: number,
  method: string,
  url: string,
  headers?: Headers
): Promise<Buffer> {
  const declared = headers ? Number(header(headers, 'content-length')) : NaN
  if (declared > limit) {
    body.destroy()
    throw new RegistryError(
      `${method} ${redactUrl(url)}: response body of ${declared} bytes exceeds the limit of ${limit}`,
      { method, url }
    )
  }
  const chunks: Buffer[] = []
  let n = 0
  try {
    for await (const c of body) {
      const b = c as Buffer
      n += b.length
      if (n > limit) {
        body.destroy()
        throw new RegistryError(`${method} ${redactUrl(url)}: response body larger than ${limit} bytes`, {
          method,
          url
        })
      }
      chunks.push(b)
    }
  } catch (e) {
    if (e instanceof RegistryError) throw e
    throw networkError(method, new URL(url), e)
  }
  return Buffer.concat(chunks, n)
}
