/**
 * What one sync run shares across its images: the caller's options, the plan context, rate limits,
 * the one CopyEngine, signature verifier and signer, and warnings. Built here so sync.ts reads as the
 * run's steps and run-image.ts as one image's outcome.
 */
import type { MirrorConfig } from '../config/index.js'
import type { RegistryClient } from '../registry/index.js'
import { CopyEngine, type CopyHooks, type CopyOptions } from '../copy/index.js'
import { SignatureVerifier, type MirrorSigner, type SigningSecrets } from '../signatures/index.js'
import type { LockEntry } from './lock.js'
import { KeyedMutex } from './mutex.js'
import type { PlanContext, TagExplanation } from './plan.js'
import { RateLimits } from './ratelimits.js'
import type { ImageReport } from './report.js'
import type { StateStore } from './state.js'

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
export interface RunCtx {
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

/** The run's shared parts; the signer is added by sync() once keys are opened. */
export function createRun(config: MirrorConfig, opts: SyncOptions, concurrency: number): RunCtx {
  return {
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
}

/** Parallel HEADs while planning: twice the copies, at least 8, at most 32. */
export function planConcurrency(copies: number): number {
  return Math.min(32, Math.max(8, copies * 2))
}
