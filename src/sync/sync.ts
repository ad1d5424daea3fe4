/**
 * `sync`: plan every image of a config, then copy what changed with one shared CopyEngine (so blobs
 * are deduplicated and mounted across images), images in parallel, past failures, deferring pulls
 * from a registry whose rate limit runs low.
 */
import type { MirrorConfig } from '../config/index.js'
import type { RegistryClient } from '../registry/index.js'
import { destinationCapabilities, openDestination } from '../transports/index.js'
import { computeTotals, errorMessage, type ImageReport, type SyncReport } from './report.js'
import { CopyEngine, type CopyHooks, type CopyOptions } from '../copy/index.js'
import { copyImage, singleWriterPath } from './copy-image.js'
import { Semaphore } from '../copy/index.js'
import { announcePlan, expandEntries } from './expand.js'
import { lockedExpansion, type LockEntry } from './lock.js'
import { retire } from './retention-run.js'
import {
  planImage,
  rateLimitExhausted,
  type PlanContext,
  type PlannedImage,
  type TagExplanation
} from './plan.js'
import { KeyedMutex } from './mutex.js'
import { held, report } from './outcome.js'
import { RateLimits } from './ratelimits.js'
import type { StateStore } from './state.js'
import {
  createSigner,
  SignatureVerifier,
  type MirrorSigner,
  type SigningSecrets
} from '../signatures/index.js'
import { plannedSignatures, signPolicies, signWritten } from './sign.js'
import { checkSignatures } from './signatures.js'
import { resolve as resolvePath } from 'node:path'

export type { ImageReport, ImageStatus, SyncReport } from './report.js'
export { errorMessage, exitCodeFor } from './report.js'
export { StateStore } from './state.js'

export const DEFAULT_SYNC_CONCURRENCY = 4
/**
 * Pulls left unused per source (`RateLimit-Remaining` below this: no new pull starts). Small, so a
 * run uses most of the quota (Docker Hub's anonymous one is 100 pulls / 6 h) and leaves a couple for
 * whoever else pulls from the same address.
 */
export const DEFAULT_RATE_LIMIT_RESERVE = 2

export interface SyncOptions {
  client: RegistryClient
  state?: StateStore
  dryRun?: boolean
  /** 1-based index. */
  shard?: { index: number; count: number }
  /** Images copied at once (blob concurrency is the engine's). */
  concurrency?: number
  /** Pulls to leave unused per source; default DEFAULT_RATE_LIMIT_RESERVE. */
  rateLimitReserve?: number
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
  /** For tests of cache ageing and min-age; defaults to the current time. */
  now?: Date
  /** `--locked`: mirror exactly these digests; no tag is listed or resolved (lock.ts). */
  locked?: LockEntry[]
  /** Key material and the OIDC token request for `signatures.sign`, from the caller's environment. */
  signing?: SigningSecrets
  /**
   * Dry runs: whether a target registry has no credentials here. Such a registry that refuses the
   * target check is planned unchecked (one warning names it) instead of failing every image.
   */
  targetWithoutCredentials?: (registry: string) => Promise<boolean>
  /** Per entry, as its tags are listed: which filter kept or dropped each tag (`--explain`). */
  onExplain?: (e: TagExplanation) => void
  /** Where `trusted-root: auto` keeps Sigstore's TUF metadata (the action caches this folder). */
  sigstoreCacheDir?: string
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
  /** Present when some entry has a signature policy. */
  verifier?: SignatureVerifier
  /** Present when some entry signs what it writes (not in a dry run). */
  signer?: MirrorSigner
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
      now: opts.now ?? new Date(),
      withoutCredentials: opts.dryRun ? opts.targetWithoutCredentials : undefined,
      unchecked: new Set(),
      explain: opts.onExplain
    },
    limits: new RateLimits(
      opts.rateLimitReserve ?? DEFAULT_RATE_LIMIT_RESERVE,
      Object.fromEntries(Object.entries(config.registries).map(([k, o]) => [k, o.rateLimitReserve]))
    ),
    warnings: [...(opts.state?.warnings ?? [])],
    engine: opts.dryRun
      ? undefined
      : new CopyEngine({ retry: opts.client.retryPolicy, mountHints: opts.state?.blobs, ...opts.engine }),
    localLock: new KeyedMutex(),
    verifier: config.images.some(e => e.signatures)
      ? new SignatureVerifier(opts.client, {
          tufCacheDir: opts.sigstoreCacheDir,
          now: opts.now && (() => opts.now!)
        })
      : undefined,
    done: r => {
      opts.onImageDone?.(r)
      return r
    }
  }
  // Keys are opened before anything is copied: a wrong password stops the run, not image 40 of 50.
  const policies = signPolicies(config.images)
  if (policies.length > 0 && !opts.dryRun)
    run.signer = await createSigner(opts.client, policies, opts.signing ?? { env: () => undefined })

  if (!opts.state && config.images.some(e => e.minAgeDays !== undefined)) {
    run.warnings.push(
      'min-age needs the state (--state FILE) to remember when a digest was first seen; without it ' +
        'every digest not yet at the target waits'
    )
  }
  const locked = opts.locked ? lockedExpansion(config, opts.locked, opts.shard) : undefined
  if (locked) run.warnings.push(...locked.warnings)
  const expansion = locked ?? (await expandEntries(config, run.plan))
  const { items, failures } = expansion
  announcePlan(opts.client, items, run.plan.checkTargets)
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
      const p = await planSlots.run(async () => {
        const planned = await planImage(item, run.plan)
        if (run.verifier)
          await checkSignatures(
            run.verifier,
            planned,
            m => run.warnings.push(m),
            run.opts.state && { state: run.opts.state, now: run.plan.now }
          )
        return planned
      })
      const decided = settle(run, p, started)
      return decided ?? copySlots.run(() => copyOne(run, p, started))
    })
  )

  run.warnings.push(...run.limits.warnings())
  const unchecked = [...run.plan.unchecked!].sort()
  if (unchecked.length > 0)
    run.warnings.push(
      `dry run: no credentials for target registr${unchecked.length > 1 ? 'ies' : 'y'} ${unchecked.join(', ')}, ` +
        'which refused the target check: target checks skipped there (images planned as if the target ' +
        'lacked them; the state file still counts)'
    )
  // Config order: an entry (or tag) that failed before planning sits where the entry is.
  const copies = [...expanded, ...images].sort(
    (a, b) =>
      (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.col ?? 0) - (b.position?.col ?? 0)
  )
  // After the copies: the listing that guards a digest delete then sees every tag this run wrote.
  const pruned = await retire(config, expansion, {
    client: opts.client,
    state: opts.state,
    shard: opts.shard,
    dryRun: opts.dryRun === true,
    checkTargets: run.plan.checkTargets,
    warnings: run.warnings,
    done: run.done
  })
  const all = [...copies, ...pruned]
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

/** Signs what the report says is in the target (when its entry signs), then reports it. */
/**
 * Signs what the report says is in the target (when its entry signs), then reports it. `remember`
 * records the image in the state only once it is signed as well: the next run's cache hit means
 * "there, and signed", and a signature that failed is tried again.
 */
async function signed(
  run: RunCtx,
  p: PlannedImage,
  r: ImageReport,
  remember: () => void = () => {}
): Promise<ImageReport> {
  const out = run.signer ? await signWritten(run.signer, p, r, m => run.warnings.push(m)) : r
  if (out.status !== 'failed') remember()
  return run.done(out)
}

/** The report of an image that needs no copy (failed plan, skip, dry run), or undefined to copy it. */
function settle(
  run: RunCtx,
  p: PlannedImage,
  started: number
): ImageReport | Promise<ImageReport> | undefined {
  const { opts } = run
  const durationMs = Date.now() - started
  if (p.error !== undefined) return reportError(run, p, p.error, durationMs)
  const d = p.decision!
  if (d.action === 'skip') {
    const record = d.record
    const remember = () => {
      if (record && !opts.dryRun && opts.state)
        opts.state.set({
          source: p.source,
          sourceDigest: p.sourceDigest!,
          target: p.target,
          digest: record,
          options: p.options,
          at: run.plan.now
        })
    }
    const digest = d.record ?? opts.state?.get(p.source, p.sourceDigest!, p.target)?.digest ?? p.targetDigest
    // No look at the target means the cache answered: the summary says "cached", not "up to date".
    const cached = p.targetLooked ? undefined : true
    return signed(run, p, report(p, 'skipped', { digest, durationMs, cached }), remember)
  }
  if (d.action === 'hold') return run.done(held(run.plan.state, p, durationMs))
  if (d.action === 'wait') {
    const note = `first seen ${d.firstSeen}; min-age lets it be copied from ${d.eligibleAt}`
    return run.done(report(p, 'waiting', { eligibleAt: d.eligibleAt, note, durationMs }))
  }
  if (opts.dryRun || !run.engine)
    return run.done(report(p, 'planned', { durationMs, plannedSignatures: plannedSignatures(p) }))
  return undefined
}

async function copyOne(run: RunCtx, p: PlannedImage, started: number): Promise<ImageReport> {
  const { opts } = run
  const registry = p.sourceRef.registry
  // Deferral is decided when a pull would start: what runs already is allowed to finish.
  const rl = opts.client.rateLimit(registry)
  if (run.limits.deferring(registry) || rateLimitExhausted(rl, run.limits.reserveFor(registry))) {
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
    const remember = () =>
      opts.state?.set({
        source: p.source,
        sourceDigest: result.sourceDigest,
        target: p.target,
        digest: result.digest,
        options: p.options
      })
    const r = report(p, 'copied', {
      sourceDigest: result.sourceDigest,
      digest: result.digest,
      bytes: result.bytes,
      digestChanged: result.digestChanged,
      durationMs: Date.now() - started
    })
    return await signed(run, p, r, remember)
  } catch (error) {
    return reportError(run, p, error, Date.now() - started)
  }
}
