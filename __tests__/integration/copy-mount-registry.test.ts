// One blob crosses the link once per target registry: concurrent copies into several repositories
// wait for the first upload, then mount; a registry that will not mount still gets every image.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { CopyEngine } from '../../src/copy/index.js'
import {
  buildImage,
  listen,
  openUpstream,
  pushImage,
  relay,
  skopeo,
  upstreamFor,
  type AccessLogEntry,
  type BuiltImage,
  type ProxyHandle,
  type StartedRegistry
} from '../harness/index.js'
import { allDigests, blobPuts, clientFor, destination, source, useRegistries } from './copy-helpers.js'

const t = useRegistries()
const N = 6
const images = Array.from({ length: N }, (_, i) =>
  buildImage({ seed: `onbase-${i}`, sharedBaseSeed: 'one-base', layerSizes: [300_000, 2000] })
)
const baseOf = (img: BuiltImage): string =>
  (JSON.parse(img.manifest.bytes.toString()) as { layers: { digest: string }[] }).layers[0]!.digest
const base = baseOf(images[0]!)
const unique = [...new Set(images.flatMap(allDigests))]

/** Mount requests for `digest` (POST …?mount=), by the status the registry answered. */
const mountPosts = (log: AccessLogEntry[], digest: string, status: number): number =>
  log.filter(
    e =>
      e.method === 'POST' &&
      e.status === status &&
      new URL(e.path, 'http://x').searchParams.get('mount') === digest
  ).length

/**
 * A front that drops `mount`/`from` from upload POSTs: the registry opens a plain upload session
 * and answers 202, as a registry that does not mount across repositories does.
 */
async function startNoMountProxy(target: string): Promise<ProxyHandle & { mountsAsked: () => number }> {
  const up = upstreamFor(target)
  let asked = 0
  const h = await listen((req, res, origin) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (req.method === 'POST' && url.searchParams.has('mount')) {
      asked++
      url.searchParams.delete('mount')
      url.searchParams.delete('from')
      req.url = url.pathname + (url.search || '')
    }
    openUpstream(req, up).then(
      upRes => relay(req, res, upRes, up, origin),
      err => {
        res.writeHead(502)
        res.end(String(err))
      }
    )
  })
  return { ...h, mountsAsked: () => asked }
}

async function copyAll(
  client: Parameters<typeof source>[0],
  dst: StartedRegistry,
  prefix: string,
  engine = new CopyEngine()
): Promise<void> {
  await Promise.all(
    images.map((_, i) =>
      engine.copy(
        source(client, t.src, `onbase/app:v${i}`),
        destination(client, dst, `${prefix}/img${i}:v1`),
        'v1'
      )
    )
  )
}

async function readable(reg: StartedRegistry, host: string, ref: string): Promise<boolean> {
  const r = await skopeo(['inspect', '--raw', `docker://${host}/${ref}`], { reg })
  return r.code === 0
}

beforeAll(async () => {
  for (const [i, img] of images.entries()) await pushImage(t.src, 'onbase/app', `v${i}`, img)
})

describe('one registry, many repositories', () => {
  test('the images really share their base, and only it', () => {
    expect(images.every(img => baseOf(img) === base)).toBe(true)
    expect(unique).toHaveLength(1 + N * 2)
  })

  test('concurrent copies on one base upload it once and mount it everywhere else', async () => {
    await t.dst.clearAccessLog()
    await copyAll(t.client, t.dst, 'fleet')
    const log = await t.dst.accessLog()
    const puts = blobPuts(log)
    expect(puts.filter(d => d === base)).toHaveLength(1)
    expect(mountPosts(log, base, 201)).toBe(N - 1)
    expect(mountPosts(log, base, 202)).toBe(0)
    // Every other blob is one image's own: uploaded once.
    expect(puts.sort()).toEqual([...unique].sort())
    for (let i = 0; i < N; i++) expect(await readable(t.dst, t.dst.host, `fleet/img${i}:v1`)).toBe(true)
  })
})

describe('a registry that answers mounts with an upload session', () => {
  let proxy: Awaited<ReturnType<typeof startNoMountProxy>>
  let client: Parameters<typeof source>[0]
  let done: () => Promise<void>
  beforeAll(async () => {
    proxy = await startNoMountProxy(t.dst.url)
    ;({ client, done } = await clientFor([t.src, { ...t.dst, host: proxy.host }]))
  })
  afterAll(async () => {
    await done()
    await proxy.stop()
  })

  test('every image still lands, one upload of the base per repository; the run stops asking', async () => {
    await t.dst.clearAccessLog()
    const engine = new CopyEngine()
    await copyAll(client, { ...t.dst, host: proxy.host }, 'nomount', engine)
    const log = await t.dst.accessLog()
    expect(blobPuts(log).filter(d => d === base)).toHaveLength(N)
    const perRepository = [...unique, ...Array<string>(N - 1).fill(base)].sort()
    expect(blobPuts(log).sort()).toEqual(perRepository)
    // The images that waited for the first upload each asked once, before the refusal was known.
    expect(proxy.mountsAsked()).toBeLessThanOrEqual(N - 1)
    for (let i = 0; i < N; i++) expect(await readable(t.dst, t.dst.host, `nomount/img${i}:v1`)).toBe(true)

    // Later copies of the run, into new repositories, upload without asking again.
    const asked = proxy.mountsAsked()
    await t.dst.clearAccessLog()
    await copyAll(client, { ...t.dst, host: proxy.host }, 'nomount2', engine)
    expect(proxy.mountsAsked()).toBe(asked)
    expect(blobPuts(await t.dst.accessLog()).sort()).toEqual(perRepository)
    for (let i = 0; i < N; i++) expect(await readable(t.dst, t.dst.host, `nomount2/img${i}:v1`)).toBe(true)
  })
})
