/**
 * Failures grouped by cause, for every presenter (text, job summary, JSON): when a host is down
 * (the HTTP layer's breaker: "(HOST is down: not tried again this run)"), 200 images on it fail with
 * one error, and a report that repeats it 200 times hides everything else. The group says it once:
 * the host, how many images, the first error; the images stay listed (and in the JSON, each keeps
 * its own entry and error).
 */
import type { ImageReport } from '../sync/index.js'

export interface HostDownGroup {
  kind: 'host-down'
  host: string
  /** The error that marked the host down (the one all the others repeat). */
  firstError: string
  images: ImageReport[]
}

const DOWN = /\(([^\s()]+) is down: not tried again this run\)/
/** The failure that marked the host down, as the breaker quotes it: `METHOD URL: what (after N attempts)`. */
const FIRST = /\b((?:GET|HEAD|PUT|POST|PATCH|DELETE) \S+: .*?) \(after (\d+) attempts\)/

/** The host an image's error says is down, if it says so. */
export function downHostOf(error: string | undefined): string | undefined {
  return error ? DOWN.exec(error)?.[1] : undefined
}

/** Words of a failure to reach a host at all (what the breaker counts), as the HTTP layer writes them. */
const UNREACHED =
  /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|UND_ERR_SOCKET|connect timeout|response timeout)\b/

/**
 * One group per host that is down, in the order of the first image that names it. Images that
 * failed to reach that host before the breaker knew (the attempts that marked it down) join it.
 */
export function hostDownGroups(images: ImageReport[]): HostDownGroup[] {
  const groups = new Map<string, HostDownGroup>()
  for (const r of images) {
    if (r.status !== 'failed') continue
    const host = downHostOf(r.error)
    if (!host || groups.has(host)) continue
    const m = FIRST.exec(r.error!.slice(0, r.error!.search(DOWN)))
    const firstError = m ? `${m[1]} (after ${m[2]} attempts)` : r.error!.replace(DOWN, '').trim()
    groups.set(host, { kind: 'host-down', host, firstError, images: [] })
  }
  if (groups.size === 0) return []
  for (const r of images) {
    if (r.status !== 'failed' || !r.error) continue
    const host = downHostOf(r.error)
    const g = host
      ? groups.get(host)
      : UNREACHED.test(r.error)
        ? [...groups.values()].find(x => r.error!.includes(`//${x.host}/`))
        : undefined
    g?.images.push(r)
  }
  return [...groups.values()]
}

/** `HOST is down: N images failed (first error: …)`. */
export function hostDownLine(g: HostDownGroup): string {
  const n = g.images.length
  return `${g.host} is down: ${n} image${n === 1 ? '' : 's'} failed (first error: ${g.firstError})`
}
