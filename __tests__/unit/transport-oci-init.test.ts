// Opening one OCI layout from many destinations at once (sync workers, sync shards on one runner):
// creating the layout must happen once, and no opener may mistake a layout being created for a
// foreign directory.
import { spawn } from 'node:child_process'
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { buildImage, trackChild } from '../harness/index.js'
import type { ImageDestination } from '../../src/oci/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import { openDestination } from '../../src/transports/index.js'
import { openOciSource } from '../../src/transports/oci-layout/index.js'
import { readAll, tempDir, writeBuilt } from './transport-helpers.js'

const client = new RegistryClient()
const REF = 'org.opencontainers.image.ref.name'
const open = (dir: string, ref: string) => openDestination({ transport: 'oci', dir, ref }, { client })

let t: { dir: string; cleanup(): Promise<void> }
let layout: string
beforeEach(async () => {
  t = await tempDir('mirror-oci-init-')
  layout = path.join(t.dir, 'parent', 'layout')
})
afterEach(() => t.cleanup())

/** The layout holds exactly what the image-layout spec asks for, and every image `refs` names reads back whole. */
async function expectValidLayout(refs: string[]): Promise<void> {
  // No ingest/: a finished layout holds no empty temp directory.
  expect((await readdir(layout)).sort()).toEqual(['blobs', 'index.json', 'oci-layout'])
  expect(JSON.parse(await readFile(path.join(layout, 'oci-layout'), 'utf8'))).toEqual({
    imageLayoutVersion: '1.0.0'
  })
  const index = JSON.parse(await readFile(path.join(layout, 'index.json'), 'utf8')) as {
    schemaVersion: number
    manifests: { annotations?: Record<string, string> }[]
  }
  expect(index.schemaVersion).toBe(2)
  expect(index.manifests.map(m => m.annotations?.[REF]).sort()).toEqual([...refs].sort())
  for (const ref of refs) {
    const img = buildImage({ seed: ref, layerSizes: [512] })
    const src = await openOciSource(layout, ref)
    expect((await src.getManifest()).bytes.equals(img.manifest.bytes)).toBe(true)
    for (const b of img.blobs) expect((await readAll(await src.getBlob(b))).equals(b.data)).toBe(true)
  }
}

/**
 * Open `refs` concurrently: all in one go, or each started one file-system round trip after the
 * previous, so that later opens find the layout half-created by earlier ones.
 */
async function openAll(refs: string[], staggered: boolean): Promise<ImageDestination[]> {
  const opening: Promise<ImageDestination>[] = []
  for (const ref of refs) {
    const p = open(layout, ref)
    p.catch(() => undefined) // awaited below; no unhandled rejection while the others start
    opening.push(p)
    if (staggered) await stat(t.dir)
  }
  return Promise.all(opening)
}

const prepares: [string, () => Promise<unknown>][] = [
  ['a directory that does not exist', async () => {}],
  ['an empty directory', () => mkdir(layout, { recursive: true })]
]

describe('concurrent opens of one oci: layout in one process', () => {
  test.each(
    prepares.flatMap(([name, prepare]) => [
      [name, 'all at once', prepare, false] as const,
      [name, 'staggered', prepare, true] as const
    ])
  )('20 opens of %s (%s) all succeed and make one layout', async (_name, _how, prepare, staggered) => {
    await prepare()
    const refs = Array.from({ length: 20 }, (_, i) => `r${i}`)
    const dsts = await openAll(refs, staggered)
    // Created once and complete before any image is written: an empty index, blobs/sha256.
    expect(JSON.parse(await readFile(path.join(layout, 'index.json'), 'utf8')).manifests).toEqual([])
    expect(await readdir(path.join(layout, 'blobs', 'sha256'))).toEqual([])
    await Promise.all(
      dsts.map((d, i) => writeBuilt(d, buildImage({ seed: refs[i], layerSizes: [512] }), refs[i]))
    )
    await expectValidLayout(refs)
  })

  test('a layout whose creator was killed after writing oci-layout is completed, not refused', async () => {
    await mkdir(path.join(layout, 'ingest'), { recursive: true })
    await writeFile(path.join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
    const dsts = await openAll(['a', 'b', 'c'], true)
    await Promise.all(
      dsts.map((d, i) => writeBuilt(d, buildImage({ seed: 'abc'[i], layerSizes: [512] }), 'abc'[i]))
    )
    await expectValidLayout(['a', 'b', 'c'])
  })
})

describe('a directory that is not a layout', () => {
  test.each([
    ['a file of its own', { 'notes.txt': 'mine' }],
    ['a layout copy without its oci-layout', { 'index.json': '{"schemaVersion":2,"manifests":[]}' }],
    ['a half-created layout plus a file of its own', { 'ingest/.keep': '', 'notes.txt': 'mine' }]
  ])('holding %s is refused by every concurrent opener and left untouched', async (_name, files) => {
    for (const [name, data] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(layout, name)), { recursive: true })
      await writeFile(path.join(layout, name), data)
    }
    const before = (await readdir(layout, { recursive: true })).sort()
    const results = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map(ref => open(layout, ref)))
    for (const r of results) {
      expect(r.status).toBe('rejected')
      expect(String((r as PromiseRejectedResult).reason)).toMatch(/is not empty and is not an OCI layout/)
    }
    expect((await readdir(layout, { recursive: true })).sort()).toEqual(before)
  })
})

/** Start the opener script in a child process; resolves once it is ready to open. */
function startOpener(prefix: string, count: number): Promise<{ go(): void; exited: Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      './scripts/ts-loader.mjs',
      '__tests__/unit/transport-oci-init-opener.ts',
      layout,
      prefix,
      String(count)
    ],
    { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['pipe', 'pipe', 'pipe'] }
  )
  trackChild(child)
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', code =>
      code === 0 ? resolve() : reject(new Error(`opener ${prefix} exited ${code}: ${stderr}`))
    )
  })
  return new Promise((resolve, reject) => {
    exited.catch(reject)
    child.stdout.once('data', () => resolve({ go: () => child.stdin.end('go\n'), exited }))
  })
}

describe('concurrent opens of one oci: layout from several processes', () => {
  test.each(prepares)('3 processes opening %s at once all succeed', async (_name, prepare) => {
    await prepare()
    const prefixes = ['p1', 'p2', 'p3']
    const openers = await Promise.all(prefixes.map(p => startOpener(p, 4)))
    // Released together so their initialisations overlap.
    for (const o of openers) o.go()
    await Promise.all(openers.map(o => o.exited))
    await expectValidLayout(prefixes.flatMap(p => [0, 1, 2, 3].map(i => `${p}-${i}`)))
  })
})
