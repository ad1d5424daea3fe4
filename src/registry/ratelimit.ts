/** Rate-limit headers: IETF `RateLimit-Limit: 100;w=21600`, `RateLimit-Remaining`, Docker Hub's source. */
import { header, type Headers } from '../http/index.js'

export interface RateLimit {
  limit?: number
  remaining?: number
  /** Docker Hub's `docker-ratelimit-source`: the IP or account being counted. */
  source?: string
  /** Window in seconds (`w=`), when given. */
  windowS?: number
}

/** `100;w=21600` → { value: 100, window: 21600 }; the first number of a list wins. */
export function parseRateLimitValue(v: string | undefined): { value?: number; window?: number } {
  if (!v) return {}
  const first = v.split(',')[0]!.trim()
  const [num, ...params] = first.split(';')
  const value = /^\d+$/.test(num!.trim()) ? Number(num!.trim()) : undefined
  let window: number | undefined
  for (const p of params) {
    const m = /^\s*w\s*=\s*(\d+)\s*$/.exec(p)
    if (m) window = Number(m[1])
  }
  return { value, window }
}

/** Undefined when the response carries no rate-limit headers. */
export function parseRateLimit(h: Headers): RateLimit | undefined {
  const limit = parseRateLimitValue(header(h, 'ratelimit-limit'))
  const remaining = parseRateLimitValue(header(h, 'ratelimit-remaining'))
  const source = header(h, 'docker-ratelimit-source')
  if (limit.value === undefined && remaining.value === undefined && !source) return undefined
  const rl: RateLimit = {}
  if (limit.value !== undefined) rl.limit = limit.value
  if (remaining.value !== undefined) rl.remaining = remaining.value
  if (source) rl.source = source.slice(0, 100)
  const w = limit.window ?? remaining.window
  if (w !== undefined) rl.windowS = w
  return rl
}
