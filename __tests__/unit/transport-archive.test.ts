import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import tar from 'tar-stream'
import { buildImage } from '../harness/index.js'
import { openDockerArchiveDestination, openDockerArchiveSource } from '../../src/transports/docker-archive.js'
import { indexTar } from '../../src/transports/tar-index.js'
import { readAll, tempDir, writeBuilt } from './transport-helpers.js'

interface Entry {
  name: string
  data?: Buffer | string
  type?: 'file' | 'symlink' | 'link' | 'directory'
  linkname?: string
}

async function makeTar(file: string, entries: Entry[]): Promise<void> {
  const pack = tar.pack()
  const done = pipeline(pack, createWriteStream(file))
  for (const e of entries) {
    if (e.type && e.type !== 'file') pack.entry({ name: e.name, type: e.type, linkname: e.linkname })
    else
      pack.entry(
        { name: e.name },
        typeof e.data === 'string' ? Buffer.from(e.data) : (e.data ?? Buffer.alloc(0))
      )
  }
  pack.finalize()
  await done
}

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

/** A classic (`docker save` before Docker 25) archive: `<id>/layer.tar` uncompressed, config `<hex>.json`. */
function classicEntries(opts: { gzip?: boolean; repoTags?: string[]; seed?: string } = {}): {
  entries: Entry[]
  config: Buffer
  layers: Buffer[]
} {
  const img = buildImage({ seed: opts.seed ?? 'classic', format: 'docker' })
  const m = JSON.parse(img.manifest.bytes.toString()) as {
    config: { digest: string }
    layers: { digest: string }[]
  }
  const config = img.blobs.find(b => b.digest === m.config.digest)!.data
  const gz = m.layers.map(l => img.blobs.find(b => b.digest === l.digest)!.data)
  const layers = opts.gzip ? gz : gz.map(g => gunzipSync(g))
  const ids = layers.map((_, i) => `${String(i).repeat(64)}`)
  const entries: Entry[] = [
    { name: `${sha(config).slice(7)}.json`, data: config },
    ...layers.flatMap((l, i) => [
      { name: `${ids[i]}/`, type: 'directory' as const },
      { name: `${ids[i]}/VERSION`, data: '1.0' },
      { name: `${ids[i]}/layer.tar`, data: l }
    ]),
    {
      name: 'manifest.json',
      data: JSON.stringify([
        {
          Config: `${sha(config).slice(7)}.json`,
          RepoTags: opts.repoTags ?? ['classic:1'],
          Layers: ids.map(id => `${id}/layer.tar`)
        }
      ])
    }
  ]
  return { entries, config, layers }
}

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

describe('docker-archive: hostile and broken archives are refused', () => {
  const manifest = (Config: string, Layers: string[]): Entry => ({
    name: 'manifest.json',
    data: JSON.stringify([{ Config, RepoTags: [], Layers }])
  })
  test.each<[string, Entry[], RegExp]>([
    [
      'a member named ../evil',
      [{ name: '../evil', data: 'x' }, manifest('c.json', [])],
      /escapes the archive/
    ],
    [
      'an absolute member name',
      [{ name: '/etc/passwd', data: 'x' }, manifest('c.json', [])],
      /absolute path/
    ],
    [
      'a symlink to an absolute path',
      [{ name: 'l.tar', type: 'symlink', linkname: '/etc/passwd' }, manifest('c.json', ['l.tar'])],
      /points outside the archive/
    ],
    [
      'a symlink that climbs out',
      [{ name: 'a/l.tar', type: 'symlink', linkname: '../../etc/passwd' }, manifest('c.json', ['a/l.tar'])],
      /points outside the archive/
    ],
    [
      'a hard link that climbs out',
      [{ name: 'h', type: 'link', linkname: '../x' }, manifest('c.json', [])],
      /escapes the archive/
    ],
    [
      'a Config path that climbs out',
      [{ name: 'c.json', data: '{}' }, manifest('../c.json', [])],
      /escapes the archive/
    ],
    [
      'an absolute layer path',
      [{ name: 'c.json', data: '{}' }, manifest('c.json', ['/etc/passwd'])],
      /absolute path/
    ],
    [
      'a symlink loop',
      [
        { name: 'c.json', data: '{}' },
        { name: 'a', type: 'symlink', linkname: 'b' },
        { name: 'b', type: 'symlink', linkname: 'a' },
        manifest('c.json', ['a'])
      ],
      /too many levels of links/
    ],
    [
      'a missing layer',
      [{ name: 'c.json', data: '{}' }, manifest('c.json', ['nope.tar'])],
      /nope.tar is not in the archive/
    ],
    ['no manifest.json', [{ name: 'x', data: 'y' }], /not a docker-archive \(no manifest.json\)/],
    [
      'manifest.json that is not a list',
      [{ name: 'manifest.json', data: '{"Config":"x"}' }],
      /expected a JSON array/
    ],
    [
      'broken manifest.json',
      [{ name: 'manifest.json', data: '[{"Config":\n  ]' }],
      /manifest.json:2:3: invalid JSON/
    ]
  ])('%s', async (_n, entries, msg) => {
    await makeTar(file, entries)
    await expect(openDockerArchiveSource(file)).rejects.toThrow(msg)
  })

  test('a corrupt header checksum, a truncated archive and a non-tar file', async () => {
    await makeTar(file, classicEntries().entries)
    const good = await readFile(file)
    const corrupt = Buffer.from(good)
    corrupt[600] ^= 0xff
    const second = (await indexTar(file)).values().next().value!
    const headerAt = second.offset + Math.ceil(second.size / 512) * 512
    corrupt[headerAt + 3] ^= 0x01
    await writeFile(file, corrupt)
    await expect(openDockerArchiveSource(file)).rejects.toThrow(/corrupt tar header at offset/)
    await writeFile(file, good.subarray(0, Math.floor(good.length / 2)))
    await expect(openDockerArchiveSource(file)).rejects.toThrow(/truncated tar member|corrupt tar header/)
    await writeFile(file, Buffer.from('{"not":"a tar"}'))
    await expect(openDockerArchiveSource(file)).rejects.toThrow(/not a tar archive/)
    await expect(openDockerArchiveSource(path.join(t.dir, 'missing.tar'))).rejects.toThrow(
      /missing.tar does not exist/
    )
    expect((await stat(file)).isFile()).toBe(true)
  })

  test.each(['../../x:1', 'UPPER:1', 'name@sha256:abc', 'notag'])(
    'destination name %j is refused',
    async ref => {
      await expect(openDockerArchiveDestination(file, ref)).rejects.toThrow(/docker-archive:/)
    }
  )
})
