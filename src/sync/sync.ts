/**
 * `sync`: plan every image of a config, then copy what changed with one shared CopyEngine (so blobs
 * are deduplicated and mounted across images), images in parallel, past failures, deferring pulls
 * from a registry whose rate limit runs low.
 */
import type { MirrorConfig } from '../config/index.js'
import type { RegistryClient } from '../registry/index.js'
import {
  destinationCapabilities,
  openDestination,
  openSource,
  type TransportRef
} from '../transports/index.js'
import { computeTotals, errorMessage, type ImageReport, type ImageStatus, type SyncReport } from './report.js'
import { CopyEngine, type CopyHooks, type CopyOptions, type CopyResult } from '../copy/index.js'
import { Semaphore } from '../copy/index.js'
import { expandEntries } from './expand.js'
import { pruneState } from './prune.js'
import { planImage, rateLimitExhausted, type PlanContext, type PlannedImage } from './plan.js'
import { RateLimits } from './ratelimits.js'
import type { StateStore } from './state.js'
import type { ImageDestination } from '../oci/index.js'
import { resolve as resolvePath } from 'node:path'

export type { ImageReport, ImageStatus, SyncReport } from './report.js'
export { errorMessage, exitCodeFor } from './report.js'
export { StateStore } from './state.js'

export const DEFAULT_SYNC_CONCURRENCY = 4
/** Docker Hub's anonymous allowance is 100 pulls / 6 h; a multi-platform image costs one per platform. */
export const DEFAULT_RATE_LIMIT_THRESHOLD = 10

export interface SyncOptions {
  client: RegistryClient
  state?: StateStore
  dryRun?: boolean
  /** 1-based index. */
  shard?: { index: number; count: number }
  /** Images copied at once (blob concurrency is the engine's). */
  concurrency?: number
  rateLimitThreshold?: number
  /** false on PRs without target credentials: never send a request to a target. */
  checkTargets?: boolean
  /**
   * An image's copy starts. The hooks returned fire for this image's copy only (blobs another image
   * moved included, as 'already-copied'), so a caller attributes events without matching names.
   */
  onImageStart?(e: { source: string; target: string }): CopyHooks | void
  onImageDone?(r: ImageReport): void
  /** Engine options; hooks given here fire for every image, besides the image's own. */
  engine?: Partial<CopyOptions>
  /** For tests of cache ageing; defaults to the current time. */
  now?: Date
}

/** Serialises work per key (a local target path): see copyOne. */
class KeyedMutex {
  private tails = new Map<string, Promise<void>>()
  async run<T>(key: string | undefined, fn: () => Promise<T>): Promise<T> {
    if (key === undefined) return fn()
    const prev = this.tails.get(key) ?? Promise.resolve()
    let done!: () => void
    const mine = new Promise<void>(r => (done = r))
    const tail = prev.then(() => mine)
    this.tails.set(key, tail)
    await prev
    try {
      return await fn()
    } finally {
      done()
      if (this.tails.get(key) === tail) this.tails.delete(key)
    }
  }
}

function report(p: PlannedImage, status: ImageStatus, extra: Partial<ImageReport> = {}): ImageReport {
  const r: ImageReport = {
    source: p.source,
    target: p.target,
    sourceDigest: p.sourceDigest,
    status,
    change: p.decision?.change,
    bytes: 0,
    durationMs: 0,
    position: p.entry.position,
    ...extra
  }
  for (const k of Object.keys(r) as (keyof ImageReport)[]) if (r[k] === undefined) delete r[k]
  return r
}

/** Where a run is: the parts every image's plan and copy share. */
interface RunCtx {
  opts: SyncOptions
  plan: PlanContext
  limits: RateLimits
  warnings: string[]
  engine?: CopyEngine
  /** Per local target (layout, archive, dir): see copyOne. */
  localLock: KeyedMutex
  done(r: ImageReport): ImageReport
}

export async function sync(config: MirrorConfig, opts: SyncOptions): Promise<SyncReport> {
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_SYNC_CONCURRENCY)
  const run: RunCtx = {
    opts,
    plan: {
      client: opts.client,
      state: opts.state,
      checkTargets: opts.checkTargets ?? true,
      shard: opts.shard,
      concurrency: planConcurrency(concurrency),
      now: opts.now ?? new Date()
    },
    limits: new RateLimits(opts.rateLimitThreshold ?? DEFAULT_RATE_LIMIT_THRESHOLD),
    warnings: [...(opts.state?.warnings ?? [])],
    engine: opts.dryRun ? undefined : new CopyEngine({ retry: opts.client.retryPolicy, ...opts.engine }),
    localLock: new KeyedMutex(),
    done: r => {
      opts.onImageDone?.(r)
      return r
    }
  }

  const expansion = await expandEntries(config, run.plan)
  const { items, failures } = expansion
  // Entries for images the config no longer selects leave the state; a dry run changes nothing.
  if (opts.state && !opts.dryRun) pruneState(opts.state, config, expansion)
  const expanded = failures.map(({ entry, source, target, error }) =>
    run.done({
      source,
      target,
      status: 'failed',
      bytes: 0,
      durationMs: 0,
      error: errorMessage(error),
      position: entry.position
    })
  )

  // HEADs are small and, on Docker Hub, free: plan wider than we copy, and start copying as plans land.
  const planSlots = new Semaphore(run.plan.concurrency)
  const copySlots = new Semaphore(concurrency)
  const images = await Promise.all(
    items.map(async item => {
      const started = Date.now()
      const p = await planSlots.run(() => planImage(item, run.plan))
      const decided = settle(run, p, started)
      return decided ?? copySlots.run(() => copyOne(run, p, started))
    })
  )

  run.warnings.push(...run.limits.warnings())
  // Config order: an entry (or tag) that failed before planning sits where the entry is.
  const all = [...expanded, ...images].sort(
    (a, b) =>
      (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.col ?? 0) - (b.position?.col ?? 0)
  )
  return { images: all, totals: computeTotals(all), warnings: run.warnings }
}

/** Parallel HEADs while planning: twice the copies, at least 8, at most 32. */
export function planConcurrency(copies: number): number {
  return Math.min(32, Math.max(8, copies * 2))
}

function targetRegistry(p: PlannedImage): string | undefined {
  return p.targetRef.transport === 'docker' ? p.targetRef.ref.registry : undefined
}

/** A failed image's report; a 429 makes it deferred (source) or a refusal naming the target. */
function reportError(run: RunCtx, p: PlannedImage, error: unknown, durationMs: number): ImageReport {
  const o = run.limits.classify(error, p.sourceRef.registry, targetRegistry(p))
  return run.done(report(p, o?.status ?? 'failed', { error: errorMessage(o?.error ?? error), durationMs }))
}

/** The report of an image that needs no copy (failed plan, skip, dry run), or undefined to copy it. */
function settle(run: RunCtx, p: PlannedImage, started: number): ImageReport | undefined {
  const { opts } = run
  const durationMs = Date.now() - started
  if (p.error !== undefined) return reportError(run, p, p.error, durationMs)
  const d = p.decision!
  if (d.action === 'skip') {
    if (d.record && !opts.dryRun && opts.state) {
      opts.state.set({
        source: p.source,
        sourceDigest: p.sourceDigest!,
        target: p.target,
        digest: d.record,
        options: p.options,
        at: run.plan.now
      })
    }
    const digest = d.record ?? opts.state?.get(p.source, p.sourceDigest!, p.target)?.digest ?? p.targetDigest
    // No look at the target means the cache answered: the summary says "cached", not "up to date".
    const cached = p.targetLooked ? undefined : true
    return run.done(report(p, 'skipped', { digest, durationMs, cached }))
  }
  if (opts.dryRun || !run.engine) return run.done(report(p, 'planned', { durationMs }))
  return undefined
}

async function copyOne(run: RunCtx, p: PlannedImage, started: number): Promise<ImageReport> {
  const { opts } = run
  const registry = p.sourceRef.registry
  // Deferral is decided when a pull would start: what runs already is allowed to finish.
  const rl = opts.client.rateLimit(registry)
  if (run.limits.deferring(registry) || rateLimitExhausted(rl, run.limits.threshold)) {
    run.limits.defer(registry, rl?.remaining)
    return run.done(report(p, 'deferred', { durationMs: Date.now() - started }))
  }
  const refused = run.limits.refused(targetRegistry(p))
  if (refused)
    return run.done(report(p, 'failed', { error: errorMessage(refused), durationMs: Date.now() - started }))
  const hooks = opts.onImageStart?.({ source: p.source, target: p.target }) ?? {}
  // Registries and OCI layouts take concurrent copies (a layout creates itself under its own lock
  // and shares blobs safely between its writers); an archive file or a dir takes one at a time.
  const t = p.targetRef
  const local = destinationCapabilities(t).concurrentCopies ? undefined : singleWriterPath(t)
  const key = local === undefined ? undefined : `${t.transport}:${resolvePath(local)}`
  const open = () => openDestination(t, { client: opts.client })
  const onWarning = (m: string) => {
    run.warnings.push(`${p.source} → ${p.target}: ${m}`)
    hooks.onWarning?.(m)
  }
  try {
    const copy = () => copyImage(p, run.engine!, opts.client, open, { ...hooks, onWarning })
    const result = await run.localLock.run(key, copy)
    opts.state?.set({
      source: p.source,
      sourceDigest: result.sourceDigest,
      target: p.target,
      digest: result.digest,
      options: p.options
    })
    return run.done(
      report(p, 'copied', {
        sourceDigest: result.sourceDigest,
        digest: result.digest,
        bytes: result.bytes,
        digestChanged: result.digestChanged,
        durationMs: Date.now() - started
      })
    )
  } catch (error) {
    return reportError(run, p, error, Date.now() - started)
  }
}

/** The file or folder a single-writer destination writes. */
function singleWriterPath(t: TransportRef): string | undefined {
  if (t.transport === 'dir') return t.dir
  if (t.transport === 'docker-archive') return t.file
  return undefined
}

async function copyImage(
  p: PlannedImage,
  engine: CopyEngine,
  client: RegistryClient,
  openDst: () => Promise<ImageDestination>,
  hooks: CopyHooks
): Promise<CopyResult> {
  const e = p.entry
  // Pinned to the digest we planned with: a tag moving mid-run must not make the report lie.
  const src = await openSource(
    {
      transport: 'docker',
      ref: { registry: p.sourceRef.registry, repository: p.sourceRef.repository, digest: p.sourceDigest }
    },
    { client }
  )
  try {
    const dst = await openDst()
    try {
      return await engine.copy(src, dst, p.targetTag, {
        platforms: e.platforms,
        referrers: e.referrers,
        keepAttestations: e.keepAttestations,
        includeForeignLayers: e.includeForeignLayers,
        convertToDocker: e.convertToDocker,
        // The plan's HEAD of the tag answers the copy's "is it there already?" too.
        knownTargetDigest: p.targetLooked ? (p.targetDigest ?? null) : undefined,
        ...hooks
      })
    } finally {
      await dst.close()
    }
  } finally {
    await src.close()
  }
}
