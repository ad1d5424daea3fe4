/**
 * Summarises a `node --cpu-prof` profile (as `npm run bench -- --profile` writes them): self time
 * per function and per source file of the bundle, so "where does a no-change rerun spend its CPU"
 * has an answer without opening DevTools.
 *
 *   node --import ./scripts/ts-loader.mjs bench/profile.ts FILE.cpuprofile [--top 25]
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileSummary {
  totalMs: number
  byFunction: { name: string; ms: number }[]
  byFile: { file: string; ms: number }[]
}

export function summariseProfile(p: Profile, top = 25): ProfileSummary {
  const byId = new Map(p.nodes.map(n => [n.id, n]))
  const self = new Map<number, number>()
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000
    self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + dt)
  }
  const fn = new Map<string, number>()
  const file = new Map<string, number>()
  for (const [id, ms] of self) {
    const n = byId.get(id)
    if (!n) continue
    const url = n.callFrame.url.replace(/^file:\/\/.*\//, '') || '(native)'
    const key = `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`
    fn.set(key, (fn.get(key) ?? 0) + ms)
    file.set(url, (file.get(url) ?? 0) + ms)
  }
  const sorted = (m: Map<string, number>): [string, number][] =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
  return {
    totalMs: (p.endTime - p.startTime) / 1000,
    byFunction: sorted(fn).map(([name, ms]) => ({ name, ms })),
    byFile: sorted(file).map(([f, ms]) => ({ file: f, ms }))
  }
}

if (process.argv[1]?.endsWith('profile.ts')) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' } }
  })
  for (const f of positionals) {
    const s = summariseProfile(JSON.parse(await readFile(f, 'utf8')) as Profile, Number(values.top))
    process.stdout.write(`${f}: ${s.totalMs.toFixed(0)} ms profiled\n  self time by function:\n`)
    for (const x of s.byFunction) process.stdout.write(`  ${x.ms.toFixed(1).padStart(8)} ms  ${x.name}\n`)
    process.stdout.write('  self time by file:\n')
    for (const x of s.byFile) process.stdout.write(`  ${x.ms.toFixed(1).padStart(8)} ms  ${x.file}\n`)
  }
}
