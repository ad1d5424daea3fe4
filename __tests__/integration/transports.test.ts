// The file transports (oci:, docker-archive:, dir:) between a real registry and disk, through the copy
// engine, with skopeo as the independent reader and writer of the same formats.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import tar from 'tar-stream'
import { CopyEngine, CopyError, type CopyOptions, type CopyResult } from '../../src/copy/index.js'
import { parsePlatform } from '../../src/oci/index.js'
import type { RegistryClient } from '../../src/registry/index.js'
import { openDestination, openSource, parseTransportRef } from '../../src/transports/index.js'
import { indexTar } from '../../src/transports/docker-archive/index.js'
import { buildImage, pushImage, skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'
import { blobDataPath, clientFor } from './copy-helpers.js'

jest.setTimeout(120_000)
let reg: StartedRegistry
let client: RegistryClient
let closeClient: () => Promise<void>
const work = mkdtempSync(join(tmpdir(), 'transports-it-'))
const multi = buildImage({
  seed: 'tr-multi',
  platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
  attestations: true
})
const single = buildImage({ seed: 'tr-single', format: 'docker', layerSizes: [20000, 3000, 70000] })

beforeAll(async () => {
  reg = await startRegistry({ mode: 'basic' })
  ;({ client, done: closeClient } = await clientFor([reg]))
  await pushImage(reg, 'src/multi', 'v1', multi)
  await pushImage(reg, 'src/single', 'v1', single)
})

afterAll(async () => {
  await closeClient?.()
  await reg?.stop()
  rmSync(work, { recursive: true, force: true })
})

/** Copy between two transport strings with the engine, as the CLI does. */
async function copy(
  from: string,
  to: string,
  tag: string | undefined,
  opts: Partial<CopyOptions> = {}
): Promise<CopyResult> {
  const platform = opts.platforms && opts.platforms !== 'all' ? opts.platforms : undefined
  const src = await openSource(parseTransportRef(from), { client, platform })
  try {
    const dst = await openDestination(parseTransportRef(to), { client })
    try {
      return await new CopyEngine().copy(src, dst, tag, opts)
    } finally {
      await dst.close()
    }
  } finally {
    await src.close()
  }
}

async function sk(args: string[]): Promise<string> {
  const r = await skopeo(args, { reg })
  if (r.code !== 0) throw new Error(`skopeo ${args.join(' ')} failed: ${r.stderr}`)
  return r.stdout
}

/** The manifest bytes at a registry tag, as skopeo sees them. */
const raw = async (ref: string): Promise<Buffer> =>
  Buffer.from(await sk(['inspect', '--raw', `docker://${reg.host}/${ref}`]))

/** Pull every blob of a registry image with skopeo (it verifies digests): the image is complete. */
async function assertComplete(ref: string, all = false): Promise<void> {
  const out = join(work, `pulled-${Math.random().toString(16).slice(2)}`)
  await sk(['copy', ...(all ? ['--all'] : []), `docker://${reg.host}/${ref}`, `dir:${out}`])
  rmSync(out, { recursive: true, force: true })
}

describe('oci: layout', () => {
  test('registry → OCI layout → registry preserves the digest of a multi-platform index', async () => {
    const dir = join(work, 'layout')
    const a = await copy(`docker://${reg.host}/src/multi:v1`, `oci:${dir}:multi-v1`, 'multi-v1')
    expect(a).toMatchObject({
      digest: multi.manifest.digest,
      digestChanged: false,
      blobsCopied: multi.blobs.length
    })
    const b = await copy(`oci:${dir}:multi-v1`, `${reg.host}/back/multi:v1`, 'v1')
    expect(b.digest).toBe(multi.manifest.digest)
    expect((await raw('back/multi:v1')).equals(multi.manifest.bytes)).toBe(true)
    await assertComplete('back/multi:v1', true)
  })

  test('skopeo reads our layout: inspect, and copy --all from it into the registry keeps the digest', async () => {
    const dir = join(work, 'layout-sk')
    await copy(`docker://${reg.host}/src/multi:v1`, `oci:${dir}:m`, 'm')
    await copy(`docker://${reg.host}/src/multi:v1`, `oci:${dir}:m2`, 'm2')
    const inspected = JSON.parse(await sk(['inspect', '--override-arch', 'arm64', `oci:${dir}:m`]))
    expect(inspected).toMatchObject({ Architecture: 'arm64', Os: 'linux' })
    await sk([
      'copy',
      '--all',
      '--preserve-digests',
      `oci:${dir}:m2`,
      `docker://${reg.host}/from-skopeo/m:v1`
    ])
    expect((await raw('from-skopeo/m:v1')).equals(multi.manifest.bytes)).toBe(true)
    await assertComplete('from-skopeo/m:v1', true)
    const blobFiles = readdirSync(join(dir, 'blobs', 'sha256'))
    expect(blobFiles.length).toBe(multi.blobs.length + multi.children.length + 1)
  })

  test('a Docker-format image keeps its digest in a layout; skopeo reads it when it is the only image', async () => {
    // skopeo (containers/image) only matches OCI media types by ref name (skopeo issue 1975), so a
    // digest-preserved Docker v2s2 image is readable by skopeo through oci:DIR without REF.
    const dir = join(work, 'layout-docker')
    await copy(`docker://${reg.host}/src/single:v1`, `oci:${dir}:s`, 's')
    expect(JSON.parse(await sk(['inspect', `oci:${dir}`])).Digest).toBe(single.manifest.digest)
    await sk(['copy', '--preserve-digests', `oci:${dir}`, `docker://${reg.host}/from-skopeo/s:v1`])
    expect((await raw('from-skopeo/s:v1')).equals(single.manifest.bytes)).toBe(true)
  })

  test('we read what skopeo wrote: skopeo copy --all into oci:, our copy on keeps the digest', async () => {
    const dir = join(work, 'layout-by-skopeo')
    await sk([
      'copy',
      '--all',
      '--preserve-digests',
      `docker://${reg.host}/src/multi:v1`,
      `oci:${dir}:from-sk`
    ])
    const r = await copy(`oci:${dir}:from-sk`, `${reg.host}/via-skopeo-oci/multi:v1`, 'v1')
    expect(r.digest).toBe(multi.manifest.digest)
    await assertComplete('via-skopeo-oci/multi:v1', true)
  })
})

describe('docker-archive:', () => {
  // The archive declares it holds no index: the engine writes the platform's own manifest unasked.
  test('registry → docker-archive (one platform) → registry gives a complete image', async () => {
    const file = join(work, 'arm64.tar')
    const arm64 = multi.children.find(c => c.platform?.architecture === 'arm64')!
    const a = await copy(
      `docker://${reg.host}/src/multi:v1`,
      `docker-archive:${file}:mirror/app:arm64`,
      'mirror/app:arm64',
      { platforms: [parsePlatform('linux/arm64')] }
    )
    expect(a.digest).toBe(arm64.digest)
    const b = await copy(`docker-archive:${file}`, `${reg.host}/back/arm64:v1`, 'v1')
    expect(b.digest).toBe(arm64.digest)
    expect(JSON.parse(await sk(['inspect', `docker://${reg.host}/back/arm64:v1`]))).toMatchObject({
      Architecture: 'arm64',
      Digest: arm64.digest
    })
    await assertComplete('back/arm64:v1')
  })

  test('a multi-platform source without a platform choice is a clear error and writes nothing', async () => {
    const file = join(work, 'multi.tar')
    await expect(
      copy(`docker://${reg.host}/src/multi:v1`, `docker-archive:${file}:x/y:z`, 'x/y:z')
    ).rejects.toThrow(
      /a single manifest needs exactly one platform selected, 3 matched: linux\/amd64, linux\/arm64, linux\/arm\/v7; choose one/
    )
    expect(existsSync(file)).toBe(false)
    expect(readdirSync(work).filter(f => f.includes('multi.tar'))).toEqual([])
  })

  test('skopeo reads our archive: inspect, and copy from it into the registry', async () => {
    const file = join(work, 'single.tar')
    await copy(
      `docker://${reg.host}/src/single:v1`,
      `docker-archive:${file}:mirror/single:v1`,
      'mirror/single:v1'
    )
    // skopeo lists RepoTags only for registries; the name lookup is checked by the copy below.
    const inspected = JSON.parse(await sk(['inspect', `docker-archive:${file}`]))
    expect(inspected).toMatchObject({ Os: 'linux', Architecture: 'amd64' })
    expect(inspected.Layers).toHaveLength(3)
    await sk([
      'copy',
      `docker-archive:${file}:mirror/single:v1`,
      `docker://${reg.host}/from-skopeo/single:v1`
    ])
    await assertComplete('from-skopeo/single:v1')
    const config = JSON.parse(await sk(['inspect', '--config', `docker://${reg.host}/from-skopeo/single:v1`]))
    const ours = JSON.parse(await sk(['inspect', '--config', `docker://${reg.host}/src/single:v1`]))
    expect(config.rootfs.diff_ids).toEqual(ours.rootfs.diff_ids)
  })

  test('we read what skopeo wrote (uncompressed layers, legacy layer links) and copy it on complete', async () => {
    const file = join(work, 'by-skopeo.tar')
    await sk(['copy', `docker://${reg.host}/src/single:v1`, `docker-archive:${file}:skopeo/single:v1`])
    // Kept uncompressed: the digest skopeo's archive implies (compression: copy-compress.test.ts).
    const r = await copy(
      `docker-archive:${file}:skopeo/single:v1`,
      `${reg.host}/via-skopeo-archive/single:v1`,
      'v1',
      { preserveDigests: true }
    )
    expect(r.digestChanged).toBe(false)
    await assertComplete('via-skopeo-archive/single:v1')
    const config = JSON.parse(
      await sk(['inspect', '--config', `docker://${reg.host}/via-skopeo-archive/single:v1`])
    )
    const orig = JSON.parse(await sk(['inspect', '--config', `docker://${reg.host}/src/single:v1`]))
    expect(config).toEqual(orig)
    const m = JSON.parse((await raw('via-skopeo-archive/single:v1')).toString())
    expect(m.layers.map((l: { mediaType: string }) => l.mediaType)).toEqual(
      Array(3).fill('application/vnd.docker.image.rootfs.diff.tar')
    )
  })
})

describe('dir:', () => {
  test('registry → dir: → registry keeps the digest; skopeo reads our dir and we read skopeo’s', async () => {
    const ours = join(work, 'dir-ours')
    await copy(`docker://${reg.host}/src/single:v1`, `dir:${ours}`, undefined)
    expect(JSON.parse(await sk(['inspect', `dir:${ours}`])).Digest).toBe(single.manifest.digest)
    const theirs = join(work, 'dir-theirs')
    await sk(['copy', `docker://${reg.host}/src/single:v1`, `dir:${theirs}`])
    const r = await copy(`dir:${theirs}`, `${reg.host}/via-dir/single:v1`, 'v1')
    expect(r.digest).toBe(single.manifest.digest)
    await assertComplete('via-dir/single:v1')
  })
})

describe('failures leave nothing claimed', () => {
  test('a corrupt registry blob fails a copy into oci: on the source side; index.json does not name the ref', async () => {
    const image = buildImage({ seed: 'tr-broken', layerSizes: [6000, 9000] })
    await pushImage(reg, 'src/broken', 'v1', image)
    const layer = (JSON.parse(image.manifest.bytes.toString()) as { layers: { digest: string }[] }).layers[1]
      .digest
    const file = blobDataPath(reg, layer)
    const bytes = readFileSync(file)
    bytes[bytes.length - 10] ^= 0xff
    writeFileSync(file, bytes)
    const dir = join(work, 'layout-broken')
    await copy(`docker://${reg.host}/src/single:v1`, `oci:${dir}:other`, 'other')
    const err = await copy(`docker://${reg.host}/src/broken:v1`, `oci:${dir}:broken`, 'broken').catch(
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(CopyError)
    expect((err as CopyError).side).toBe('source')
    expect((err as Error).message).toContain(layer)
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      manifests: { annotations?: Record<string, string> }[]
    }
    expect(index.manifests.map(m => m.annotations?.['org.opencontainers.image.ref.name'])).toEqual(['other'])
    expect(existsSync(join(dir, 'blobs', 'sha256', layer.slice(7)))).toBe(false)
    // No temp file left; ingest/ itself is gone once empty.
    expect(existsSync(join(dir, 'ingest')) ? readdirSync(join(dir, 'ingest')) : []).toEqual([])
  })

  test('a tampered docker-archive layer fails the copy, naming the digest; the registry tag is not written', async () => {
    const file = join(work, 'tampered.tar')
    await copy(`docker://${reg.host}/src/single:v1`, `docker-archive:${file}:t/t:1`, 't/t:1')
    const layer = (JSON.parse(single.manifest.bytes.toString()) as { layers: { digest: string }[] }).layers[2]
      .digest
    const member = (await indexTar(file)).get(`blobs/sha256/${layer.slice(7)}`)!
    const bytes = readFileSync(file)
    bytes[member.offset + 1000] ^= 0xff
    writeFileSync(file, bytes)
    const err = await copy(`docker-archive:${file}`, `${reg.host}/tampered/t:1`, '1').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CopyError)
    expect((err as Error).message).toContain(layer)
    expect((await skopeo(['inspect', '--raw', `docker://${reg.host}/tampered/t:1`], { reg })).code).not.toBe(
      0
    )
  })

  test.each([
    ['a member that climbs out', [{ name: '../../evil', data: 'x' }], /escapes the archive/],
    [
      'a symlink to an absolute path',
      [{ name: 'layer.tar', linkname: '/etc/passwd' }],
      /points outside the archive/
    ]
  ])('a hostile archive (%s) is refused before anything is written', async (_n, entries, msg) => {
    const file = join(work, `hostile-${Math.random().toString(16).slice(2)}.tar`)
    const pack = tar.pack()
    const done = pipeline(pack, createWriteStream(file))
    for (const e of entries as { name: string; data?: string; linkname?: string }[]) {
      if (e.linkname) pack.entry({ name: e.name, type: 'symlink', linkname: e.linkname })
      else pack.entry({ name: e.name }, e.data ?? '')
    }
    pack.entry(
      { name: 'manifest.json' },
      JSON.stringify([{ Config: 'c.json', RepoTags: [], Layers: ['layer.tar'] }])
    )
    pack.finalize()
    await done
    await expect(copy(`docker-archive:${file}`, `${reg.host}/hostile/x:1`, '1')).rejects.toThrow(msg)
    expect((await skopeo(['inspect', '--raw', `docker://${reg.host}/hostile/x:1`], { reg })).code).not.toBe(0)
  })
})
