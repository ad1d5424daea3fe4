import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { buildImage } from '../harness/index.js'
import { parsePlatform } from '../../src/oci/index.js'
import {
  openDockerArchiveDestination,
  openDockerArchiveSource
} from '../../src/transports/docker-archive/index.js'
import { indexTar } from '../../src/transports/docker-archive/index.js'
import { classicEntries, makeTar, readAll, sha, tempDir, writeBuilt } from './transport-helpers.js'

let t: { dir: string; cleanup(): Promise<void> }
let file: string
beforeEach(async () => {
  t = await tempDir()
  file = path.join(t.dir, 'image.tar')
})
afterEach(() => t.cleanup())

describe('docker-archive: our destination, our source', () => {
  test('a single image keeps its digest, and the tar is what docker load reads', async () => {
    const img = buildImage({ seed: 'single' })
    await writeBuilt(await openDockerArchiveDestination(file, 'foo/bar:v1'), img)
    const members = await indexTar(file)
    const mj = JSON.parse(
      (await readFile(file)).toString(
        'latin1',
        members.get('manifest.json')!.offset,
        members.get('manifest.json')!.offset + members.get('manifest.json')!.size
      )
    )
    expect(mj).toEqual([
      {
        Config: expect.stringMatching(/^blobs\/sha256\/[a-f0-9]{64}$/),
        RepoTags: ['foo/bar:v1'],
        Layers: expect.any(Array)
      }
    ])
    expect(members.has('repositories')).toBe(true)
    expect(members.has('oci-layout')).toBe(true)
    const src = await openDockerArchiveSource(file, 'docker.io/foo/bar:v1')
    expect((await src.resolve()).digest).toBe(img.manifest.digest)
    expect((await src.getManifest()).bytes.equals(img.manifest.bytes)).toBe(true)
    for (const b of img.blobs) expect((await readAll(await src.getBlob(b))).equals(b.data)).toBe(true)
    expect(await readdir(t.dir)).toEqual(['image.tar'])
  })

  test('one platform of an index (with its attestation) is kept as the index', async () => {
    const img = buildImage({ seed: 'one-plat', platforms: ['linux/arm64'], attestations: true })
    await writeBuilt(await openDockerArchiveDestination(file, 'busybox:1'), img)
    const src = await openDockerArchiveSource(file, 'docker.io/library/busybox:1')
    expect((await src.resolve()).digest).toBe(img.manifest.digest)
    for (const c of img.children) expect((await src.getManifest(c.digest)).digest).toBe(c.digest)
  })

  // The same matcher as the registry path: an arm64 image without a variant is arm64/v8.
  test('an arm64 image without a variant is found by linux/arm64/v8', async () => {
    const img = buildImage({ seed: 'arm64-v8', platforms: ['linux/arm64'] })
    await writeBuilt(await openDockerArchiveDestination(file, 'busybox:1'), img)
    const src = await openDockerArchiveSource(file, 'docker.io/library/busybox:1', [
      parsePlatform('linux/arm64/v8')
    ])
    expect((await src.resolve()).digest).toBe(img.manifest.digest)
  })

  test('an index with an unknown-os entry besides its image is not taken for one platform', async () => {
    const img = buildImage({ seed: 'odd-os', platforms: ['linux/amd64', 'unknown/amd64'] })
    const dst = await openDockerArchiveDestination(file, 'x:1')
    await expect(writeBuilt(dst, img)).rejects.toThrow(/the source has 2 \(linux\/amd64, unknown\/amd64\)/)
    await dst.close()
  })

  test('a multi-platform index is refused with the platforms listed, and no file is written', async () => {
    const img = buildImage({ seed: 'multi', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] })
    const dst = await openDockerArchiveDestination(file, 'x:1')
    await expect(writeBuilt(dst, img)).rejects.toThrow(
      /holds one platform, the source has 3 \(linux\/amd64, linux\/arm64, linux\/arm\/v7\); choose one with --platform/
    )
    await dst.close()
    expect(await readdir(t.dir)).toEqual([])
  })

  test('commit refuses an incomplete image and leaves an existing archive untouched', async () => {
    const old = buildImage({ seed: 'old' })
    await writeBuilt(await openDockerArchiveDestination(file, 'x:1'), old)
    const before = await readFile(file)
    const img = buildImage({ seed: 'new' })
    const dst = await openDockerArchiveDestination(file, 'x:1')
    expect((await dst.resolveTag('x:1'))?.digest).toBe(old.manifest.digest)
    for (const b of img.blobs.slice(1)) await dst.putBlob(b, Readable.from([b.data]))
    await dst.putManifest(img.manifest, 'x:1')
    await expect(dst.commit!()).rejects.toThrow(/not writing the archive: blob .* is missing/)
    await dst.close()
    expect((await readFile(file)).equals(before)).toBe(true)
    expect(await readdir(t.dir)).toEqual(['image.tar'])
  })

  test('the same image written twice gives byte-identical archives', async () => {
    const img = buildImage({ seed: 'repro' })
    await writeBuilt(await openDockerArchiveDestination(file, 'r:1'), img)
    const a = await readFile(file)
    await writeBuilt(await openDockerArchiveDestination(file, 'r:1'), img)
    expect((await readFile(file)).equals(a)).toBe(true)
  })

  test('getBlob errors when archive bytes were tampered with', async () => {
    const img = buildImage({ seed: 'tamper', layerSizes: [4096] })
    await writeBuilt(await openDockerArchiveDestination(file, 't:1'), img)
    const layer = img.blobs.find(b => b.mediaType.includes('layer'))!
    const member = (await indexTar(file)).get(`blobs/sha256/${layer.digest.slice(7)}`)!
    const bytes = await readFile(file)
    bytes[member.offset + 100] ^= 0xff
    await writeFile(file, bytes)
    const src = await openDockerArchiveSource(file)
    await expect(readAll(await src.getBlob(layer))).rejects.toThrow(/digest mismatch/)
  })
})

describe('docker-archive: archives written by docker save', () => {
  test.each([
    ['uncompressed layers', false, 'application/vnd.docker.image.rootfs.diff.tar'],
    ['gzip layers', true, 'application/vnd.docker.image.rootfs.diff.tar.gzip']
  ])('%s get a v2s2 manifest with digests of the stored bytes', async (_n, gzip, mediaType) => {
    const c = classicEntries({ gzip })
    await makeTar(file, c.entries)
    const src = await openDockerArchiveSource(file)
    const m = JSON.parse((await src.getManifest()).bytes.toString())
    expect(m.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
    expect(m.config).toEqual({
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: c.config.length,
      digest: sha(c.config)
    })
    expect(m.layers).toEqual(c.layers.map(l => ({ mediaType, size: l.length, digest: sha(l) })))
    for (const [i, l] of m.layers.entries())
      expect((await readAll(await src.getBlob(l))).equals(c.layers[i])).toBe(true)
    expect((await readAll(await src.getBlob(m.config))).equals(c.config)).toBe(true)
  })

  test('in-archive symlinks between layers are followed (docker dedupes layers that way)', async () => {
    const c = classicEntries()
    const entries = c.entries.filter(e => e.name !== `${'1'.repeat(64)}/layer.tar`)
    entries.splice(1, 0, {
      name: `${'1'.repeat(64)}/layer.tar`,
      type: 'symlink',
      linkname: `../${'0'.repeat(64)}/layer.tar`
    })
    await makeTar(file, entries)
    const m = JSON.parse((await (await openDockerArchiveSource(file)).getManifest()).bytes.toString())
    expect(m.layers[1].digest).toBe(sha(c.layers[0]))
  })

  test.each([
    ['no ref and several images', undefined, /holds 2 images; choose one .*\(a:1; b:2\)/],
    ['an unknown name', 'c:3', /no image c:3 in the archive/]
  ])('%s is a clear error', async (_n, ref, msg) => {
    const a = classicEntries({ repoTags: ['a:1'], seed: 'a' })
    const b = classicEntries({ repoTags: ['b:2'], seed: 'b' })
    const items = [
      ...JSON.parse(a.entries.at(-1)!.data as string),
      ...JSON.parse(b.entries.at(-1)!.data as string)
    ]
    await makeTar(file, [
      ...a.entries.slice(0, -1),
      ...b.entries.slice(1, -1),
      { name: 'manifest.json', data: JSON.stringify(items) }
    ])
    await expect(openDockerArchiveSource(file, ref)).rejects.toThrow(msg)
  })

  test('an image is picked by NAME:TAG in any spelling, or by @N', async () => {
    const a = classicEntries({ repoTags: ['a:1'], seed: 'a' })
    const b = classicEntries({ repoTags: ['b:2'], seed: 'b' })
    const items = [
      ...JSON.parse(a.entries.at(-1)!.data as string),
      ...JSON.parse(b.entries.at(-1)!.data as string)
    ]
    await makeTar(file, [
      ...a.entries.slice(0, -1),
      ...b.entries.slice(0, -1),
      { name: 'manifest.json', data: JSON.stringify(items) }
    ])
    const byName = JSON.parse(
      (await (await openDockerArchiveSource(file, 'docker.io/library/b:2')).getManifest()).bytes.toString()
    )
    const byIndex = JSON.parse(
      (await (await openDockerArchiveSource(file, '@1')).getManifest()).bytes.toString()
    )
    expect(byName.config.digest).toBe(sha(b.config))
    expect(byIndex.config.digest).toBe(sha(b.config))
  })

  test('a platform the archive does not hold is a clear error', async () => {
    await makeTar(file, classicEntries().entries)
    await expect(
      openDockerArchiveSource(file, undefined, [{ os: 'linux', architecture: 'arm64' }])
    ).rejects.toThrow(/holds linux\/amd64 only, not linux\/arm64/)
  })

  test('long member names (PAX headers) are indexed', async () => {
    const long = `${'d'.repeat(120)}/${'e'.repeat(120)}.bin`
    await makeTar(file, [
      { name: long, data: 'x' },
      { name: 'manifest.json', data: '[]' }
    ])
    const members = await indexTar(file)
    expect(members.get(long)).toMatchObject({ type: 'file', size: 1 })
  })
})
