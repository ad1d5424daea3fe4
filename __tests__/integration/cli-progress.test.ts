/**
 * Progress of `copy` and `sync` without a terminal (a CI log): a line when the image and its large
 * blob start, and progress lines while bytes trickle through a slow front; `-q` prints one line.
 * The interval is shortened through the CLI's hidden knob so a few seconds of transfer show several.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buildImage,
  pushImage,
  startRegistry,
  startSlowProxy,
  type ProxyHandle,
  type StartedRegistry
} from '../harness/index.js'
import { cli } from './sync-helpers.js'

jest.setTimeout(180_000)

let src: StartedRegistry
let dst: StartedRegistry
let slow: ProxyHandle
const work = mkdtempSync(join(tmpdir(), 'cli-progress-'))
// One layer above the "large blob" bar (8 MiB), one far below it.
const image = buildImage({ seed: 'progress', layerSizes: [9 * 1024 * 1024, 4096] })
const big = image.blobs.reduce((a, b) => (b.size > a.size ? b : a))
const multi = buildImage({ seed: 'progress-q', platforms: ['linux/amd64', 'linux/arm64'] })
const env = { MIRROR_ACTION_PROGRESS_INTERVAL_MS: '200' }

beforeAll(async () => {
  ;[src, dst] = await Promise.all([
    startRegistry({ mode: 'anonymous' }),
    startRegistry({ mode: 'anonymous' })
  ])
  await pushImage(src, 'p/app', 'v1', image)
  await pushImage(src, 'p/multi', 'v1', multi)
  // About 2.5 s for the big layer: many 200 ms intervals, whatever the machine's speed.
  slow = await startSlowProxy(src.url, { delayMs: 1, bytesPerSecond: 4_000_000 })
})

afterAll(async () => {
  await slow?.stop()
  await Promise.all([src?.stop(), dst?.stop()])
  rmSync(work, { recursive: true, force: true })
})

const progressLine = /^progress: \S+: [\d.]+ \w?i?B of [\d.]+ MiB \(\d+%, [\d.]+ \w?i?B\/s\)$/

describe('progress without a terminal', () => {
  test('copy: the start, the large blob, and progress lines every interval', async () => {
    const r = await cli(['copy', `docker://${slow.host}/p/app:v1`, `docker://${dst.host}/p/copy:v1`], env)
    expect(r.code).toBe(0)
    const lines = r.stderr.trim().split('\n')
    expect(lines[0]).toBe(`copying docker://${slow.host}/p/app:v1 to docker://${dst.host}/p/copy:v1`)
    expect(lines).toContain(
      `blob ${big.digest.slice(0, 19)} (${(big.size / 1048576).toFixed(1)} MiB) started`
    )
    // The small layer and the config announce nothing.
    expect(lines.filter(l => l.endsWith(' started'))).toHaveLength(1)
    expect(lines.filter(l => progressLine.test(l)).length).toBeGreaterThanOrEqual(2)
  })

  test('sync: a start line per image, the large blob, progress lines; the image line on stdout', async () => {
    const config = join(work, 'sync.yaml')
    writeFileSync(config, `version: 1\nimages:\n  ${slow.host}/p/app:v1: ${dst.host}/p/sync\n`)
    const r = await cli(['sync', '--config', config], env)
    expect(r.code).toBe(0)
    const lines = r.stderr.trim().split('\n')
    expect(lines[0]).toBe(`start    ${slow.host}/p/app:v1 → ${dst.host}/p/sync:v1`)
    expect(lines.filter(l => l.endsWith(' started'))).toHaveLength(1)
    expect(lines.filter(l => progressLine.test(l)).length).toBeGreaterThanOrEqual(2)
    expect(r.stdout).toMatch(/^copied +\S+ → \S+ {2}sha256:/)
  })

  test('copy -q: exactly one line, whatever happened', async () => {
    const r = await cli(
      ['copy', '-q', `docker://${src.host}/p/app:v1`, `docker://${dst.host}/p/quiet:v1`],
      env
    )
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(
      `Copied docker://${src.host}/p/app:v1 to docker://${dst.host}/p/quiet:v1: ${image.manifest.digest}\n`
    )
    // A platform subset changes the digest: still one line, saying so.
    const sub = await cli(
      [
        'copy',
        '-q',
        '--platform',
        'linux/amd64',
        `docker://${src.host}/p/multi:v1`,
        `docker://${dst.host}/p/quiet:sub`
      ],
      env
    )
    expect(sub.code).toBe(0)
    expect(sub.stderr).toBe('')
    expect(sub.stdout).toMatch(
      /^Copied .*: sha256:[0-9a-f]{64} \(digest changed: the source is sha256:[0-9a-f]{64}\)\n$/
    )
    const again = await cli(
      ['copy', '-q', `docker://${src.host}/p/app:v1`, `docker://${dst.host}/p/quiet:v1`],
      env
    )
    expect(again.stdout).toBe(
      `Up to date: docker://${dst.host}/p/quiet:v1 is already ${image.manifest.digest}\n`
    )
    expect(again.stderr).toBe('')
  })
})
