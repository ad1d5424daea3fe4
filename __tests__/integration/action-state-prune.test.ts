// The action prunes its digest cache like the CLI: when a filter moves on (`latest: 1` and a newer
// tag), the entry of the tag it no longer selects leaves the state it saves through @actions/cache
// (to a loopback stand-in of GitHub's cache service), and the next run restores only what is selected.
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { StateEntry } from '../../src/sync/index.js'
import { startCacheService, type FakeCacheService } from '../harness/index.js'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { removeTempDir } from '../harness/index.js'
import { buildAction, runAction, workspace, type Workspace } from './action-helpers.js'

jest.setTimeout(180_000)

let src: StartedRegistry
let dst: StartedRegistry
let svc: FakeCacheService
let entry: string
let bundleDir: string
let ws: Workspace

beforeAll(async () => {
  const [built, a, b, c] = await Promise.all([
    buildAction(),
    startRegistry({ mode: 'anonymous' }),
    startRegistry({ mode: 'basic' }),
    startCacheService()
  ])
  ;({ entry, dir: bundleDir } = built)
  src = a
  dst = b
  svc = c
  await pushImage(src, 'lib/app', '1', buildImage({ seed: 'action-prune-1', layerSizes: [512] }))
  ws = workspace()
  ws.write(
    '.github/mirror.yaml',
    `version: 1\nimages:\n  ${src.host}/lib/app:\n    target: ${dst.host}/pruned/app\n    tags: ["*"]\n    latest: 1\n`
  )
})

afterAll(async () => {
  await Promise.all([src?.stop(), dst?.stop(), svc?.stop()])
  ws?.remove()
  if (bundleDir) removeTempDir(bundleDir)
})

const inputs = (): Record<string, string> => ({
  credentials: `"${dst.host}": {username: ${dst.username}, password: "${dst.password}"}\n`
})

/** The state file this run left in RUNNER_TEMP: `target config` per entry. */
function stateEntries(): string[] {
  const files = readdirSync(ws.temp).filter(f => /^mirror-action-state-.*\.json$/.test(f))
  expect(files).toHaveLength(1)
  const doc = JSON.parse(readFileSync(join(ws.temp, files[0]!), 'utf8')) as {
    entries: Record<string, StateEntry>
  }
  return Object.values(doc.entries).map(e => `${e.target.slice(dst.host.length + 1)} ${e.config}`)
}

/** A fresh runner: RUNNER_TEMP starts empty; the state comes back only through the cache. */
function emptyRunnerTemp(): void {
  for (const f of readdirSync(ws.temp)) rmSync(join(ws.temp, f), { recursive: true, force: true })
}

test('a tag the filter no longer selects leaves the saved state; the next run restores the rest', async () => {
  const r1 = await runAction(entry, ws, inputs(), svc.env)
  expect(r1.code).toBe(0)
  expect(r1.outputs).toMatchObject({ mirrored: '1', skipped: '0' })
  expect(stateEntries()).toEqual(['pruned/app:1 .github/mirror.yaml'])

  await pushImage(src, 'lib/app', '2', buildImage({ seed: 'action-prune-2', layerSizes: [512] }))
  emptyRunnerTemp()
  const r2 = await runAction(entry, ws, inputs(), svc.env)
  expect(r2.code).toBe(0)
  expect(r2.stdout).toMatch(/^Digest cache restored from mirror-action-state-/m)
  expect(r2.outputs).toMatchObject({ mirrored: '1', skipped: '0' })
  expect(stateEntries()).toEqual(['pruned/app:2 .github/mirror.yaml'])

  emptyRunnerTemp()
  await dst.clearAccessLog()
  const r3 = await runAction(entry, ws, inputs(), svc.env)
  expect(r3.code).toBe(0)
  expect(r3.outputs).toMatchObject({ mirrored: '0', skipped: '1', failed: '0' })
  expect(await dst.accessLog()).toEqual([])
  expect(stateEntries()).toEqual(['pruned/app:2 .github/mirror.yaml'])
})
