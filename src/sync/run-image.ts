/**
 * One planned image's outcome within a run: the report of an image that needs no copy (settle), or
 * its copy under the rate limits and local-target lock (copyOne), signed when its entry signs.
 */
import { destinationCapabilities, openDestination } from '../transports/index.js'
import { errorMessage, type ImageReport } from './report.js'
import { copyImage, singleWriterPath } from './copy-image.js'
import type { PlannedImage } from './plan.js'
import { held, report } from './outcome.js'
import { rateLimitExhausted } from './ratelimits.js'
import type { RunCtx } from './run-context.js'
import { plannedSignatures, signWritten } from './sign.js'
import { resolve as resolvePath } from 'node:path'

function targetRegistry(p: PlannedImage): string | undefined {
  return p.targetRef.transport === 'docker' ? p.targetRef.ref.registry : undefined
}

/** A failed image's report; a 429 makes it deferred (source) or a refusal naming the target. */
function reportError(run: RunCtx, p: PlannedImage, error: unknown, durationMs: number): ImageReport {
  const o = run.limits.classify(error, p.sourceRef.registry, targetRegistry(p))
  return run.done(report(p, o?.status ?? 'failed', { error: errorMessage(o?.error ?? error), durationMs }))
}

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
export function settle(
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
export async function copyOne(run: RunCtx, p: PlannedImage, started: number): Promise<ImageReport> {
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
