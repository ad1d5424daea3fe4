// `mirror-action inspect` of oci:, docker-archive: and dir: images, compared field by field with
// `skopeo inspect` on the same inputs (written by skopeo), as skopeo-golden.test.ts does for registries.
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildImage, pushImage, skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'
import { cli } from './sync-helpers.js'

jest.setTimeout(180_000)
let reg: StartedRegistry
const work = mkdtempSync(join(tmpdir(), 'inspect-local-'))
const layout = join(work, 'layout')
const archive = join(work, 'app.tar')
const dir = join(work, 'dir')

async function sk(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return skopeo(args, { reg })
}

beforeAll(async () => {
  reg = await startRegistry({ mode: 'anonymous' })
  await pushImage(reg, 'src/single', 'v1', buildImage({ seed: 'inspect-local', format: 'docker' }))
  await pushImage(
    reg,
    'src/multi',
    'v1',
    buildImage({ seed: 'inspect-local-multi', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] })
  )
  const from = (r: string) => `docker://${reg.host}/${r}`
  for (const args of [
    ['copy', from('src/single:v1'), `oci:${layout}:single`],
    ['copy', '--all', from('src/multi:v1'), `oci:${layout}:multi`],
    ['copy', from('src/single:v1'), `docker-archive:${archive}:example.com/app:v1`],
    ['copy', from('src/single:v1'), `dir:${dir}`]
  ]) {
    const r = await sk(args)
    if (r.code !== 0) throw new Error(`skopeo ${args.join(' ')}: ${r.stderr}`)
  }
})

afterAll(async () => {
  await reg?.stop()
  rmSync(work, { recursive: true, force: true })
})

const FIELDS = ['Name', 'Digest', 'RepoTags', 'Created', 'Architecture', 'Os', 'Layers', 'Env', 'Labels']
const pick = (j: Record<string, unknown>) => Object.fromEntries(FIELDS.map(f => [f, j[f]]))

const images = (): [string, string][] => [
  ['oci: single image', `oci:${layout}:single`],
  ['oci: index (this machine)', `oci:${layout}:multi`],
  ['docker-archive:', `docker-archive:${archive}`],
  ['docker-archive:NAME:TAG', `docker-archive:${archive}:example.com/app:v1`],
  ['dir:', `dir:${dir}`]
]

/**
 * A classic `docker save` archive has no manifest: each tool makes one up. skopeo labels the
 * uncompressed layers `.tar.gzip` (compact JSON); ours names them as they are, `.tar`, so the two
 * manifests, and their digests, differ. Everything they describe is the same.
 */
const madeUp = (image: string) => image.startsWith('docker-archive:')
const sameImage = (raw: string) =>
  JSON.parse(raw.replace(/rootfs\.diff\.tar\.gzip/g, 'rootfs.diff.tar')) as Record<string, unknown>

test.each(images())('inspect %s: skopeo fields as skopeo prints them', async (_name, image) => {
  const [a, b] = [await cli(['inspect', image]), await sk(['inspect', image])]
  expect({ ours: a.code, skopeo: b.code, stderr: a.stderr }).toEqual({ ours: 0, skopeo: 0, stderr: '' })
  const [mine, theirs] = [JSON.parse(a.stdout), JSON.parse(b.stdout)] as Record<string, unknown>[]
  if (madeUp(image)) {
    const raw = await cli(['inspect', '--raw', image])
    expect(mine!.Digest).toBe(`sha256:${createHash('sha256').update(raw.stdout).digest('hex')}`)
    delete mine!.Digest
    delete theirs!.Digest
  }
  expect(pick(mine!)).toEqual(pick(theirs!))
  // skopeo 1.9 has no LayersData yet (1.10 added it): ours must list the same layers.
  if (theirs!.LayersData !== undefined) expect(mine!.LayersData).toEqual(theirs!.LayersData)
  expect((mine!.LayersData as { Digest: string }[]).map(l => l.Digest)).toEqual(theirs!.Layers)
})

test.each(images())(
  'inspect --raw and --config %s: the same manifest and config as skopeo',
  async (_name, image) => {
    for (const flag of ['--raw', '--config']) {
      const [a, b] = [await cli(['inspect', flag, image]), await sk(['inspect', flag, image])]
      expect({ flag, ours: a.code, skopeo: b.code, stderr: a.stderr }).toEqual({
        flag,
        ours: 0,
        skopeo: 0,
        stderr: ''
      })
      if (flag === '--raw' && madeUp(image)) expect(sameImage(a.stdout)).toEqual(sameImage(b.stdout))
      else if (flag === '--raw') expect(a.stdout).toBe(b.stdout)
      else expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout))
    }
  }
)

test.each([
  ['arm64', 'linux'],
  ['arm', 'linux']
])(
  'inspect --override-arch %s --override-os %s of an oci: index: that image, as skopeo',
  async (arch, os) => {
    const args = ['inspect', '--override-arch', arch, '--override-os', os, `oci:${layout}:multi`]
    const [a, b] = [await cli(args), await sk(args)]
    expect({ ours: a.code, skopeo: b.code, stderr: a.stderr }).toEqual({ ours: 0, skopeo: 0, stderr: '' })
    const [mine, theirs] = [JSON.parse(a.stdout), JSON.parse(b.stdout)] as Record<string, unknown>[]
    expect(pick(mine!)).toEqual(pick(theirs!))
    expect(mine!.Architecture).toBe(arch)
  }
)

test('a missing layout, archive or directory: exit 1, one line naming it', async () => {
  for (const image of [`oci:${work}/none:v1`, `docker-archive:${work}/none.tar`, `dir:${work}/none`]) {
    const r = await cli(['inspect', image])
    expect({ image, code: r.code }).toEqual({ image, code: 1 })
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain(`${work}/none`)
  }
})
