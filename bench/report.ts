import { readFile, writeFile } from 'node:fs/promises'
import {
  BYTES_TARGET,
  RSS_TARGET_MB,
  RSS_TARGET_MIB,
  type RunRecord,
  type ScenarioResult
} from './results.js'
import type { RequestCounts } from './requests.js'

export interface Machine {
  cpus: number
  cpuModel: string
  memoryGiB: number
  os: string
  node: string
  skopeo: string
  registry: string
  mirrorAction: string
  mirrorActionCompare?: string // scenario 2c: the same bundle on a second Node
  loadAvg: { start: number[]; end?: number[] } // other work on the machine skews wall times
  code?: string // git commit of the measured src/, '+ local changes' when the tree differs
}

export interface BenchReport {
  startedAt: string
  durationS: number
  command: string
  machine: Machine
  setup: Record<string, unknown>
  scenarios: ScenarioResult[]
  runs: RunRecord[]
}

const s = (ms: number | null): string =>
  ms === null ? 'n/a' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`
const f = (x: number | null, d = 2): string => (x === null ? 'n/a' : x.toFixed(d))
const met = (m: boolean | null): string => (m === null ? '–' : m ? 'yes' : '**no**')

function targetText(r: ScenarioResult): string {
  const parts: string[] = []
  if (r.maxRatio !== undefined) parts.push(`≤ ${r.maxRatio}`)
  if (r.id.startsWith('rerun')) parts.push('0 source manifest GETs')
  if (r.id === 'big-layer') parts.push(`RSS ≤ ${RSS_TARGET_MB} MB (${RSS_TARGET_MIB.toFixed(0)} MiB)`)
  if (r.id.startsWith('shared')) parts.push(`bytes sent ≤ ${BYTES_TARGET} × unique`)
  return parts.join(', ') || '–'
}

const failNote = (n: number): string => (n ? ` (${n} failed)` : '')

export function markdown(rep: BenchReport): string {
  const m = rep.machine
  const out: string[] = []
  out.push(`Run ${rep.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${rep.durationS.toFixed(0)} s in all.`)
  out.push('')
  const load = (l?: number[]): string => (l ? l.map(x => x.toFixed(2)).join(' ') : 'n/a')
  out.push(`- Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB.toFixed(1)} GiB RAM, ${m.os}`)
  out.push(`- Load average (1, 5, 15 min) at start: ${load(m.loadAvg.start)}; at end: ${load(m.loadAvg.end)}`)
  out.push(
    `- Tools: mirror-action ${m.mirrorAction}${m.code ? ` at ${m.code}` : ''}` +
      `${m.mirrorActionCompare ? ` and, for 2c, ${m.mirrorActionCompare}` : ''}; skopeo ${m.skopeo}; registry ${m.registry}`
  )
  out.push(`- Command: \`${rep.command}\``)
  const st = rep.setup
  out.push(`- Catalog: ${st.catalog}; slow link: ${st.slowLink}; big image: ${st.big}`)
  out.push(
    `- ${st.iterations} run(s) per tool for scenarios 1-2, ${st.slowIterations ?? st.iterations} for 3, tools alternating A B B A, each into a fresh target registry`
  )
  out.push('')
  out.push(
    '| Scenario | mirror-action | skopeo | ratio | target | met | CPU mirror-action (registries) | CPU skopeo (registries) |'
  )
  out.push('|---|---:|---:|---:|---|:-:|---:|---:|')
  const cpu = (t: { cpuS: number | null; registryCpuS: number | null }): string =>
    `${f(t.cpuS)} s (${f(t.registryCpuS)} s)`
  for (const r of rep.scenarios) {
    const a = r.tools['mirror-action']
    const b = r.tools.skopeo
    out.push(
      `| ${r.title} | ${s(a.wallMs)}${failNote(a.failed)} | ${s(b.wallMs)}${failNote(b.failed)} | ${f(r.ratio)} | ${targetText(r)} | ${met(r.met)} | ${cpu(a)} | ${cpu(b)} |`
    )
  }
  out.push('')
  out.push('Peak RSS (median, MiB, from `/usr/bin/time -v`):')
  out.push('')
  out.push('| Scenario | mirror-action | skopeo |')
  out.push('|---|---:|---:|')
  for (const r of rep.scenarios) {
    out.push(
      `| ${r.title} | ${f(r.tools['mirror-action'].maxRssMiB, 0)} | ${f(r.tools.skopeo.maxRssMiB, 0)} |`
    )
  }
  out.push('')
  out.push("Requests per run (median), from the registries' access logs:")
  out.push('')
  out.push(
    '| Scenario | tool | source manifest GET | … answered 404 | source manifest HEAD | source blob GET | source tag lists | source referrers | source total | target manifest GET | target HEAD | target blob uploads | target mounts | target manifest PUT | target total |'
  )
  out.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of rep.scenarios) {
    for (const tool of ['mirror-action', 'skopeo'] as const) {
      const src = r.tools[tool].source
      const tgt = r.tools[tool].target
      if (!src || !tgt) continue
      out.push(
        `| ${r.title} | ${tool} | ${src.manifestGet} | ${src.manifestGetMissing} | ${src.manifestHead} | ${src.blobGet} | ${src.tagList} | ${src.referrers} | ${src.total} | ${tgt.manifestGet + tgt.manifestGetMissing} | ${heads(tgt)} | ${tgt.blobUploads} | ${tgt.mounts} | ${tgt.manifestPut} | ${tgt.total} |`
      )
    }
  }
  const shared = rep.scenarios.filter(r => r.id.startsWith('shared'))
  if (shared.length) {
    out.push('')
    out.push(`Scenario 5: ${String(rep.setup.shared)}. Bytes sent to the target (median), from the proxy:`)
    out.push('')
    out.push('| Scenario | tool | bytes sent | unique bytes | ratio | uploads | mounts |')
    out.push('|---|---|---:|---:|---:|---:|---:|')
    for (const r of shared) {
      for (const tool of ['mirror-action', 'skopeo'] as const) {
        const t = r.tools[tool]
        if (t.bytesUp === null || t.floorBytes === null || !t.target) continue
        const MiB = 2 ** 20
        out.push(
          `| ${r.title} | ${tool} | ${(t.bytesUp / MiB).toFixed(1)} MiB | ${(t.floorBytes / MiB).toFixed(1)} MiB | ${f(t.floorBytes ? t.bytesUp / t.floorBytes : null)} | ${t.target.blobUploads} | ${t.target.mounts} |`
        )
      }
    }
  }
  return out.join('\n') + '\n'
}

const heads = (c: RequestCounts): number => c.manifestHead + c.blobHead

/** Console summary: one line per scenario. */
export function consoleTable(scenarios: ScenarioResult[]): string {
  const rows = scenarios.map(r => {
    const a = r.tools['mirror-action']
    const b = r.tools.skopeo
    const rss = r.id === 'big-layer' ? `  RSS ${f(a.maxRssMiB, 0)} / ${f(b.maxRssMiB, 0)} MiB` : ''
    return `${r.title.padEnd(62)} ${s(a.wallMs).padStart(9)} ${s(b.wallMs).padStart(9)}  ratio ${f(r.ratio)}  ${met(r.met).replace(/\*/g, '')}${rss}`
  })
  return (
    [`${'scenario'.padEnd(62)} ${'mirror'.padStart(9)} ${'skopeo'.padStart(9)}`, ...rows].join('\n') + '\n'
  )
}

const START = '<!-- bench:start -->'
const END = '<!-- bench:end -->'

/** Replaces the generated section of BENCHMARKS.md, leaving the hand-written analysis alone. */
export async function updateBenchmarksMd(file: string, section: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => `# Benchmarks\n\n${START}\n${END}\n`)
  const i = text.indexOf(START)
  const j = text.indexOf(END)
  if (i < 0 || j < i) throw new Error(`${file}: markers ${START} … ${END} not found`)
  await writeFile(file, `${text.slice(0, i + START.length)}\n${section}${text.slice(j)}`)
}
