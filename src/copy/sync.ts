/**
 * `sync`: plan every image of a config, then copy what changed with one shared CopyEngine (so blobs
 * are deduplicated and mounted across images), images in parallel, past failures, deferring pulls
 * from a registry whose rate limit runs low.
 */
import type { MirrorConfig } from '../config/types.js'
import { redactText } from '../registry/errors.js'
import type { RegistryClient } from '../registry/client.js'
import { openDestination, openSource, type TransportRef } from '../transports/index.js'
import { computeTotals, type ImageReport, type ImageStatus, type SyncReport } from '../report/json.js'
import { CopyEngine, type CopyOptions, type CopyResult } from './engine.js'
import {
  expandEntries,
  isRateLimitError,
  mapLimit,
  planImage,
  rateLimitExhausted,
  type PlanContext,
  type PlannedImage
} from './plan.js'
import type { StateStore } from './state.js'
import type { ImageDestination } from './types.js'
import { resolve as resolvePath } from 'node:path'

export type { ImageReport, ImageStatus, SyncReport } from '../report/json.js'
export { exitCodeFor, writeJsonReport } from '../report/json.js'
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
  onImageStart?(e: { source: string; target: string }): void
  onImageDone?(r: ImageReport): void
  engine?: Partial<CopyOptions>
  /** For tests of cache ageing; defaults to the current time. */
  now?: Date
}

/** Error text safe to print: URLs redacted, credentials in headers or userinfo masked, length capped. */
export function errorMessage(error: unknown): string {
  const parts: string[] = []
  for (let e: unknown = error; e !== undefined && parts.length < 4; e = (e as { cause?: unknown }).cause) {
    const msg = e instanceof Error ? e.message : String(e)
    if (msg && !parts.some(p => p.includes(msg))) parts.push(msg)
    if (!(e instanceof Error)) break
  }
  const text = redactText(parts.join(': ') || 'unknown error')
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 REDACTED')
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1REDACTED@')
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text
}

/** Serialises work per key: two images written into one archive file or dir would clobber each other. */
class KeyedMutex {
  private tails = new Map<string, Promise<void>>()
  async run<T>(key: string | undefined, fn: () => Promise<T>): Promise<T> {
    if (key === undefined) return fn()
    const prev = this.tails.get(key) ?? Promise.resolve()
    let done!: () => void
    const mine = new Promise<void>(r => (done = r))
    this.tails.set(
      key,
      prev.then(() => mine)
    )
    await prev
    try {
      return await fn()
    } finally {
      done()
      if (this.tails.get(key) === mine) this.tails.delete(key)
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

export async function sync(config: MirrorConfig, opts: SyncOptions): Promise<SyncReport> {
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_SYNC_CONCURRENCY)
  const threshold = opts.rateLimitThreshold ?? DEFAULT_RATE_LIMIT_THRESHOLD
  const warnings: string[] = [...(opts.state?.warnings ?? [])]
  const ctx: PlanContext = {
    client: opts.client,
    state: opts.state,
    checkTargets: opts.checkTargets ?? true,
    shard: opts.shard,
    // HEADs are cheap and small: plan wider than we copy.
    concurrency: concurrency * 2,
    now: opts.now ?? new Date()
  }
  const done = (r: ImageReport): ImageReport => {
    opts.onImageDone?.(r)
    return r
  }

  const { items, failures } = await expandEntries(config, ctx)
  const listing: ImageReport[] = failures.map(({ entry, error }) =>
    done({
      source: entry.source,
      target: entry.target,
      status: 'failed',
      bytes: 0,
      durationMs: 0,
      error: `cannot list tags: ${errorMessage(error)}`,
      position: entry.position
    })
  )

  const deferredBy = new Map<string, { count: number; remaining?: number }>()
  const defer = (registry: string, remaining?: number) => {
    const d = deferredBy.get(registry) ?? { count: 0, remaining }
    d.count++
    deferredBy.set(registry, d)
  }
  const engine = opts.dryRun ? undefined : new CopyEngine(opts.engine)
  const layoutLock = new KeyedMutex()

  const images = await mapLimit(items, concurrency, async item => {
    const started = Date.now()
    const p = await planImage(item, ctx)
    const registry = item.sourceRef.registry
    if (p.error !== undefined) {
      if (isRateLimitError(p.error)) {
        defer(registry)
        return done(report(p, 'deferred', { error: errorMessage(p.error) }))
      }
      return done(report(p, 'failed', { error: errorMessage(p.error), durationMs: Date.now() - started }))
    }
    const d = p.decision!
    if (d.action === 'skip') {
      if (d.record && !opts.dryRun && opts.state) {
        opts.state.set({
          source: p.source,
          sourceDigest: p.sourceDigest!,
          target: p.target,
          digest: d.record,
          options: p.options
        })
      }
      const digest =
        d.record ?? opts.state?.get(p.source, p.sourceDigest!, p.target)?.digest ?? p.targetDigest
      return done(report(p, 'skipped', { digest }))
    }
    if (opts.dryRun || !engine) return done(report(p, 'planned'))

    // Deferral is decided when a pull would start: what runs already is allowed to finish.
    const rl = opts.client.rateLimit(registry)
    if (deferredBy.has(registry) || rateLimitExhausted(rl, threshold)) {
      defer(registry, rl?.remaining)
      return done(report(p, 'deferred'))
    }
    opts.onImageStart?.({ source: p.source, target: p.target })
    // Registries and OCI layouts take parallel writers (though a new layout must be created once);
    // one archive file or dir does not.
    const t = p.targetRef
    const local = localPath(t)
    const key = local === undefined ? undefined : `${t.transport}:${resolvePath(local)}`
    const openDst = () => openDestination(t, { client: opts.client })
    const open = () => (t.transport === 'oci' ? layoutLock.run(key, openDst) : openDst())
    const onWarning = (m: string) => {
      warnings.push(`${p.source} → ${p.target}: ${m}`)
      opts.engine?.onWarning?.(m)
    }
    try {
      const run = () => copyImage(p, engine, opts.client, open, onWarning)
      const result = await (t.transport === 'oci' ? run() : layoutLock.run(key, run))
      if (opts.state) {
        opts.state.set({
          source: p.source,
          sourceDigest: result.sourceDigest,
          target: p.target,
          digest: result.digest,
          options: p.options
        })
      }
      return done(
        report(p, 'copied', {
          sourceDigest: result.sourceDigest,
          digest: result.digest,
          bytes: result.bytes,
          digestChanged: result.digestChanged,
          durationMs: Date.now() - started
        })
      )
    } catch (error) {
      if (isRateLimitError(error)) {
        defer(registry)
        return done(report(p, 'deferred', { error: errorMessage(error) }))
      }
      return done(report(p, 'failed', { error: errorMessage(error), durationMs: Date.now() - started }))
    }
  })

  for (const [registry, d] of deferredBy) {
    const why =
      d.remaining !== undefined ? `RateLimit-Remaining ${d.remaining} is below ${threshold}` : 'rate limited'
    warnings.push(`${registry}: ${why}; ${d.count} image(s) deferred to a later run`)
  }
  const all = [...listing, ...images]
  return { images: all, totals: computeTotals(all), warnings }
}

function localPath(t: TransportRef): string | undefined {
  if (t.transport === 'oci' || t.transport === 'dir') return t.dir
  if (t.transport === 'docker-archive') return t.file
  return undefined
}

async function copyImage(
  p: PlannedImage,
  engine: CopyEngine,
  client: RegistryClient,
  openDst: () => Promise<ImageDestination>,
  onWarning: (m: string) => void
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
        onWarning
      })
    } finally {
      await dst.close()
    }
  } finally {
    await src.close()
  }
}
