/** The state file's document: its entries, their validation and the stable form written to disk. */
import type { BlobHolders, HoldersDocument } from './holders.js'
import { DIGEST, type SeenLog } from './seen.js'
import type { VerdictLog, VerdictRecord } from './verdicts.js'

export const STATE_VERSION = 1

export interface StateEntry {
  /** Source reference as planned, tag included: `127.0.0.1:5000/lib/app:v1`. */
  source: string
  sourceDigest: string
  /** Target transport string: `host/ns/app:v1`, `oci:./mirror:v1`. */
  target: string
  /** Digest we wrote to the target. */
  digest: string
  /** ISO time the target was last written or verified. */
  at: string
  /** Fingerprint of the copy options that shaped `digest`; another fingerprint is another image. */
  options?: string
  /** Identity of the config whose run wrote the entry (the store's `owner`); absent in older files. */
  config?: string
}

export interface StateFile {
  version: number
  entries: Record<string, StateEntry>
  /** First-seen times for `min-age` (seen.ts); absent when none. */
  seen?: ReturnType<SeenLog['toJSON']>
  /** Where blobs of the images written live in the target registries (see holders.ts). */
  blobs?: HoldersDocument
  /** Signature verdicts (verdicts.ts); absent when none. */
  verdicts?: Record<string, VerdictRecord>
}

export function stateKey(source: string, sourceDigest: string, target: string): string {
  return `${source}@${sourceDigest}→${target}`
}

export function validEntry(e: unknown): e is StateEntry {
  if (!e || typeof e !== 'object') return false
  const o = e as Record<string, unknown>
  return (
    typeof o.source === 'string' &&
    typeof o.target === 'string' &&
    typeof o.sourceDigest === 'string' &&
    DIGEST.test(o.sourceDigest) &&
    typeof o.digest === 'string' &&
    DIGEST.test(o.digest) &&
    typeof o.at === 'string' &&
    !Number.isNaN(Date.parse(o.at)) &&
    (o.options === undefined || typeof o.options === 'string') &&
    (o.config === undefined || typeof o.config === 'string')
  )
}

export function document(
  entries: Map<string, StateEntry>,
  seen: SeenLog,
  blobs: BlobHolders,
  verdicts: VerdictLog
): StateFile {
  const out: Record<string, StateEntry> = {}
  for (const k of [...entries.keys()].sort()) out[k] = entries.get(k)!
  const doc: StateFile = { version: STATE_VERSION, entries: out }
  const s = seen.toJSON()
  if (s) doc.seen = s
  const held = blobs.toJSON()
  if (Object.keys(held).length) doc.blobs = held
  const v = verdicts.toJSON()
  if (v) doc.verdicts = v
  return doc
}
