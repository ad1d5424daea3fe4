// What a failed or interrupted `mirror-action copy … oci:DIR` leaves: no layout it created that
// names no image, no temp files of its own in ingest/, and a line saying what was removed. A
// finished layout has no empty ingest/ directory.
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buildImage,
  pushImage,
  startRegistry,
  startSlowProxy,
  trackChild,
  type ProxyHandle,
  type StartedRegistry
} from '../harness/index.js'
import { cli } from './sync-helpers.js'

jest.setTimeout(180_000)
let reg: StartedRegistry
let proxy: ProxyHandle
const work = mkdtempSync(join(tmpdir(), 'transports-cleanup-'))
const big = buildImage({ seed: 'cleanup-big', layerSizes: [1_500_000, 1_000_000] })
const small = buildImage({ seed: 'cleanup-small', layerSizes: [2048] })

beforeAll(async () => {
  reg = await startRegistry({ mode: 'anonymous' })
  await pushImage(reg, 'src/big', 'v1', big)
  await pushImage(reg, 'src/small', 'v1', small)
  // Slow enough that the copy is surely mid-blob when it is interrupted.
  proxy = await startSlowProxy(reg.url, { delayMs: 5, bytesPerSecond: 400_000 })
})

afterAll(async () => {
  await proxy?.stop()
  await reg?.stop()
  rmSync(work, { recursive: true, force: true })
})

const refs = (dir: string): string[] =>
  (
    JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      manifests: { annotations?: Record<string, string> }[]
    }
  ).manifests.map(m => m.annotations?.['org.opencontainers.image.ref.name'] ?? '')

test('a copy that succeeds leaves a layout without an ingest/ directory', async () => {
  const dir = join(work, 'ok')
  const r = await cli(['copy', '-q', `docker://${reg.host}/src/small:v1`, `oci:${dir}:v1`])
  expect([r.code, r.stderr]).toEqual([0, ''])
  expect(readdirSync(dir).sort()).toEqual(['blobs', 'index.json', 'oci-layout'])
})

test('a failed copy into a new layout removes it and says so', async () => {
  const dir = join(work, 'new')
  const r = await cli(['copy', `docker://${reg.host}/src/absent:v1`, `oci:${dir}:v1`])
  expect(r.code).toBe(1)
  expect(r.stderr).toContain(`removed ${dir}: the layout this copy created names no image`)
  expect(existsSync(dir)).toBe(false)
})

test('a failed copy into an existing layout leaves it as it was, without ingest/', async () => {
  const dir = join(work, 'existing')
  expect((await cli(['copy', '-q', `docker://${reg.host}/src/small:v1`, `oci:${dir}:keep`])).code).toBe(0)
  const r = await cli(['copy', `docker://${reg.host}/src/absent:v1`, `oci:${dir}:v2`])
  expect(r.code).toBe(1)
  expect(r.stderr).not.toContain('removed')
  expect(refs(dir)).toEqual(['keep'])
  expect(readdirSync(dir).sort()).toEqual(['blobs', 'index.json', 'oci-layout'])
})

test.each(['SIGINT', 'SIGTERM'] as const)(
  'a copy interrupted by %s mid-blob removes its temp files and the layout it created',
  async signal => {
    const dir = join(work, `interrupted-${signal}`)
    const child = spawn(
      process.execPath,
      [
        '--import',
        './scripts/ts-loader.mjs',
        'src/cli.ts',
        'copy',
        `docker://${proxy.host}/src/big:v1`,
        `oci:${dir}:v1`
      ],
      { env: { ...process.env, DOCKER_CONFIG: work, NODE_OPTIONS: '' }, stdio: ['ignore', 'ignore', 'pipe'] }
    )
    trackChild(child)
    let stderr = ''
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
    const temps = (): string[] => {
      try {
        return readdirSync(join(dir, 'ingest')).filter(n => n.startsWith('.tmp-'))
      } catch {
        return []
      }
    }
    let sawTemp = false
    const code = await new Promise<number | null>((resolve, reject) => {
      const poll = setInterval(() => {
        if (!sawTemp && temps().length > 0) {
          sawTemp = true
          child.kill(signal)
        }
      }, 2)
      child.once('error', reject)
      child.once('exit', c => {
        clearInterval(poll)
        resolve(c)
      })
    })
    expect(sawTemp).toBe(true)
    expect([code, stderr]).toEqual([
      signal === 'SIGINT' ? 130 : 143,
      expect.stringContaining(`removed ${dir}: the layout this copy created names no image`)
    ])
    expect(existsSync(dir)).toBe(false)
  }
)
