// The digest cache end to end: the bundled action saves its state through the real @actions/cache
// (to a loopback stand-in of GitHub's cache service), a later run on a fresh runner restores it and
// skips the image without a single request to the target registry.
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  startCacheService,
  buildImage,
  pushImage,
  startRegistry,
  removeTempDir,
  type FakeCacheService,
  type StartedRegistry
} from '../harness/index.js'
import { buildAction, runAction, workspace, type Workspace } from './action-helpers.js'

// Bundling the action and starting registries takes seconds; the project timeout does not reach hooks.
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
  await pushImage(
    src,
    'lib/app',
    'v1',
    buildImage({ seed: 'action-cache', platforms: ['linux/amd64', 'linux/arm64'] })
  )
  ws = workspace()
  ws.write(
    '.github/mirror.yaml',
    `version: 1\nimages:\n  ${src.host}/lib/app:v1: ${dst.host}/cached/app:v1\n`
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

/** A fresh runner: RUNNER_TEMP starts empty (same path, as on hosted runners). */
function emptyRunnerTemp(): void {
  for (const f of readdirSync(ws.temp)) rmSync(join(ws.temp, f), { recursive: true, force: true })
}

test('run 1 mirrors and saves the state; run 2 restores it and sends nothing to the target', async () => {
  const r1 = await runAction(entry, ws, inputs(), svc.env)
  expect(r1.code).toBe(0)
  expect(r1.outputs).toMatchObject({ mirrored: '1', skipped: '0' })
  expect(svc.entries()).toEqual([
    {
      key: expect.stringMatching(/^mirror-action-state-[0-9a-f]{16}-\d+-1$/),
      version: expect.any(String),
      size: expect.any(Number),
      finalized: true
    }
  ])
  expect(svc.requests().map(q => `${q.method} ${q.path.replace(/\d+$/, 'N')} ${q.status}`)).toEqual([
    'POST /twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL 200',
    'POST /twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry 200',
    'PUT /blob/devstoreaccount1/caches/N 201',
    'POST /twirp/github.actions.results.api.v1.CacheService/FinalizeCacheEntryUpload 200'
  ])

  emptyRunnerTemp()
  await dst.clearAccessLog()
  const r2 = await runAction(entry, ws, inputs(), svc.env)
  expect(r2.code).toBe(0)
  expect(r2.stdout).toMatch(/^Digest cache restored from mirror-action-state-/m)
  expect(r2.outputs).toMatchObject({ mirrored: '0', skipped: '1', failed: '0' })
  expect(await dst.accessLog()).toEqual([])
  expect(r2.summary).toContain('Digest cache: restored from mirror-action-state-')
  // Nothing changed, so no new entry is written.
  expect(svc.entries()).toHaveLength(1)
})

test('the control: without the restored state the same run asks the target', async () => {
  emptyRunnerTemp()
  await dst.clearAccessLog()
  const r = await runAction(entry, ws, { ...inputs(), cache: 'false' }, svc.env)
  expect(r.code).toBe(0)
  expect(r.outputs).toMatchObject({ mirrored: '0', skipped: '1' })
  const log = await dst.accessLog()
  expect(log.some(e => e.method === 'HEAD' && e.path.endsWith('/manifests/v1'))).toBe(true)
})

test('another config (other targets) gets its own key prefix and state', async () => {
  emptyRunnerTemp()
  ws.write('other.yaml', `version: 1\nimages:\n  ${src.host}/lib/app:v1: ${dst.host}/elsewhere/app:v1\n`)
  const r = await runAction(entry, ws, { ...inputs(), config: 'other.yaml' }, svc.env)
  expect(r.code).toBe(0)
  expect(r.stdout).not.toMatch(/Digest cache restored/)
  expect(r.outputs).toMatchObject({ mirrored: '1' })
  expect(new Set(svc.entries().map(e => e.key.replace(/\d+-1$/, ''))).size).toBe(2)
})

test('trusted-root: auto carries the TUF folder in the same entry (a config new to it misses once)', async () => {
  const plain = `version: 1\nimages:\n  ${src.host}/lib/app:v1: ${dst.host}/signed/app:v1\n`
  // The image is in the target before the policy arrives: nothing is verified, so no TUF request.
  const signed =
    'version: 1\ndefaults:\n  signatures:\n    verify:\n      mode: enforce\n      keyless:\n' +
    '        - {issuer: https://issuer.example, subject: "^x$"}\n' +
    `images:\n  ${src.host}/lib/app:v1: ${dst.host}/signed/app:v1\n`
  ws.write('plain.yaml', plain)
  ws.write('signed.yaml', signed)
  emptyRunnerTemp()
  expect((await runAction(entry, ws, { ...inputs(), config: 'plain.yaml' }, svc.env)).code).toBe(0)
  const before = svc.entries().length

  // A fresh runner whose TUF folder a verification fills (seeded here: tests cannot reach the CDN).
  emptyRunnerTemp()
  const stateName = svc
    .entries()
    .at(-1)!
    .key.replace(/-\d+-\d+$/, '')
  const seeded = join(ws.temp, `${stateName}-sigstore`)
  mkdirSync(join(seeded, 'targets'), { recursive: true })
  writeFileSync(join(seeded, 'root.json'), '{"marker":1}')
  writeFileSync(join(seeded, 'targets', 'trusted_root.json'), '{}')
  const r1 = await runAction(entry, ws, { ...inputs(), config: 'signed.yaml' }, svc.env)
  expect(r1.code).toBe(0)
  // Entries are versioned by their paths: the state saved without the folder is not restored.
  expect(r1.stdout).not.toMatch(/Digest cache restored/)
  expect(svc.entries()).toHaveLength(before + 1)

  emptyRunnerTemp()
  await dst.clearAccessLog()
  const r3 = await runAction(entry, ws, { ...inputs(), config: 'signed.yaml' }, svc.env)
  expect(r3.code).toBe(0)
  expect(r3.outputs).toMatchObject({ skipped: '1', failed: '0' })
  expect(await dst.accessLog()).toEqual([])
  expect(r3.stdout).toMatch(/^Digest cache restored from mirror-action-state-/m)
  expect(readdirSync(ws.temp).filter(f => f.endsWith('-sigstore'))).toEqual([`${stateName}-sigstore`])
  expect(readFileSync(join(seeded, 'root.json'), 'utf8')).toBe('{"marker":1}')
  expect(existsSync(join(seeded, 'targets', 'trusted_root.json'))).toBe(true)
  // Nothing new in the folder or the state: no further entry.
  expect(svc.entries()).toHaveLength(before + 1)
})
