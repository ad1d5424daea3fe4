import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  startRegistry,
  startSlowProxy,
  type AccessLogEntry,
  type ProxyHandle,
  type StartedRegistry
} from '../__tests__/harness/index.js'
import { verifyTarget, type CatalogRepo } from './catalog.js'
import { cpuSeconds, registryPid } from './procstat.js'
import { countRequests } from './requests.js'
import type { RunRecord, ScenarioId } from './results.js'
import type { SyncJob, Tool } from './tools.js'

export interface BenchContext {
  tools: Tool[] // [mirror-action, skopeo]
  compare?: Tool // mirror-action on a second Node: the loopback rerun with state only (2c)
  floor?: Tool // bench/floor.ts, the same source requests and nothing else (2d)
  source: StartedRegistry
  sourcePid?: number // its docker-registry process, for CPU accounting
  workDir: string
  runs: RunRecord[]
  log(line: string): void
}

/** A B, then B A, then A B …: neither tool always runs on a warmer machine. */
export function orderFor<T>(iteration: number, tools: T[]): T[] {
  return iteration % 2 === 0 ? [...tools] : [...tools].reverse()
}

/**
 * Times one sync. Both registries' access logs are cleared before and read right after, so the
 * counts are this run's alone; verification runs after the counts are taken.
 */
export async function timedSync(
  ctx: BenchContext,
  tool: Tool,
  scenario: ScenarioId,
  iteration: number,
  job: SyncJob,
  target: StartedRegistry,
  expect: CatalogRepo[]
): Promise<RunRecord> {
  await Promise.all([ctx.source.clearAccessLog(), target.clearAccessLog()])
  const targetPid = await registryPid(target)
  const before = await Promise.all([cpuSeconds(ctx.sourcePid), cpuSeconds(targetPid)])
  const out = await tool.sync(job)
  const after = await Promise.all([cpuSeconds(ctx.sourcePid), cpuSeconds(targetPid)])
  const delta = (i: number): number | undefined =>
    before[i] !== undefined && after[i] !== undefined ? after[i]! - before[i]! : undefined
  const [srcLog, tgtLog] = await Promise.all([ctx.source.accessLog(), target.accessLog()])
  const lines = (side: string, log: AccessLogEntry[]): string =>
    log.map(e => `${side} ${e.method} ${e.path} ${e.status}\n`).join('')
  await writeFile(
    join(job.workDir, `${job.label}.${tool.name}.requests.txt`),
    lines('source', srcLog) + lines('target', tgtLog)
  )
  const problems: string[] = []
  if (out.code !== 0) problems.push(`exit ${out.code}: ${out.stderr.trim().slice(-600)}`)
  else problems.push(...(await verifyTarget(target.url, expect)))
  const rec: RunRecord = {
    scenario,
    tool: tool.name,
    iteration,
    seq: ctx.runs.length + 1,
    code: out.code,
    wallMs: out.wallMs,
    userS: out.userS,
    sysS: out.sysS,
    maxRssKiB: out.maxRssKiB,
    registryCpuS: { source: delta(0), target: delta(1) },
    source: countRequests(srcLog),
    target: countRequests(tgtLog),
    problems,
    summary: out.summary
  }
  ctx.runs.push(rec)
  const rss = out.maxRssKiB ? ` rss ${(out.maxRssKiB / 1024).toFixed(0)} MiB` : ''
  const reg =
    rec.registryCpuS.target !== undefined
      ? ` (registries ${((rec.registryCpuS.source ?? 0) + rec.registryCpuS.target).toFixed(2)} s)`
      : ''
  const cpu = out.userS !== undefined ? ` cpu ${((out.userS ?? 0) + (out.sysS ?? 0)).toFixed(2)} s${reg}` : ''
  const status = problems.length ? `FAILED ${problems[0]}` : 'ok'
  ctx.log(
    `  #${rec.seq} ${scenario} ${tool.name} it${iteration}: ${(out.wallMs / 1000).toFixed(2)} s${cpu}${rss}` +
      ` src GET ${rec.source.manifestGet} tgt uploads ${rec.target.blobUploads} ${status}`
  )
  return rec
}

export interface SlowLink {
  delayMs: number
  bytesPerSecond: number
  proxy: 'bench' | 'harness' // bench: uploads capped too; harness: downloads only
}

async function withTarget<T>(
  slow: SlowLink | undefined,
  fn: (reg: StartedRegistry, host: string) => Promise<T>
): Promise<T> {
  const reg = await startRegistry({ mode: 'anonymous' })
  let proxy: ProxyHandle | undefined
  try {
    if (slow) proxy = await startSlowProxy(reg.url, { ...slow, uploads: slow.proxy === 'bench' })
    return await fn(reg, proxy?.host ?? reg.host)
  } finally {
    await proxy?.stop()
    await reg.stop()
  }
}

/**
 * Scenarios 1–3: per iteration and tool, a fresh target registry (behind the slow proxy for 3),
 * a cold sync, then a no-change rerun with the state file of the cold run (what the action does
 * with its cache) and one without.
 */
export async function coldAndReruns(
  ctx: BenchContext,
  repos: CatalogRepo[],
  o: { iterations: number; slow?: SlowLink }
): Promise<void> {
  const kind = o.slow ? 'slow' : 'loopback'
  for (let it = 0; it < o.iterations; it++) {
    for (const tool of orderFor(it, ctx.tools)) {
      await withTarget(o.slow, async (reg, host) => {
        const base = { source: ctx.source.host, target: host, repos, workDir: ctx.workDir }
        const state = join(ctx.workDir, `${kind}-${it}-${tool.name}.state.json`)
        const cold = await timedSync(
          ctx,
          tool,
          `cold-${kind}`,
          it,
          { ...base, label: `${kind}-cold-${it}`, state },
          reg,
          repos
        )
        if (cold.problems.length) return // a rerun of a failed copy measures nothing
        const rerun = `rerun-${kind}` as const
        const withState = (): Promise<RunRecord> =>
          timedSync(ctx, tool, rerun, it, { ...base, label: `${kind}-rerun-${it}`, state }, reg, repos)
        const without = (): Promise<RunRecord> =>
          timedSync(
            ctx,
            tool,
            `${rerun}-nostate`,
            it,
            { ...base, label: `${kind}-rerun-nostate-${it}` },
            reg,
            repos
          )
        const reruns = [withState, without]
        // 2c and 2d, on loopback only: the rerun with state by mirror-action on a second Node, and
        // the floor script (which needs no state).
        const extra: [Tool | undefined, 'compare' | 'floor', string | undefined][] = [
          [ctx.compare, 'compare', state],
          [ctx.floor, 'floor', undefined]
        ]
        for (const [other, suffix, st] of extra) {
          if (!other || o.slow || tool.name !== 'mirror-action') continue
          const job = { ...base, label: `${kind}-rerun-${suffix}-${it}`, state: st }
          reruns.push(() => timedSync(ctx, other, `${rerun}-${suffix}` as ScenarioId, it, job, reg, repos))
        }
        // Alternate which rerun follows the cold copy right away, as the tools alternate.
        for (const r of orderFor(it, reruns)) await r()
      })
    }
  }
}

/** Scenario 4: the big single-layer image, cold, into a fresh loopback registry per run. */
export async function bigLayer(ctx: BenchContext, big: CatalogRepo, iterations: number): Promise<void> {
  for (let it = 0; it < iterations; it++) {
    for (const tool of orderFor(it, ctx.tools)) {
      await withTarget(undefined, async (reg, host) => {
        const job = {
          source: ctx.source.host,
          target: host,
          repos: [big],
          workDir: ctx.workDir,
          label: `big-${it}`
        }
        await timedSync(
          ctx,
          tool,
          'big-layer',
          it,
          { ...job, state: join(ctx.workDir, `big-${it}.state.json`) },
          reg,
          [big]
        )
      })
    }
  }
}
