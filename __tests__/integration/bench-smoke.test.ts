// Keeps `npm run bench` working: a tiny catalog, one iteration, every scenario. No timing assertions.
import { describe, expect, test, beforeAll, afterAll } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const SCENARIOS = [
  'cold-loopback',
  'rerun-loopback',
  'rerun-loopback-nostate',
  'rerun-loopback-compare',
  'rerun-loopback-floor',
  'cold-slow',
  'rerun-slow',
  'rerun-slow-nostate',
  'big-layer',
  'shared-cold',
  'shared-add'
]
const TOOLS = ['mirror-action', 'skopeo']

interface ToolStats {
  n: number
  failed: number
  wallMs: number | null
  maxRssMiB: number | null
  source: Record<string, number> | null
  target: Record<string, number> | null
  bytesUp: number | null
  floorBytes: number | null
}
interface Report {
  scenarios: { id: string; ratio: number | null; tools: Record<string, ToolStats> }[]
  runs: { scenario: string; tool: string; seq: number; problems: string[] }[]
}

let out: string
let report: Report
let exitCode: number
let stderr: string

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'bench-smoke-'))
  const args = [
    '--import',
    './scripts/ts-loader.mjs',
    'bench/run.ts',
    '--tiny',
    '--iterations',
    '1',
    '--compare-node',
    'current',
    '--out',
    out
  ]
  ;({ exitCode, stderr } = await new Promise<{ exitCode: number; stderr: string }>(resolve => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, se) => {
      resolve({ exitCode: err ? ((err as { code?: number }).code ?? 1) : 0, stderr: se })
    })
  }))
  const text = await readFile(join(out, 'results.json'), 'utf8').catch(() => {
    throw new Error(`the bench wrote no results.json (exit ${exitCode}):\n${stderr.slice(-3000)}`)
  })
  report = JSON.parse(text) as Report
}, 600_000)

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true })
})

describe('npm run bench -- --tiny', () => {
  test('exits 0 with every run verified', () => {
    const failed = report.runs.filter(r => r.problems.length > 0)
    expect({ exitCode, failed, stderrTail: exitCode ? stderr.slice(-2000) : '' }).toEqual({
      exitCode: 0,
      failed: [],
      stderrTail: ''
    })
  })

  test.each(SCENARIOS.flatMap(s => TOOLS.map(t => [s, t])))('%s has numbers for %s', (scenario, tool) => {
    const r = report.scenarios.find(x => x.id === scenario)
    expect(r).toBeDefined()
    const stats = r!.tools[tool]
    expect(stats.n).toBeGreaterThan(0)
    expect(stats.failed).toBe(0)
    expect(typeof stats.wallMs).toBe('number')
    expect(stats.wallMs).toBeGreaterThan(0)
    expect(typeof stats.maxRssMiB).toBe('number')
    // Every sync reads the source; a rerun with state may rightly leave the target alone.
    expect(stats.source!.total).toBeGreaterThan(0)
    expect(typeof stats.target!.total).toBe('number')
    if (!scenario.startsWith('rerun')) expect(stats.target!.total).toBeGreaterThan(0)
    expect(typeof r!.ratio).toBe('number')
  })

  test('runs each tool once per scenario, A before B in the first iteration', () => {
    const cold = report.runs.filter(r => r.scenario === 'cold-loopback').map(r => r.tool)
    expect(cold).toEqual(['mirror-action', 'skopeo'])
    const big = report.runs.filter(r => r.scenario === 'big-layer').map(r => r.tool)
    expect(big).toEqual(['mirror-action', 'skopeo'])
  })

  test('cold copies upload blobs; no-change reruns with state read no source manifest', () => {
    const byId = Object.fromEntries(report.scenarios.map(s => [s.id, s.tools]))
    expect(byId['cold-loopback']['mirror-action'].target!.blobUploads).toBeGreaterThan(0)
    expect(byId['cold-loopback'].skopeo.target!.blobUploads).toBeGreaterThan(0)
    expect(byId['rerun-loopback']['mirror-action'].source!.manifestGet).toBe(0)
    expect(byId['rerun-loopback-compare']['mirror-action'].source!.manifestGet).toBe(0)
    expect(byId['rerun-slow']['mirror-action'].source!.manifestGet).toBe(0)
  })

  test('shared bases: bytes sent are counted, and the base crosses once (mounted elsewhere)', () => {
    const byId = Object.fromEntries(report.scenarios.map(s => [s.id, s.tools]))
    for (const id of ['shared-cold', 'shared-add']) {
      const ma = byId[id]['mirror-action']
      expect(ma.floorBytes).toBeGreaterThan(0)
      expect(ma.bytesUp).toBeGreaterThanOrEqual(ma.floorBytes!)
      expect(ma.bytesUp).toBeLessThanOrEqual(1.05 * ma.floorBytes!)
      expect(ma.target!.mounts).toBeGreaterThan(0)
    }
  })
})
