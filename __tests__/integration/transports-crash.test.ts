// kill -9 of `mirror-action copy … oci:DIR:REF` at several moments: index.json never names an
// incomplete image, leftovers of the killed process are swept, and a rerun fetches only what is missing.
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buildImage,
  pushImage,
  skopeo,
  startRegistry,
  startSlowProxy,
  trackChild,
  type StartedRegistry,
  type ProxyHandle
} from '../harness/index.js'

jest.setTimeout(300_000)
let reg: StartedRegistry
let proxy: ProxyHandle
const work = mkdtempSync(join(tmpdir(), 'transports-crash-'))
const dir = join(work, 'layout')
const image = buildImage({
  seed: 'crash',
  platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
  layerSizes: [300_000, 200_000],
  attestations: true
})

beforeAll(async () => {
  reg = await startRegistry({ mode: 'anonymous' })
  await pushImage(reg, 'src/crash', 'v1', image)
  // Slow enough that a copy spans many polls of the layout, whatever the machine.
  proxy = await startSlowProxy(reg.url, { delayMs: 5, bytesPerSecond: 300_000 })
})

afterAll(async () => {
  await proxy?.stop()
  await reg?.stop()
  rmSync(work, { recursive: true, force: true })
})

const blobFiles = (): string[] => {
  try {
    return readdirSync(join(dir, 'blobs', 'sha256'))
  } catch {
    return []
  }
}
const ingestTemps = (): string[] => {
  try {
    return readdirSync(join(dir, 'ingest')).filter(n => n.startsWith('.tmp-'))
  } catch {
    return []
  }
}

/** Run the CLI copy; kill it with SIGKILL as soon as `when()` holds. Resolves true when it was killed. */
function copyUntil(when: () => boolean): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        './scripts/ts-loader.mjs',
        'src/cli.ts',
        'copy',
        '-q',
        `docker://${proxy.host}/src/crash:v1`,
        `oci:${dir}:v1`
      ],
      { env: { ...process.env, DOCKER_CONFIG: work, NODE_OPTIONS: '' }, stdio: ['ignore', 'ignore', 'pipe'] }
    )
    trackChild(child)
    let killed = false
    let stderr = ''
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
    const poll = setInterval(() => {
      if (!killed && when()) {
        killed = child.kill('SIGKILL')
      }
    }, 2)
    child.once('error', reject)
    child.once('exit', code => {
      clearInterval(poll)
      if (!killed && code !== 0) reject(new Error(`copy exited with ${code}: ${stderr}`))
      else resolve(killed)
    })
  })
}

/** If index.json names v1, skopeo must read the whole image (every blob, digests checked). */
async function assertNoLie(): Promise<'absent' | 'complete'> {
  const indexFile = join(dir, 'index.json')
  if (!existsSync(indexFile)) return 'absent'
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as {
    manifests: { annotations?: Record<string, string> }[]
  }
  if (!index.manifests.some(m => m.annotations?.['org.opencontainers.image.ref.name'] === 'v1'))
    return 'absent'
  const out = join(work, `check-${Math.random().toString(16).slice(2)}`)
  const r = await skopeo(['copy', '--all', '--preserve-digests', `oci:${dir}:v1`, `oci:${out}:v1`])
  rmSync(out, { recursive: true, force: true })
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return 'complete'
}

test('kill -9 at any moment leaves a true layout; the rerun fetches only the missing blobs', async () => {
  const moments: [string, () => boolean][] = [
    ['the layout being created', () => existsSync(join(dir, 'ingest'))],
    ['a blob half-written', () => existsSync(join(dir, 'oci-layout')) && ingestTemps().length > 0],
    ['2 files in blobs/', () => blobFiles().length >= 2],
    ['8 files in blobs/', () => blobFiles().length >= 8],
    ['14 files in blobs/', () => blobFiles().length >= 14]
  ]
  const outcomes: string[] = []
  for (const [name, when] of moments) {
    const killed = await copyUntil(when)
    outcomes.push(`${name}: ${killed ? 'killed' : 'finished'} → ${await assertNoLie()}`)
  }
  // Killed mid-blob at least once, and the layout did not claim v1 after that kill.
  expect(outcomes.slice(0, 2)).toEqual([
    'the layout being created: killed → absent',
    'a blob half-written: killed → absent'
  ])

  const present = new Set(blobFiles().map(h => `sha256:${h}`))
  const missing = image.blobs.filter(b => !present.has(b.digest)).map(b => b.digest)
  await reg.clearAccessLog()
  expect(await copyUntil(() => false)).toBe(false)
  const fetched = (await reg.accessLog())
    .filter(e => e.method === 'GET' && /\/blobs\/sha256:/.test(e.path) && e.status === 200)
    .map(e => e.path.slice(e.path.lastIndexOf('/') + 1))
  expect(fetched.sort()).toEqual(missing.sort())
  expect(await assertNoLie()).toBe('complete')
  expect(ingestTemps()).toEqual([])
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'))
  expect(index.manifests).toEqual([expect.objectContaining({ digest: image.manifest.digest })])
})

test('several processes writing one layout at once lose no entry', async () => {
  const layout = join(work, 'shared-layout')
  const writers = ['p1', 'p2', 'p3'].map(
    prefix =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            '--import',
            './scripts/ts-loader.mjs',
            '__tests__/integration/transports-writer.ts',
            layout,
            prefix,
            '8'
          ],
          { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'ignore', 'pipe'] }
        )
        trackChild(child)
        let stderr = ''
        child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
        child.once('exit', code =>
          code === 0 ? resolve() : reject(new Error(`writer ${prefix}: ${stderr}`))
        )
      })
  )
  await Promise.all(writers)
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as {
    manifests: { annotations?: Record<string, string> }[]
  }
  const refs = index.manifests.map(m => m.annotations?.['org.opencontainers.image.ref.name']).sort()
  expect(refs).toEqual(
    ['p1', 'p2', 'p3'].flatMap(p => Array.from({ length: 8 }, (_, i) => `${p}-${i}`)).sort()
  )
  // No ingest/ left: the last writer to finish removes it once empty.
  expect(readdirSync(layout).sort()).toEqual(['blobs', 'index.json', 'oci-layout'])
  const r = await skopeo(['inspect', '--raw', `oci:${layout}:p2-7`])
  expect(r.code).toBe(0)
})
