/**
 * What a copy tells its caller as it goes (blobs copied, skipped, mounted, progress, manifests,
 * warnings), and how the engine's run-wide hooks and one copy's hooks combine. Apart from run.ts so
 * the event surface callers program against is read in one place, not among the copy's mechanics.
 */
import type { BlobLocation, Descriptor } from '../oci/index.js'

export interface CopyHooks {
  onCopied?(e: { blob: Descriptor; bytes: number; dest: string }): void
  onSkipped?(e: { blob: Descriptor; dest: string; reason: 'exists' | 'already-copied' }): void
  onMounted?(e: { blob: Descriptor; dest: string; from: BlobLocation }): void
  /**
   * Bytes moved by this copy so far, of `total`; `blob`: the blob these bytes belong to and its
   * own count (absent when a whole blob is counted at once: mounted or already present).
   */
  onProgress?(e: {
    bytes: number
    total: number
    dest: string
    blob?: { digest: string; size: number; bytes: number }
  }): void
  /** A blob's transfer starts (again after a failed attempt). */
  onBlobStart?(e: { blob: Descriptor; dest: string }): void
  onManifest?(e: { digest: string; mediaType: string; dest: string; tag?: string }): void
  /** Something the user should know that is not an error (dropped entries, skipped referrers). */
  onWarning?(message: string): void
}

function both<E>(a?: (e: E) => void, b?: (e: E) => void): ((e: E) => void) | undefined {
  if (!a || !b || a === b) return b ?? a
  return e => {
    a(e)
    b(e)
  }
}

/**
 * The engine's own hooks (constructor) and one copy's hooks (copy() options) both fire, engine-wide
 * first: a caller that binds hooks to one image (a sync's log) does not silence run-wide ones.
 */
export function joinHooks(engine: CopyHooks, call: CopyHooks): CopyHooks {
  return {
    onCopied: both(engine.onCopied, call.onCopied),
    onSkipped: both(engine.onSkipped, call.onSkipped),
    onMounted: both(engine.onMounted, call.onMounted),
    onProgress: both(engine.onProgress, call.onProgress),
    onBlobStart: both(engine.onBlobStart, call.onBlobStart),
    onManifest: both(engine.onManifest, call.onManifest),
    onWarning: both(engine.onWarning, call.onWarning)
  }
}
