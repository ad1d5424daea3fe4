/**
 * Planning a sync: resolve each source tag (expand.ts lists them) to a digest with HEAD (free against
 * Docker Hub's pull limit), and decide copy or skip from the digest cache and, where needed, one HEAD
 * on the target. An unchanged image costs one source HEAD and at most one target HEAD.
 */
import {
  DEFAULT_MAX_AGE_DAYS,
  type EntryOptions,
  type MirrorEntry,
  type Overwrite,
  type TagVerdict
} from '../config/index.js'
import type { RegistryClient, RateLimit } from '../registry/index.js'
import { RegistryError } from '../http/index.js'
import {
  formatPlatform,
  formatReference,
  rateLimited,
  registryKey,
  type Reference,
  type Side
} from '../oci/index.js'
import { lookUpTag, type TransportRef } from '../transports/index.js'
import type { StateEntry, StateStore } from './state.js'
import type { Shard } from './shard.js'

export type Change = 'new' | 'changed' | 'unchanged' | 'unknown'
/** How far the digest cache can be trusted for one image. */
export type StateVerdict = 'trust' | 'verify' | 'miss'

export interface Decision {
  /**
   * `hold`: the target tag exists, differs, and the overwrite policy keeps it (see `held`).
   * `wait`: a copy, but the source digest is younger than min-age (see `eligibleAt`).
   */
  action: 'copy' | 'skip' | 'check-target' | 'hold' | 'wait'
  change?: Change
  /** On skip: the target digest confirmed, to (re)record in the state. */
  record?: string
  /** On hold: `drifted` (not what the mirror wrote there) or `never` (overwrite: never). */
  held?: 'drifted' | 'never'
  /** On wait: ISO times the source digest was first seen, and from which it may be copied. */
  firstSeen?: string
  eligibleAt?: string
}

/** A state entry answers for an image only when it was written with the same digest-shaping options. */
export function stateVerdict(p: {
  state?: StateEntry
  options?: string
  verify: boolean
  maxAgeDays?: number
  now: Date
}): StateVerdict {
  if (!p.state || p.state.options !== p.options) return 'miss'
  if (p.verify) return 'verify'
  if (p.maxAgeDays !== undefined && p.now.getTime() - Date.parse(p.state.at) > p.maxAgeDays * 86_400_000) {
    return 'verify'
  }
  return 'trust'
}

/**
 * Copy or skip. Called first without `target` (not looked at); when it answers 'check-target' the
 * caller HEADs the target and calls again with `target` (null = the tag does not exist).
 */
export function decide(p: {
  sourceDigest: string
  verdict: StateVerdict
  state?: StateEntry
  /** The state's newest entry for this source → target with any source digest: tells "changed". */
  previous?: StateEntry
  checkTargets: boolean
  /** Platform subset, dropped attestations or conversion: what we write is not the source digest. */
  digestMayChange: boolean
  target?: { digest: string } | null
  /** Defaults to `always`: the policy of entries is in their options (default `if-ours`). */
  overwrite?: Overwrite
  /** The state's newest entry for this target, any source: what the mirror last wrote there. */
  written?: StateEntry
  /** `written` is this config's (StateStore.owns). */
  ours?: boolean
}): Decision {
  const d = decideCopy(p)
  if (d.action !== 'copy' || !p.target || !p.overwrite || p.overwrite === 'always') return d
  // The state knows this tag: anything but our own last write there is someone else's.
  const drifted = p.written !== undefined && (!p.ours || p.written.digest !== p.target.digest)
  if (drifted) return { action: 'hold', change: d.change, held: 'drifted' }
  if (p.overwrite === 'never') return { action: 'hold', change: d.change, held: 'never' }
  // A tag the state never saw (first run, lost cache, no --state) cannot be told from ours: rewritten.
  return d
}

function decideCopy(p: Parameters<typeof decide>[0]): Decision {
  if (p.verdict === 'trust') return { action: 'skip', change: 'unchanged' }
  if (p.target === undefined) {
    if (p.checkTargets) return { action: 'check-target' }
    // Targets are off limits (a PR from a fork): only the state can tell.
    if (p.verdict === 'verify') return { action: 'skip', change: 'unchanged' }
    return { action: 'copy', change: p.previous ? 'changed' : 'unknown' }
  }
  if (p.target === null) return { action: 'copy', change: 'new' }
  const expected = p.verdict === 'verify' ? p.state!.digest : p.digestMayChange ? undefined : p.sourceDigest
  if (expected !== undefined) {
    if (p.target.digest === expected) return { action: 'skip', change: 'unchanged', record: expected }
    return { action: 'copy', change: 'changed' }
  }
  // Without the state we cannot know what a subset of the source digests to: copy, blobs are reused.
  if (p.previous && p.previous.digest === p.target.digest) return { action: 'copy', change: 'changed' }
  return { action: 'copy', change: 'unknown' }
}

/** A copy of a digest first seen less than `minAgeDays` before `now` waits until it is old enough. */
export function cooldown(d: Decision, firstSeen: Date, minAgeDays: number, now: Date): Decision {
  const eligible = firstSeen.getTime() + minAgeDays * 86_400_000
  if (d.action !== 'copy' || now.getTime() >= eligible) return d
  return {
    action: 'wait',
    change: d.change,
    firstSeen: firstSeen.toISOString(),
    eligibleAt: new Date(eligible).toISOString()
  }
}

/** Only these options make the written digest differ from the source digest. */
export function digestMayChange(o: Pick<EntryOptions, 'platforms' | 'keepAttestations' | 'convertToDocker'>) {
  return o.platforms !== 'all' || !o.keepAttestations || o.convertToDocker
}

/** Fingerprint of the digest-shaping options, stored with each state entry; undefined for a 1:1 copy. */
export function optionsFingerprint(
  o: Pick<EntryOptions, 'platforms' | 'keepAttestations' | 'convertToDocker'>
): string | undefined {
  if (!digestMayChange(o)) return undefined
  const parts: string[] = []
  if (o.platforms !== 'all') parts.push(`platforms=${o.platforms.map(formatPlatform).sort().join(',')}`)
  if (!o.keepAttestations) parts.push('attestations=drop')
  if (o.convertToDocker) parts.push('convert=docker')
  return parts.join(';')
}

/** Below the reserve no new pull may start from that registry; unknown limits never defer. */
export function rateLimitExhausted(rl: RateLimit | undefined, reserve: number): boolean {
  return rl?.remaining !== undefined && rl.remaining < reserve
}

/** A 429 / TOOMANYREQUESTS on either side: the registry wants us to stop, not a broken image. */
export function isRateLimitError(error: unknown): boolean {
  return rateLimited(error) !== undefined
}

/** Runs `fn` over `items` with at most `limit` at once; results keep the input order. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (t: T, i: number) => Promise<R>
): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return out
}

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
