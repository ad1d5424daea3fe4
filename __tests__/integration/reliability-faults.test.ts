/**
 * Faults: a seeded fault-injecting proxy in front of the real source registry and another in front
 * of the real destination (resets before and during bodies, 500/502/503, 429 with and without
 * Retry-After, truncation, stalls, trickles on ~18% of requests). A sync of several multi-platform
 * images must end, after at most one rerun, with every target complete and byte-identical to its
 * source, and each run's report must be honest: what it calls copied is complete, and anything
 * incomplete is reported failed (exit code 1).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CredentialStore } from '../../src/auth/index.js'
import { parseConfig } from '../../src/config/index.js'
import { exitCodeFor, sync, type SyncReport } from '../../src/sync/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import {
  buildImage,
  FAULT_KINDS,
  pushImage,
  startFaultProxy,
  startRegistry,
  type BuiltImage,
  type FaultProxy,
  type StartedRegistry
} from '../harness/index.js'
import { checkTag } from './reliability-helpers.js'

const RATE = 0.18
const SEEDS = { source: 0x5eed01, destination: 0x5eed02 }
/**
 * With only 2 attempts per request this may defeat some images (seed 11: 1 to 3 of 5 failed in 9 runs),
 * or none: faults follow the order requests arrive, so a change in what a sync asks re-picks them.
 * The test holds either way; it checks what a run may not do, not how many images it loses.
 */
const HARSH_RATE = 0.15
const HARSH_SEED = 11

/** Source repo:tag → the image pushed there; the target is `mirror/<repo>:<tag>`. */
const IMAGES: [string, string, BuiltImage][] = [
  [
    'lib/alpha',
    '1.0',
    buildImage({
      seed: 'rel-alpha',
      platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
      attestations: true,
      layerSizes: [20_000, 150_000],
      sharedBaseSeed: 'rel-base'
    })
  ],
  [
    'lib/bravo',
    '2.1',
    buildImage({
      seed: 'rel-bravo',
      format: 'docker',
      platforms: ['linux/amd64', 'linux/arm64'],
      layerSizes: [20_000, 90_000],
      sharedBaseSeed: 'rel-base'
    })
  ],
  [
    'lib/charlie',
    '3',
    buildImage({ seed: 'rel-charlie', platforms: ['linux/amd64', 'linux/s390x'], layerSizes: [300_000] })
  ],
  ['lib/delta', '1.0', buildImage({ seed: 'rel-delta-1.0', platforms: ['linux/amd64', 'linux/arm64'] })],
  ['lib/delta', '1.1', buildImage({ seed: 'rel-delta-1.1', platforms: ['linux/amd64', 'linux/arm64'] })]
]

describe('sync through injected faults (source and destination)', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let srcFaults: FaultProxy
  let dstFaults: FaultProxy
  let harshSrc: FaultProxy
  let harshDst: FaultProxy
  const dir = mkdtempSync(join(tmpdir(), 'reliability-faults-'))

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([startRegistry({ mode: 'anonymous' }), startRegistry({ mode: 'basic' })])
    for (const [repo, tag, img] of IMAGES) await pushImage(src, repo, tag, img)
    // A tag the filter below must leave out.
    await pushImage(src, 'lib/delta', '2.0', buildImage({ seed: 'rel-delta-2.0' }))
    srcFaults = await startFaultProxy(src.url, { seed: SEEDS.source, rate: RATE, stallMs: 2500 })
    dstFaults = await startFaultProxy(dst.url, { seed: SEEDS.destination, rate: RATE, stallMs: 2500 })
    // 429s are left out here: they defer images (a status of its own, tested with sync) rather than fail them.
    const harsh = {
      rate: HARSH_RATE,
      stallMs: 1500,
      faults: FAULT_KINDS.filter(k => !k.startsWith('status-429'))
    }
    harshSrc = await startFaultProxy(src.url, { seed: SEEDS.source + HARSH_SEED, ...harsh })
    harshDst = await startFaultProxy(dst.url, { seed: SEEDS.destination + HARSH_SEED, ...harsh })
  }, 60_000)
  afterAll(async () => {
    await Promise.all([srcFaults?.stop(), dstFaults?.stop(), harshSrc?.stop(), harshDst?.stop()])
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  interface Route {
    from: string
    to: string
    prefix: string
    attempts: number
    timeoutMs: number
  }

  async function runSync(r: Route): Promise<SyncReport> {
    const yaml = `version: 1
images:
  ${r.from}/lib/alpha:1.0: ${r.to}/${r.prefix}/alpha:1.0
  ${r.from}/lib/bravo:2.1: ${r.to}/${r.prefix}/bravo
  ${r.from}/lib/charlie:3: ${r.to}/${r.prefix}/charlie:3
  ${r.from}/lib/delta:
    target: ${r.to}/${r.prefix}/delta
    tags: ["1.*"]
`
    const file = join(dir, 'mirror.yaml')
    writeFileSync(file, yaml)
    const credentials = await CredentialStore.load({
      explicit: { [r.to]: { username: dst.username!, password: dst.password! } },
      dockerConfigDir: dir
    })
    // Timeouts well under the proxy's stall: a stalled response costs ~2 s, not a minute.
    const client = new RegistryClient({
      credentials,
      retry: { attempts: r.attempts, baseDelayMs: 50, maxDelayMs: 400, maxRetryAfterMs: 2000 },
      timeouts: { headersMs: r.timeoutMs, bodyIdleMs: r.timeoutMs, connectMs: r.timeoutMs },
      warn: () => {}
    })
    try {
      // One image and one request at a time, so the seeded faults meet the same requests each run.
      return await sync(parseConfig(yaml, file), {
        client,
        concurrency: 1,
        engine: { concurrency: 1, perRegistryConcurrency: 1 }
      })
    } finally {
      await client.close()
    }
  }

  /**
   * Problems of a report: anything called copied or skipped must be complete and identical, so an
   * incomplete target can only be reported failed (exit 1) or deferred (a 429, retried next run).
   */
  async function audit(report: SyncReport, r: Route): Promise<{ problems: string[]; incomplete: string[] }> {
    const problems: string[] = []
    const incomplete: string[] = []
    for (const [repo, tag, img] of IMAGES) {
      const target = `${r.prefix}/${repo.split('/')[1]}`
      // A tag list that could not be read is one failed line for the whole entry (no tag).
      const line =
        report.images.find(i => i.target === `${r.to}/${target}:${tag}`) ??
        report.images.find(i => i.target === `${r.to}/${target}` && i.status === 'failed')
      if (!line) {
        problems.push(`${target}:${tag} is missing from the report`)
        continue
      }
      const c = await checkTag(dst, target, tag)
      const good = c.exists && c.problems.length === 0 && c.digest === img.manifest.digest
      if (!good) incomplete.push(`${target}:${tag}`)
      // A tag that exists must always be complete, whatever the report says.
      if (c.exists && c.problems.length > 0) problems.push(...c.problems)
      if (c.exists && c.digest !== img.manifest.digest) problems.push(`${target}:${tag} is ${c.digest}`)
      if ((line.status === 'copied' || line.status === 'skipped') && !good)
        problems.push(`${target}:${tag} reported ${line.status} but is incomplete`)
      if (line.status === 'copied' && line.digest !== img.manifest.digest)
        problems.push(`${target}:${tag} reported digest ${line.digest}`)
      if (line.status === 'failed' && !line.error) problems.push(`${target}:${tag} failed without an error`)
      if (line.status === 'planned') problems.push(`${target}:${tag} only planned in a real run`)
    }
    const failed = report.images.some(i => i.status === 'failed')
    if (exitCodeFor(report) !== (failed ? 1 : 0)) problems.push('exit code disagrees with the report')
    return { problems, incomplete }
  }

  test('every target ends complete and identical after at most one rerun; reports are honest', async () => {
    const runs: { report: SyncReport; incomplete: string[] }[] = []
    const route: Route = {
      from: srcFaults.host,
      to: dstFaults.host,
      prefix: 'mirror',
      attempts: 6,
      timeoutMs: 2000
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      const report = await runSync(route)
      const { problems, incomplete } = await audit(report, route)
      expect(problems).toEqual([])
      runs.push({ report, incomplete })
      if (incomplete.length === 0) break
    }
    const counts = { source: srcFaults.counts(), destination: dstFaults.counts() }
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0)
    console.log(
      `fault injection at rate ${RATE} (seeds ${SEEDS.source}/${SEEDS.destination}): ` +
        `source ${total(counts.source)} faults in ${srcFaults.requests()} requests ${JSON.stringify(counts.source)}; ` +
        `destination ${total(counts.destination)} faults in ${dstFaults.requests()} requests ${JSON.stringify(counts.destination)}; ` +
        `runs: ${runs.map(r => JSON.stringify(r.report.totals)).join(' then ')}`
    )
    const last = runs[runs.length - 1]!
    expect(last.incomplete).toEqual([])
    expect(exitCodeFor(last.report)).toBe(0)
    expect(last.report.images.map(i => i.status).every(s => s === 'copied' || s === 'skipped')).toBe(true)
    // The faults really happened, of many kinds, on both sides.
    expect(total(counts.source)).toBeGreaterThanOrEqual(10)
    expect(total(counts.destination)).toBeGreaterThanOrEqual(10)
    const kinds = new Set(
      [...Object.entries(counts.source), ...Object.entries(counts.destination)]
        .filter(([, n]) => n > 0)
        .map(([k]) => k)
    )
    expect(kinds.size).toBeGreaterThanOrEqual(8)
  }, 150_000)

  test('faults the client may not absorb: each image is copied intact or failed with its error, nothing incomplete is tagged, a clean rerun completes', async () => {
    const harsh: Route = {
      from: harshSrc.host,
      to: harshDst.host,
      prefix: 'harsh',
      attempts: 2,
      timeoutMs: 1000
    }
    const report = await runSync(harsh)
    // Whatever is tagged is complete and identical (skopeo reads it, every child and blob is there),
    // what is called copied is, failures carry an error, and the exit code follows the report.
    const first = await audit(report, harsh)
    expect(first.problems).toEqual([])
    const counts = { source: harshSrc.counts(), destination: harshDst.counts() }
    console.log(
      `harsh run (rate ${HARSH_RATE}, ${harsh.attempts} attempts): ${JSON.stringify(report.totals)}; ` +
        `faults source ${JSON.stringify(counts.source)}, destination ${JSON.stringify(counts.destination)}`
    )
    // The faults really happened, on both sides.
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0)
    expect(total(counts.source)).toBeGreaterThanOrEqual(5)
    expect(total(counts.destination)).toBeGreaterThanOrEqual(5)
    // No 429s here, so nothing is deferred: each image ends copied or failed (the audit found each
    // incomplete one reported failed), and a failure says which side failed, then why.
    expect(report.images.filter(i => i.status !== 'copied' && i.status !== 'failed')).toEqual([])
    for (const line of report.images.filter(i => i.status === 'failed')) {
      console.log(`failed: ${line.target}: ${line.error}`)
      expect(line.error).toMatch(/^(source|destination|cannot list tags)\b.*: \S/)
    }

    const clean: Route = { from: src.host, to: dst.host, prefix: 'harsh', attempts: 3, timeoutMs: 10_000 }
    const rerun = await runSync(clean)
    const second = await audit(rerun, clean)
    expect(second.problems).toEqual([])
    expect(second.incomplete).toEqual([])
    expect(exitCodeFor(rerun)).toBe(0)
    // What the harsh run did complete is found complete, not copied again.
    const doneBefore = report.images
      .filter(i => i.status === 'copied')
      .map(i => i.target.replace(harsh.to, ''))
    const skippedNow = rerun.images
      .filter(i => i.status === 'skipped')
      .map(i => i.target.replace(clean.to, ''))
    expect(skippedNow.sort()).toEqual(expect.arrayContaining(doneBefore.sort()))
  }, 150_000)
})
