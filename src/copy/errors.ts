/** Errors of the copy engine: always say which side failed, for which ref, and keep the cause. */
import { sideOf, type Side } from '../oci/index.js'

export type { Side } from '../oci/index.js'

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
  return new CopyError(sideOf(err) ?? side, ref, `${what}: ${messageOf(err)}`, { cause: err, digest })
}
