import type { RequestCounts } from './requests.js'
import type { ToolName } from './tools.js'

export type ScenarioId =
  | 'cold-loopback'
  | 'rerun-loopback'
  | 'rerun-loopback-nostate'
  | 'rerun-loopback-compare'
  | 'rerun-loopback-floor'
  | 'cold-slow'
  | 'rerun-slow'
  | 'rerun-slow-nostate'
  | 'big-layer'
  | 'shared-cold'
  | 'shared-add'

/** What each scenario measures and the target for it (ratio = mirror-action / skopeo). */
export const SCENARIOS: Record<ScenarioId, { title: string; maxRatio?: number }> = {
  'cold-loopback': { title: '1. cold copy, loopback', maxRatio: 0.75 },
  'rerun-loopback': { title: '2. no-change rerun, loopback (mirror-action with --state)', maxRatio: 0.5 },
  'rerun-loopback-nostate': {
    title: '2b. no-change rerun, loopback (mirror-action without state)',
    maxRatio: 0.5
  },
  'rerun-loopback-compare': {
    title: '2c. as 2, mirror-action on the second Node (see Tools; skopeo as in 2)',
    maxRatio: 0.5
  },
  'rerun-loopback-floor': {
    title:
      '2d. floor for 2: bench/floor.ts, a bare Node + undici script sending only the source requests (not mirror-action)'
  },
  'cold-slow': { title: '3. cold copy, slow link', maxRatio: 0.5 },
  'rerun-slow': { title: '3. no-change rerun, slow link (with --state)', maxRatio: 0.5 },
  'rerun-slow-nostate': { title: '3b. no-change rerun, slow link (without state)', maxRatio: 0.5 },
  'big-layer': { title: '4. one image with one big layer, loopback' },
  'shared-cold': { title: '5. shared bases over one uplink, cold', maxRatio: 0.5 },
  'shared-add': { title: '5b. shared bases: one more image on the known base, later run (with --state)' }
}
/** Bytes sent to the target may exceed the catalog's unique bytes by this factor (scenario 5). */
export const BYTES_TARGET = 1.05
// The limit is 150 MB (decimal): 143 MiB, as /usr/bin/time reports KiB.
export const RSS_TARGET_MB = 150
export const RSS_TARGET_MIB = (RSS_TARGET_MB * 1e6) / 2 ** 20

/** One timed tool run. */
export interface RunRecord {
  scenario: ScenarioId
  tool: ToolName
  iteration: number
  seq: number // position in the whole run, to see the A B B A alternation
  code: number
  wallMs: number
  userS?: number
  sysS?: number
  maxRssKiB?: number
  registryCpuS: { source?: number; target?: number } // CPU the two docker-registry processes spent meanwhile
  source: RequestCounts
  target: RequestCounts
  problems: string[] // verification failures or the tail of stderr on a non-zero exit
  summary?: Record<string, number>
  bytesUp?: number // request body bytes through the uplink to the target (scenario 5)
  floorBytes?: number // unique blob bytes the run had to send (scenario 5)
}

export interface ToolStats {
  n: number
  failed: number
  wallMs: number | null // median of successful runs
  minMs: number | null
  maxMs: number | null
  cpuS: number | null // median user+sys
  registryCpuS: number | null // median CPU of source + target registry during the run
  maxRssMiB: number | null // median peak RSS
  source: RequestCounts | null // median of each count
  target: RequestCounts | null
  bytesUp: number | null // median, scenario 5
  floorBytes: number | null
}

export interface ScenarioResult {
  id: ScenarioId
  title: string
  maxRatio?: number
  tools: Record<ToolName, ToolStats>
  ratio: number | null // wall time mirror-action / skopeo
  rssRatio: number | null
  met: boolean | null
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

function medianCounts(list: RequestCounts[]): RequestCounts | null {
  if (list.length === 0) return null
  const out = { ...list[0] }
  for (const k of Object.keys(out) as (keyof RequestCounts)[]) out[k] = median(list.map(c => c[k])) ?? 0
  return out
}

export function toolStats(runs: RunRecord[]): ToolStats {
  const ok = runs.filter(r => r.code === 0 && r.problems.length === 0)
  const walls = ok.map(r => r.wallMs)
  const cpu = ok.filter(r => r.userS !== undefined).map(r => (r.userS ?? 0) + (r.sysS ?? 0))
  const reg = ok
    .filter(r => r.registryCpuS.target !== undefined)
    .map(r => (r.registryCpuS.source ?? 0) + (r.registryCpuS.target ?? 0))
  const rss = ok.filter(r => r.maxRssKiB !== undefined).map(r => (r.maxRssKiB ?? 0) / 1024)
  return {
    n: runs.length,
    failed: runs.length - ok.length,
    wallMs: median(walls),
    minMs: walls.length ? Math.min(...walls) : null,
    maxMs: walls.length ? Math.max(...walls) : null,
    cpuS: median(cpu),
    registryCpuS: median(reg),
    maxRssMiB: median(rss),
    source: medianCounts(ok.map(r => r.source)),
    target: medianCounts(ok.map(r => r.target)),
    bytesUp: median(ok.flatMap(r => (r.bytesUp === undefined ? [] : [r.bytesUp]))),
    floorBytes: median(ok.flatMap(r => (r.floorBytes === undefined ? [] : [r.floorBytes])))
  }
}

const ratioOf = (a: number | null, b: number | null): number | null => (a !== null && b ? a / b : null)

export function summarise(runs: RunRecord[]): ScenarioResult[] {
  const out: ScenarioResult[] = []
  for (const id of Object.keys(SCENARIOS) as ScenarioId[]) {
    const mine = runs.filter(r => r.scenario === id)
    if (mine.length === 0) continue
    const ma = toolStats(mine.filter(r => r.tool === 'mirror-action'))
    // 2c and 2d time one program alone (mirror-action on another Node, the floor); skopeo is 2's.
    const alone = id === 'rerun-loopback-compare' || id === 'rerun-loopback-floor'
    const skRuns = alone ? runs.filter(r => r.scenario === 'rerun-loopback') : mine
    const sk = toolStats(skRuns.filter(r => r.tool === 'skopeo'))
    const ratio = ratioOf(ma.wallMs, sk.wallMs)
    const { title, maxRatio } = SCENARIOS[id]
    let met: boolean | null = maxRatio !== undefined && ratio !== null ? ratio <= maxRatio : null
    if (id === 'big-layer') met = ma.maxRssMiB === null ? null : ma.maxRssMiB <= RSS_TARGET_MIB
    // The promise for reruns: Docker Hub's pull budget stays untouched.
    if (id.startsWith('rerun') && ma.source && ma.source.manifestGet + ma.source.manifestGetMissing > 0)
      met = false
    // Scenario 5 is about bytes first: each blob crosses the uplink once.
    if (id.startsWith('shared') && ma.bytesUp !== null && ma.floorBytes !== null) {
      const within = ma.bytesUp <= BYTES_TARGET * ma.floorBytes
      met = id === 'shared-add' ? within : within && met !== false
    }
    out.push({
      id,
      title,
      maxRatio,
      tools: { 'mirror-action': ma, skopeo: sk },
      ratio,
      rssRatio: ratioOf(ma.maxRssMiB, sk.maxRssMiB),
      met
    })
  }
  return out
}
