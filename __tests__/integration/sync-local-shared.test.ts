/**
 * Several images sharing a large layer, synced into one OCI layout at once: in one process (the
 * images of a run) and from two CLI processes. Every copy must succeed on every round, every image
 * must read back through skopeo, and no temp file may be left in ingest/.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { join } from 'node:path'
import type { SyncReport } from '../../src/sync/index.js'
import { sync } from '../../src/sync/index.js'
import { buildImage, pushImage, skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'
import { badGateway, listen, openUpstream, relay, upstreamFor, type ProxyHandle } from '../harness/index.js'
import { makeTempDir } from '../harness/index.js'
import { bundleCli, runCli } from './reliability-helpers.js'
import { clientFor, config } from './sync-helpers.js'

jest.setTimeout(300_000)

const sha = (b: string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`
const IMAGES = 6
const ROUNDS = 4
const SHARED_LAYER_BYTES = 20 * 1024 * 1024

describe('images sharing a layer, synced into one oci: layout', () => {
  let src: StartedRegistry
  let cli: string
  const dir = makeTempDir('sync-shared')
  const digests: string[] = []
  let sharedLayer = ''

  beforeAll(async () => {
    ;[src, cli] = await Promise.all([startRegistry({ mode: 'anonymous' }), bundleCli()])
    for (let i = 0; i < IMAGES; i++) {
      const img = buildImage({
        seed: `shared-${i}`,
        layerSizes: [SHARED_LAYER_BYTES, 2048 + i],
        sharedBaseSeed: 'shared-base'
      })
      sharedLayer = (JSON.parse(img.manifest.bytes.toString()) as { layers: { digest: string }[] }).layers[0]!
        .digest
      digests.push(await pushImage(src, `lib/s${i}`, '1.0', img))
    }
  }, 300_000)
  afterAll(async () => {
    await src?.stop()
  })

  const yaml = (layout: string, which: number[], host = src.host): string =>
    `version: 1\nimages:\n${which.map(i => `  ${host}/lib/s${i}:1.0: oci:${layout}:s${i}`).join('\n')}\n`

  /** skopeo reads each image back (its copy verifies every blob against its digest); ingest/ is empty. */
  async function checkLayout(layout: string, copyOut: boolean): Promise<void> {
    for (let i = 0; i < IMAGES; i++) {
      const raw = await skopeo(['inspect', '--raw', `oci:${layout}:s${i}`])
      expect([i, raw.code, raw.stderr]).toEqual([i, 0, ''])
      expect(sha(raw.stdout)).toBe(digests[i])
      if (copyOut) {
        const out = await skopeo(['copy', `oci:${layout}:s${i}`, `dir:${join(layout, '..', `out-${i}`)}`])
        expect([i, out.code, out.stderr]).toEqual([i, 0, ''])
      }
    }
    // No temp file left; ingest/ itself is gone once empty.
    expect(existsSync(join(layout, 'ingest')) ? readdirSync(join(layout, 'ingest')) : []).toEqual([])
  }

  test('one run, all images at once, several rounds: no failure; the shared layer is fetched once per round', async () => {
    const { client, done } = await clientFor([src])
    const failures: string[] = []
    const layerGets: number[] = []
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const layout = join(dir, `round-${round}`, 'layout')
        await src.clearAccessLog()
        const cfg = config(yaml(layout, [...Array(IMAGES).keys()]), dir)
        // Few transfer slots: later images' transfers queue and start once the layer is written,
        // the interleaving a long nightly run hits when its transfer cap is saturated.
        const r = await sync(cfg, { client, concurrency: IMAGES, engine: { concurrency: 2 } })
        for (const img of r.images) if (img.status !== 'copied') failures.push(`${round}: ${img.error}`)
        const log = await src.accessLog()
        layerGets.push(log.filter(e => e.method === 'GET' && e.path.endsWith(`/blobs/${sharedLayer}`)).length)
        if (r.totals.failed === 0) await checkLayout(layout, round === ROUNDS - 1)
      }
    } finally {
      await done()
    }
    console.log(
      `in-process rounds: ${failures.length} failed copies; shared-layer GETs per round ${layerGets}`
    )
    expect(failures).toEqual([])
    // Images of a run share one download of the layer into the layout.
    expect(layerGets).toEqual(Array(ROUNDS).fill(1))
  })

  test('two CLI processes, each finding the layer missing, write it at once: both exit 0, every image intact', async () => {
    const failures: string[] = []
    const gates: { round: number; gets: number; heldUntilLanded: number }[] = []
    for (let round = 0; round < 2; round++) {
      const layout = join(dir, `cli-${round}`, 'layout')
      const blobFile = join(layout, 'blobs', 'sha256', sharedLayer.slice('sha256:'.length))
      const gate = await startGate(src.url, `/blobs/${sharedLayer}`, () => existsSync(blobFile))
      try {
        // Overlapping halves, so some images, and the shared layer, are written by both processes.
        const files = [
          [0, 1, 2, 3],
          [2, 3, 4, 5]
        ].map((which, n) => {
          const file = join(dir, `cli-${round}-${n}.yaml`)
          writeFileSync(file, yaml(layout, which, gate.host))
          return file
        })
        const reports = files.map((_, n) => join(dir, `cli-${round}-${n}.json`))
        const results = await Promise.all(
          files.map((f, n) => runCli(cli, ['sync', '--config', f, '--report', reports[n]!]))
        )
        for (const [n, res] of results.entries()) {
          if (res.code !== 0) failures.push(`round ${round} process ${n}: exit ${res.code}: ${res.stderr}`)
          const report = JSON.parse(readFileSync(reports[n]!, 'utf8')) as SyncReport
          for (const i of report.images) {
            // The other process may have published an image before this one planned it.
            if (i.status !== 'copied' && i.status !== 'skipped') failures.push(`round ${round}: ${i.error}`)
          }
        }
        gates.push({ round, gets: gate.arrivals(), heldUntilLanded: gate.held() })
      } finally {
        await gate.stop()
      }
      if (failures.length === 0) await checkLayout(layout, round === 1)
    }
    expect(failures).toEqual([])
    // The gate held the second download until the first had landed (the race really was run),
    // and each process fetched the layer once, sharing it between its images.
    expect(gates).toEqual([0, 1].map(round => ({ round, gets: 2, heldUntilLanded: 1 })))
  })
})

/**
 * A front for the source registry that forces the cross-process interleaving: the first GET of
 * `blobPath` waits until a second one arrives (the other process, which also found the blob
 * missing); that second one waits until the first has landed in the layout, so its writer finds
 * the blob in place when it publishes.
 */
async function startGate(
  target: string,
  blobPath: string,
  landed: () => boolean
): Promise<ProxyHandle & { arrivals(): number; held(): number }> {
  const up = upstreamFor(target)
  let arrivals = 0
  let held = 0
  let first: (() => void) | undefined
  const h = await listen((req, res, origin) => {
    const forward = (): void => {
      openUpstream(req, up).then(
        upRes => relay(req, res, upRes, up, origin),
        err => badGateway(res, err)
      )
    }
    if (req.method !== 'GET' || !req.url?.endsWith(blobPath)) return forward()
    arrivals++
    if (arrivals === 1) first = forward
    else if (arrivals === 2) {
      first!()
      void untilLanded(landed).then(ok => {
        if (ok) held++
        forward()
      })
    } else forward()
  })
  return { ...h, arrivals: () => arrivals, held: () => held }
}

/** Polls `landed` (bounded: about a minute), true once it holds. */
async function untilLanded(landed: () => boolean): Promise<boolean> {
  for (let i = 0; i < 3000; i++) {
    if (landed()) return true
    await sleep(20)
  }
  return false
}
