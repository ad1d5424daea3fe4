/**
 * Planning a sync: resolve each source tag (expand.ts lists them) to a digest with HEAD (free against
 * Docker Hub's pull limit), and decide copy or skip from the digest cache and, where needed, one HEAD
 * on the target. An unchanged image costs one source HEAD and at most one target HEAD.
 */
import { DEFAULT_MAX_AGE_DAYS, type MirrorEntry, type TagVerdict } from '../config/index.js'
import type { RegistryClient } from '../registry/index.js'
import { RegistryError } from '../http/index.js'
import { formatReference, registryKey, type Reference, type Side } from '../oci/index.js'
import { lookUpTag, type TransportRef } from '../transports/index.js'
import {
  cooldown,
  decide,
  digestMayChange,
  optionsFingerprint,
  stateVerdict,
  type Decision
} from './decide.js'
import type { StateStore } from './state.js'
import type { Shard } from './shard.js'

// expand.ts takes mapLimit from here, as it did before the helper got its own module.
export { mapLimit } from './map-limit.js'

export interface PlanItem {
  entry: MirrorEntry
  /** Source reference with its tag (or digest) in familiar form: the state and report key. */
  source: string
  sourceRef: Reference
  target: string
  targetRef: TransportRef
  /** The tag to write at the target (docker tag, OCI layout ref); undefined for a digest-only target. */
  targetTag?: string
}

export interface PlannedImage extends PlanItem {
  sourceDigest?: string
  decision?: Decision
  /** Digest-shaping options fingerprint (see optionsFingerprint). */
  options?: string
  targetDigest?: string
  /** The plan looked the tag up at the target (a registry, a layout): targetDigest is its answer (undefined: absent). */
  targetLooked?: boolean
  error?: unknown
}

/** `--explain`: an entry's tags and the filter that kept or dropped each (none for a named tag). */
export interface TagExplanation {
  entry: MirrorEntry
  /** Tags the source listed (0 when the entry names its tag or digest: nothing is listed). */
  listed: number
  verdicts: TagVerdict[]
}

export interface PlanContext {
  client: RegistryClient
  state?: StateStore
  checkTargets: boolean
  shard?: Shard
  concurrency: number
  now: Date
  /**
   * Dry runs: whether a target registry has no credentials in this run. A target check such a
   * registry refuses (401/403) then plans the image unchecked, as `checkTargets: false` does,
   * instead of failing it; the host lands in `unchecked` (one note for the run).
   */
  withoutCredentials?: (registry: string) => Promise<boolean>
  unchecked?: Set<string>
  /** `--explain`: told, per entry, which filter kept or dropped each listed tag. */
  explain?: (e: TagExplanation) => void
}

const isDenied = (e: unknown): boolean => e instanceof RegistryError && (e.status === 401 || e.status === 403)

/** The target's tag, or 'unchecked' when a dry run may not look (see PlanContext.withoutCredentials). */
async function lookTarget(
  item: PlanItem,
  ctx: PlanContext
): Promise<Awaited<ReturnType<typeof lookUpTag>> | 'unchecked'> {
  const t = item.targetRef
  const host = t.transport === 'docker' ? registryKey(t.ref.registry) : undefined
  // One refusal is enough: the other images of that registry are not asked again.
  if (host !== undefined && ctx.unchecked?.has(host)) return 'unchecked'
  try {
    return await sided('destination', lookUpTag(t, item.targetTag, { client: ctx.client }))
  } catch (e) {
    if (
      host === undefined ||
      !ctx.withoutCredentials ||
      !isDenied(e) ||
      !(await ctx.withoutCredentials(host))
    )
      throw e
    ctx.unchecked?.add(host)
    return 'unchecked'
  }
}

/** HEADs the source (GET only when HEAD gives no digest), consults the state, HEADs the target if needed. */
export async function planImage(item: PlanItem, ctx: PlanContext): Promise<PlannedImage> {
  const { entry } = item
  const options = optionsFingerprint(entry)
  const p: PlannedImage = { ...item, options }
  try {
    p.sourceDigest =
      item.sourceRef.digest ?? (await sided('source', resolveSource(item.sourceRef, ctx.client)))
    const state = ctx.state?.get(item.source, p.sourceDigest, item.target)
    const written = ctx.state?.lastWritten(item.target)
    const args = {
      sourceDigest: p.sourceDigest,
      verdict: stateVerdict({
        state,
        options,
        verify: entry.verify,
        maxAgeDays: entry.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS,
        now: ctx.now
      }),
      state,
      previous: ctx.state?.latest(item.source, item.target),
      checkTargets: ctx.checkTargets,
      digestMayChange: digestMayChange(entry),
      overwrite: entry.overwrite,
      written,
      ours: written !== undefined && ctx.state!.owns(written)
    }
    let d = decide(args)
    if (d.action === 'check-target') {
      const target = await lookTarget(item, ctx)
      if (target === 'unchecked') {
        d = decide({ ...args, checkTargets: false })
      } else {
        p.targetDigest = target?.digest
        p.targetLooked = target !== undefined
        // Archives and dir: have no cheap lookup; they are rewritten unless the state says otherwise.
        d = decide({ ...args, target: target ?? null })
      }
    }
    if (d.action === 'copy' && entry.minAgeDays !== undefined) {
      // Without a state nothing remembers a first sighting: every run sees the digest anew, and waits.
      const first = ctx.state?.firstSeen(item.source, item.target, p.sourceDigest, ctx.now) ?? ctx.now
      d = cooldown(d, first, entry.minAgeDays, ctx.now)
    }
    p.decision = d
  } catch (error) {
    p.error = error
  }
  return p
}

/**
 * Tags a registry error with the side it came from: a 429 defers a source, fails a target
 * (ratelimits.ts), and the message says which side failed, as the copy engine's errors do.
 */
async function sided<T>(side: Side, p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (e) {
    if (e instanceof RegistryError && e.side === undefined) {
      e.side = side
      e.message = `${side} ${e.message}`
    }
    throw e
  }
}

async function resolveSource(ref: Reference, client: RegistryClient): Promise<string> {
  const desc = await client.manifestHead(ref)
  if (!desc) throw new Error(`not found: ${formatReference(ref)} (manifest unknown at the source)`)
  if (desc.digest) return desc.digest
  // Some registries answer HEAD without Docker-Content-Digest; the GET computes it from the bytes.
  return (await client.manifestGet(ref)).digest
}
