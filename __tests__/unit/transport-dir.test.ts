import { readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { buildImage } from '../harness/index.js'
import { sha256Digest } from '../../src/oci/index.js'
import { openDirDestination, openDirSource } from '../../src/transports/index.js'
import { readAll, tempDir, writeBuilt } from './transport-helpers.js'

let t: { dir: string; cleanup(): Promise<void> }
let dir: string
beforeEach(async () => {
  t = await tempDir()
  dir = path.join(t.dir, 'img')
})
afterEach(() => t.cleanup())

describe('dir: (skopeo directory format)', () => {
  test.each([
    ['single manifest', { seed: 'one' }],
    ['index', { seed: 'idx', platforms: ['linux/amd64', 'linux/arm64'] }]
  ])('%s round-trips with digests kept', async (_n, opts) => {
    const img = buildImage(opts)
    await writeBuilt(await openDirDestination(dir), img)
    expect(await readFile(path.join(dir, 'version'), 'utf8')).toBe('Directory Transport Version: 1.1\n')
    expect((await readFile(path.join(dir, 'manifest.json'))).equals(img.manifest.bytes)).toBe(true)
    const src = await openDirSource(dir)
    expect((await src.resolve()).digest).toBe(img.manifest.digest)
    for (const c of img.children) expect((await src.getManifest(c.digest)).bytes.equals(c.bytes)).toBe(true)
    for (const b of img.blobs) expect((await readAll(await src.getBlob(b))).equals(b.data)).toBe(true)
    for (const b of img.blobs) expect(await readdir(dir)).toContain(b.digest.slice(7))
  })

  test('manifest.json appears only at commit, and only for a complete image', async () => {
    const img = buildImage({ seed: 'partial' })
    const dst = await openDirDestination(dir)
    await dst.putBlob(img.blobs[1], Readable.from([img.blobs[1].data]))
    await dst.putManifest(img.manifest, 'x')
    await expect(dst.commit!()).rejects.toThrow(/not publishing .* is missing/)
    expect(await readdir(dir)).not.toContain('manifest.json')
    expect(await dst.resolveTag('x')).toBeUndefined()
  })

  test('a corrupted blob makes getBlob error', async () => {
    const img = buildImage({ seed: 'c' })
    await writeBuilt(await openDirDestination(dir), img)
    const b = img.blobs[0]
    const bad = Buffer.from(b.data)
    bad[0] ^= 1
    await writeFile(path.join(dir, b.digest.slice(7)), bad)
    await expect(readAll(await (await openDirSource(dir)).getBlob(b))).rejects.toThrow(/digest mismatch/)
  })

  test('a non-empty directory that is not a dir: image is not taken over, nor read', async () => {
    await mkdir(dir)
    await writeFile(path.join(dir, 'notes'), 'x')
    await expect(openDirDestination(dir)).rejects.toThrow(/is not empty and is not a dir: image/)
    await expect(openDirSource(dir)).rejects.toThrow(/not a dir: image \(no manifest.json in /)
  })

  test("without a version file (as skopeo's own fixtures) the image is read", async () => {
    const img = buildImage({ seed: 'noversion' })
    await writeBuilt(await openDirDestination(dir), img)
    await rm(path.join(dir, 'version'))
    const src = await openDirSource(dir)
    expect((await src.resolve()).digest).toBe(img.manifest.digest)
    for (const b of img.blobs) expect((await readAll(await src.getBlob(b))).equals(b.data)).toBe(true)
  })

  test('an unknown version is refused', async () => {
    await writeBuilt(await openDirDestination(dir), buildImage({ seed: 'v2' }))
    await writeFile(path.join(dir, 'version'), 'Directory Transport Version: 2.0\n')
    await expect(openDirSource(dir)).rejects.toThrow(/unsupported "Directory Transport Version: 2.0"/)
  })

  test('a manifest with a subject, copied on its own, becomes manifest.json (a dir: holds no referrers beside it)', async () => {
    const img = buildImage({ seed: 'subject' })
    const json = JSON.parse(img.manifest.bytes.toString('utf8')) as Record<string, unknown>
    json.subject = { mediaType: img.manifest.mediaType, digest: `sha256:${'a'.repeat(64)}`, size: 10 }
    const bytes = Buffer.from(JSON.stringify(json))
    const m = { bytes, mediaType: img.manifest.mediaType, digest: sha256Digest(bytes) }
    const dst = await openDirDestination(dir)
    for (const b of img.blobs) await dst.putBlob(b, Readable.from([b.data]))
    await dst.putManifest(m)
    await dst.commit!()
    expect((await readFile(path.join(dir, 'manifest.json'))).equals(bytes)).toBe(true)
  })
})
