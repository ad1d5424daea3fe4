import { readdir, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { buildArtifact, buildImage } from '../harness/index.js'
import { openOciDestination, openOciSource } from '../../src/transports/oci-layout/index.js'
import { copyDirect, readAll, tempDir, writeBuilt } from './transport-helpers.js'

let t: { dir: string; cleanup(): Promise<void> }
let layout: string
beforeEach(async () => {
  t = await tempDir()
  layout = path.join(t.dir, 'layout')
})
afterEach(() => t.cleanup())

const indexJson = async (
  dir = layout
): Promise<{ manifests: { digest: string; annotations?: Record<string, string> }[] }> =>
  JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8'))

describe('oci: destination then source', () => {
  test.each([
    ['single OCI manifest', { seed: 'one' }],
    ['docker format', { seed: 'dock', format: 'docker' as const }],
    [
      'multi-platform index with attestations',
      { seed: 'multi', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'], attestations: true }
    ]
  ])('%s keeps every digest and byte', async (_name, opts) => {
    const img = buildImage(opts)
    await writeBuilt(await openOciDestination(layout, 'v1'), img, 'v1')
    expect(JSON.parse(await readFile(path.join(layout, 'oci-layout'), 'utf8'))).toEqual({
      imageLayoutVersion: '1.0.0'
    })
    const src = await openOciSource(layout, 'v1')
    expect(await src.resolve()).toEqual({
      mediaType: img.manifest.mediaType,
      digest: img.manifest.digest,
      size: img.manifest.bytes.length
    })
    const top = await src.getManifest()
    expect(top.bytes.equals(img.manifest.bytes)).toBe(true)
    for (const c of img.children) expect((await src.getManifest(c.digest)).bytes.equals(c.bytes)).toBe(true)
    for (const b of img.blobs) expect((await readAll(await src.getBlob(b))).equals(b.data)).toBe(true)
  })

  test('several images share one layout; shared blobs are stored once; no REF with several is an error listing them', async () => {
    const a = buildImage({ seed: 'a', sharedBaseSeed: 'base' })
    const b = buildImage({ seed: 'b', sharedBaseSeed: 'base' })
    await writeBuilt(await openOciDestination(layout, 'a'), a, 'a')
    await writeBuilt(await openOciDestination(layout, 'b'), b, 'b')
    const stored = await readdir(path.join(layout, 'blobs', 'sha256'))
    const distinct = new Set([...a.blobs, ...b.blobs].map(x => x.digest))
    expect(stored.length).toBe(distinct.size + 2)
    expect(distinct.size).toBeLessThan(a.blobs.length + b.blobs.length)
    expect(
      (await indexJson()).manifests.map(m => m.annotations?.['org.opencontainers.image.ref.name'])
    ).toEqual(['a', 'b'])
    expect((await (await openOciSource(layout, 'b')).resolve()).digest).toBe(b.manifest.digest)
    await expect(openOciSource(layout)).rejects.toThrow(
      /holds 2 images; choose one with oci:DIR:REF \(images: a, b\)/
    )
    await expect(openOciSource(layout, 'c')).rejects.toThrow(/no image named 'c' .*images: a, b/)
  })

  test('without REF, the only image is taken', async () => {
    const img = buildImage({ seed: 'only' })
    await writeBuilt(await openOciDestination(layout), img)
    const idx = await indexJson()
    expect(idx.manifests).toHaveLength(1)
    expect(idx.manifests[0].annotations).toBeUndefined()
    expect((await (await openOciSource(layout)).resolve()).digest).toBe(img.manifest.digest)
  })

  test('re-tagging replaces the entry in place', async () => {
    const one = buildImage({ seed: 'one' })
    const two = buildImage({ seed: 'two' })
    await writeBuilt(await openOciDestination(layout, 'x'), one, 'x')
    await writeBuilt(await openOciDestination(layout, 'y'), one, 'y')
    await writeBuilt(await openOciDestination(layout, 'x'), two, 'x')
    const idx = await indexJson()
    expect(idx.manifests.map(m => [m.annotations?.['org.opencontainers.image.ref.name'], m.digest])).toEqual([
      ['x', two.manifest.digest],
      ['y', one.manifest.digest]
    ])
  })

  test('a tag is published only by commit(), and only when the image is complete', async () => {
    const img = buildImage({ seed: 'partial', platforms: ['linux/amd64', 'linux/arm64'] })
    const dst = await openOciDestination(layout, 'p')
    for (const b of img.blobs.slice(1)) await dst.putBlob(b, Readable.from([b.data]))
    for (const c of img.children) await dst.putManifest(c)
    await dst.putManifest(img.manifest, 'p')
    // Opening created an empty index.json; nothing may name p before a successful commit.
    expect((await indexJson()).manifests).toEqual([])
    await expect(dst.commit()).rejects.toThrow(
      new RegExp(`not publishing ${img.manifest.digest}: blob ${img.blobs[0].digest}`)
    )
    expect((await indexJson()).manifests).toEqual([])
    expect(await dst.resolveTag('p')).toBeUndefined()
    await dst.putBlob(img.blobs[0], Readable.from([img.blobs[0].data]))
    await dst.commit()
    expect(await dst.resolveTag('p')).toMatchObject({ digest: img.manifest.digest })
  })

  test('putBlob refuses wrong bytes and leaves nothing behind', async () => {
    const img = buildImage({ seed: 'bad' })
    const dst = await openOciDestination(layout, 'x')
    const b = img.blobs[0]
    const wrong = Buffer.from(b.data)
    wrong[0] ^= 1
    await expect(dst.putBlob(b, Readable.from([wrong]))).rejects.toThrow(/digest mismatch/)
    await expect(dst.putBlob(b, Readable.from([b.data.subarray(1)]))).rejects.toThrow(/expected/)
    await expect(dst.putBlob(b, Readable.from([b.data, Buffer.from('x')]))).rejects.toThrow(
      /more than the expected/
    )
    expect(await dst.hasBlob(b)).toBe(false)
    expect(await readdir(path.join(layout, 'ingest'))).toEqual([])
    await expect(dst.putManifest({ ...img.manifest, digest: img.blobs[0].digest })).rejects.toThrow(
      /digest mismatch/
    )
  })

  test('getBlob errors on a corrupted blob instead of ending cleanly', async () => {
    const img = buildImage({ seed: 'corrupt' })
    await writeBuilt(await openOciDestination(layout, 'x'), img, 'x')
    const layer = img.blobs[img.blobs.length - 1]
    const file = path.join(layout, 'blobs', 'sha256', layer.digest.slice(7))
    const bytes = Buffer.from(layer.data)
    bytes[bytes.length - 1] ^= 0xff
    await writeFile(file, bytes)
    const src = await openOciSource(layout, 'x')
    await expect(readAll(await src.getBlob(layer))).rejects.toThrow(/digest mismatch: expected/)
    await writeFile(file, bytes.subarray(1))
    await expect(src.getBlob(layer)).rejects.toThrow(/bytes on disk, the descriptor says/)
  })

  test('concurrent writers to one layout lose no entry', async () => {
    const imgs = Array.from({ length: 12 }, (_, i) =>
      buildImage({ seed: `c${i}`, sharedBaseSeed: 'shared', layerSizes: [512] })
    )
    await Promise.all(
      imgs.map(async (img, i) => writeBuilt(await openOciDestination(layout, `t${i}`), img, `t${i}`))
    )
    const names = (await indexJson()).manifests.map(m => m.annotations?.['org.opencontainers.image.ref.name'])
    expect(names.sort()).toEqual(imgs.map((_, i) => `t${i}`).sort())
    for (const [i, img] of imgs.entries())
      expect((await (await openOciSource(layout, `t${i}`)).resolve()).digest).toBe(img.manifest.digest)
  })

  test('referrers are kept as untagged entries and found by subject', async () => {
    const img = buildImage({ seed: 'signed' })
    const art = buildArtifact({
      seed: 'sig',
      subject: {
        digest: img.manifest.digest,
        size: img.manifest.bytes.length,
        mediaType: img.manifest.mediaType
      }
    })
    const dst = await openOciDestination(layout, 'v1')
    for (const b of [...img.blobs, ...art.blobs])
      if (!(await dst.hasBlob(b))) await dst.putBlob(b, Readable.from([b.data]))
    await dst.putManifest(img.manifest)
    await dst.putManifest(art.manifest)
    await dst.putManifest(img.manifest, 'v1')
    await dst.commit()
    const src = await openOciSource(layout, 'v1')
    expect(await src.referrers!(img.manifest.digest)).toEqual([
      expect.objectContaining({
        digest: art.manifest.digest,
        artifactType: 'application/vnd.dev.mirror-action.test.v1+json'
      })
    ])
    // The untagged referrer does not make the layout ambiguous for oci:DIR without REF.
    expect((await (await openOciSource(layout)).resolve()).digest).toBe(img.manifest.digest)
  })

  test('a layout holding only one artifact gives it without REF', async () => {
    const art = buildArtifact({
      seed: 'lonely',
      subject: {
        digest: `sha256:${'c'.repeat(64)}`,
        size: 10,
        mediaType: 'application/vnd.oci.image.manifest.v1+json'
      }
    })
    await writeBuilt(await openOciDestination(layout), art)
    expect((await (await openOciSource(layout)).resolve()).digest).toBe(art.manifest.digest)
  })

  test('copy between two layouts preserves the index digest', async () => {
    const img = buildImage({ seed: 'copy', platforms: ['linux/amd64', 'linux/arm64'] })
    await writeBuilt(await openOciDestination(layout, 'src'), img, 'src')
    const other = path.join(t.dir, 'other')
    const root = await copyDirect(
      await openOciSource(layout, 'src'),
      await openOciDestination(other, 'dst'),
      'dst'
    )
    expect(root.digest).toBe(img.manifest.digest)
    expect((await (await openOciSource(other, 'dst')).resolve()).digest).toBe(img.manifest.digest)
  })
})

describe('oci: hostile and broken layouts', () => {
  const writeLayout = async (index: unknown): Promise<void> => {
    await mkdir(path.join(layout, 'blobs', 'sha256'), { recursive: true })
    await writeFile(path.join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
    await writeFile(
      path.join(layout, 'index.json'),
      typeof index === 'string' ? index : JSON.stringify(index)
    )
  }
  const entry = (digest: string, ref = 'x'): unknown => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest,
    size: 10,
    annotations: { 'org.opencontainers.image.ref.name': ref }
  })

  test.each([
    [
      'a digest that walks out',
      { schemaVersion: 2, manifests: [entry('sha256:../../../../etc/passwd')] },
      /invalid digest/
    ],
    ['an absolute digest', { schemaVersion: 2, manifests: [entry('/etc/passwd')] }, /invalid digest/],
    ['no manifests array', { schemaVersion: 2 }, /not an OCI image index/],
    [
      'a bad size',
      { schemaVersion: 2, manifests: [{ ...(entry(`sha256:${'a'.repeat(64)}`) as object), size: -1 }] },
      /invalid size/
    ],
    ['broken JSON', '{"schemaVersion": 2,\n "manifests": [}', /index.json:2:16: invalid JSON/]
  ])('%s is refused with a clear error', async (_n, index, msg) => {
    await writeLayout(index)
    await expect(openOciSource(layout, 'x')).rejects.toThrow(msg)
  })

  test('a blob path that is a symlink out of the layout is refused', async () => {
    const img = buildImage({ seed: 'link' })
    await writeBuilt(await openOciDestination(layout, 'x'), img, 'x')
    const secret = path.join(t.dir, 'secret')
    await writeFile(secret, 'secret')
    const layer = img.blobs[img.blobs.length - 1]
    const file = path.join(layout, 'blobs', 'sha256', layer.digest.slice(7))
    await rm(file)
    await symlink(secret, file)
    const src = await openOciSource(layout, 'x')
    await expect(src.getBlob(layer)).rejects.toThrow(/resolves outside the directory/)
  })

  test('a blobs directory that is a symlink out of the layout is refused for writing', async () => {
    const outside = path.join(t.dir, 'outside')
    await mkdir(outside)
    await mkdir(layout)
    await writeFile(path.join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
    await symlink(outside, path.join(layout, 'blobs'))
    // Refused as soon as the layout is opened: completing it would create blobs/sha256 out there.
    await expect(openOciDestination(layout, 'x')).rejects.toThrow(/blobs resolves outside the directory/)
    expect(await readdir(outside)).toEqual([])
  })

  test.each(['../x', '/abs', 'a/../b', ''])('destination ref %j is refused', async ref => {
    await expect(openOciDestination(layout, ref)).rejects.toThrow(/invalid OCI reference name/)
  })

  test('a non-empty directory that is not a layout is not taken over', async () => {
    await mkdir(layout)
    await writeFile(path.join(layout, 'notes.txt'), 'mine')
    await expect(openOciDestination(layout, 'x')).rejects.toThrow(/is not empty and is not an OCI layout/)
  })

  test('leftovers of a killed writer are swept; a live writer’s temp files and a half-created layout are kept', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid
    await mkdir(path.join(layout, 'ingest'), { recursive: true })
    const stale = path.join(layout, 'ingest', `.tmp-${dead}-0123`)
    const live = path.join(layout, 'ingest', `.tmp-${process.pid}-4567`)
    await writeFile(stale, 'partial')
    await writeFile(live, 'in progress')
    // Only ingest/ exists: a run was killed while creating the layout, so it is taken over.
    await openOciDestination(layout, 'x')
    expect((await readdir(path.join(layout, 'ingest'))).sort()).toEqual([path.basename(live)])
    expect(await readdir(layout)).toContain('oci-layout')
  })

  test('an unsupported layout version is refused', async () => {
    await mkdir(layout)
    await writeFile(path.join(layout, 'oci-layout'), '{"imageLayoutVersion":"2.0.0"}')
    await expect(openOciSource(layout, 'x')).rejects.toThrow(/unsupported imageLayoutVersion "2.0.0"/)
  })
})
