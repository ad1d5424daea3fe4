// Blob reuse between real registries: HEAD, cross-repository mounts, one transfer per blob per run.
import { beforeAll, describe, expect, test } from '@jest/globals'
import { CopyEngine } from '../../src/copy/index.js'
import { buildImage, pushImage, type BuiltImage } from '../harness/index.js'
import { allDigests, blobPuts, destination, mounts, source, useRegistries } from './copy-helpers.js'

const t = useRegistries()

describe('blob reuse', () => {
  const base = { sharedBaseSeed: 'base-1', layerSizes: [20000, 3000] }
  const one = buildImage({ seed: 'reuse-one', ...base })
  const two = buildImage({ seed: 'reuse-two', ...base })
  const layers = (img: BuiltImage): string[] =>
    (JSON.parse(img.manifest.bytes.toString()) as { layers: { digest: string }[] }).layers.map(l => l.digest)

  beforeAll(async () => {
    await pushImage(t.src, 'reuse/app', 'one', one)
    await pushImage(t.src, 'reuse/app', 'two', two)
  })

  test('the images really share exactly their base layer', () => {
    expect(layers(one)[0]).toBe(layers(two)[0])
    expect(new Set([...allDigests(one), ...allDigests(two)]).size).toBe(
      allDigests(one).length + allDigests(two).length - 1
    )
  })

  test('a second tag sharing a base layer uploads only its new blobs (HEAD finds the base)', async () => {
    await new CopyEngine().copy(
      source(t.client, t.src, 'reuse/app:one'),
      destination(t.client, t.dst, 'reuse/app:one'),
      'one'
    )
    await t.dst.clearAccessLog()
    // A fresh engine (a later run) knows nothing: the registry HEAD must find the base.
    const result = await new CopyEngine().copy(
      source(t.client, t.src, 'reuse/app:two'),
      destination(t.client, t.dst, 'reuse/app:two'),
      'two'
    )
    const newBlobs = allDigests(two).filter(d => !allDigests(one).includes(d))
    expect(blobPuts(await t.dst.accessLog()).sort()).toEqual(newBlobs.sort())
    expect(result).toMatchObject({ blobsCopied: newBlobs.length, blobsSkipped: 1 })
  })

  test('concurrent copies sharing a blob move it once; each copy hears of it through its own hooks', async () => {
    await t.dst.clearAccessLog()
    // Engine-wide hooks hear every copy, besides the hooks each copy() call brings.
    const all: string[] = []
    const engine = new CopyEngine({ onSkipped: e => all.push(`${e.reason} ${e.blob.digest}`) })
    const heard = { one: [] as string[], two: [] as string[] }
    const results = await Promise.all(
      (['one', 'two'] as const).map(tag =>
        engine.copy(
          source(t.client, t.src, `reuse/app:${tag}`),
          destination(t.client, t.dst, `shared/app:${tag}`),
          tag,
          {
            onCopied: e => heard[tag].push(`copied ${e.blob.digest}`),
            onSkipped: e => heard[tag].push(`${e.reason} ${e.blob.digest}`)
          }
        )
      )
    )
    const puts = blobPuts(await t.dst.accessLog())
    const base = layers(one)[0]!
    expect(puts.filter(d => d === base)).toHaveLength(1)
    expect(puts.sort()).toEqual([...new Set([...allDigests(one), ...allDigests(two)])].sort())
    expect(all).toEqual([`already-copied ${base}`])
    // The copy that waited hears 'already-copied'; the one that moved the blob hears 'copied'.
    const [waited, moved]: ('one' | 'two')[] = heard.one.includes(`already-copied ${base}`)
      ? ['one', 'two']
      : ['two', 'one']
    expect(heard[waited!]).toContain(`already-copied ${base}`)
    expect(heard[waited!]).not.toContain(`copied ${base}`)
    expect(heard[moved!]).toContain(`copied ${base}`)
    expect(heard[moved!].filter(e => !e.startsWith('copied '))).toEqual([])
    expect(results.map(r => r.blobsCopied).reduce((a, b) => a + b)).toBe(puts.length)
  })
})

describe('cross-repository mounts', () => {
  test('a copy into another repository of the same registry mounts every blob and uploads none', async () => {
    const image = buildImage({ seed: 'mount-same', platforms: ['linux/amd64', 'linux/arm64'] })
    await pushImage(t.dst, 'mount/origin', 'v1', image)
    await t.dst.clearAccessLog()
    const mounted: string[] = []
    const result = await new CopyEngine().copy(
      source(t.client, t.dst, 'mount/origin:v1'),
      destination(t.client, t.dst, 'mount/copy:v1'),
      'v1',
      {
        onMounted: e => mounted.push(`${e.from.repository} ${e.blob.digest}`)
      }
    )
    const log = await t.dst.accessLog()
    expect(blobPuts(log)).toEqual([])
    expect(mounts(log).sort()).toEqual(allDigests(image).sort())
    expect(mounted.sort()).toEqual(
      allDigests(image)
        .map(d => `mount/origin ${d}`)
        .sort()
    )
    expect(result).toMatchObject({
      blobsMounted: image.blobs.length,
      blobsCopied: 0,
      bytes: 0,
      digest: image.manifest.digest
    })
  })

  test('a blob this run put in one repository is mounted into the next, not uploaded again', async () => {
    const image = buildImage({ seed: 'mount-run' })
    await pushImage(t.src, 'runmount/app', 'v1', image)
    const engine = new CopyEngine()
    await engine.copy(
      source(t.client, t.src, 'runmount/app:v1'),
      destination(t.client, t.dst, 'runmount/a:v1'),
      'v1'
    )
    await t.dst.clearAccessLog()
    const result = await engine.copy(
      source(t.client, t.src, 'runmount/app:v1'),
      destination(t.client, t.dst, 'runmount/b:v1'),
      'v1'
    )
    const log = await t.dst.accessLog()
    expect(blobPuts(log)).toEqual([])
    expect(mounts(log).sort()).toEqual(allDigests(image).sort())
    expect(
      log.filter(e => e.path.includes('from=runmount%2Fa') || e.path.includes('from=runmount/a'))
    ).toHaveLength(image.blobs.length)
    expect(result.blobsMounted).toBe(image.blobs.length)
  })
})
