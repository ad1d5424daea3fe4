/** Errors of the copy engine: always say which side failed, for which ref, and keep the cause. */

export type Side = 'source' | 'destination'

export class CopyError extends Error {
  readonly side: Side
  /** The source or destination name (`docker://host/repo:tag`, `oci:dir:ref`). */
  readonly ref: string
  /** The blob or manifest the failure concerns, when there is one. */
  readonly digest?: string

  constructor(side: Side, ref: string, message: string, opts: { cause?: unknown; digest?: string } = {}) {
    super(`${side} ${ref}: ${message}`, opts.cause === undefined ? undefined : { cause: opts.cause })
    this.name = 'CopyError'
    this.side = side
    this.ref = ref
    if (opts.digest) this.digest = opts.digest
  }
}

/** Raised for work skipped because another part of the same copy already failed. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled: another part of this copy failed')
    this.name = 'CancelledError'
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/**
 * Wrap `err` as a CopyError for `side`/`ref`, prefixing what was being done (`blob sha256:…`).
 * A CopyError passes through unchanged: the innermost wrapper knows the side best. A RegistryError
 * that carries its own `side` overrides the guess.
 */
export function toCopyError(err: unknown, side: Side, ref: string, what: string, digest?: string): Error {
  if (err instanceof CopyError || err instanceof CancelledError) return err
  const own = (err as { side?: unknown } | null)?.side
  const actual: Side = own === 'source' || own === 'destination' ? own : side
  return new CopyError(actual, ref, `${what}: ${messageOf(err)}`, { cause: err, digest })
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
  let e = err as
    { side?: unknown; status?: unknown; codes?: unknown; url?: unknown; cause?: unknown } | undefined
  for (let depth = 0; e && typeof e === 'object' && depth < 8; depth++, e = e.cause as typeof e) {
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

function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined
  try {
    return new URL(url).host || undefined
  } catch {
    return undefined
  }
}
