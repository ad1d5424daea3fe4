// The bundled action's log while images copy at the same time: every engine line (blobs, manifests,
// warnings) lands in the group of the image whose copy raised it, even when the engine spells the
// target differently from the config (here an upper-case host, as `x` stands for
// `docker.io/library/x`) and the images share a repository.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { badGateway, listen, openUpstream, relay, upstreamFor, type ProxyHandle } from '../harness/index.js'
import { removeTempDir } from '../harness/index.js'
import { buildAction, runAction, workspace } from './action-helpers.js'

jest.setTimeout(180_000)

const multi = buildImage({ seed: 'groups-a', platforms: ['linux/amd64', 'linux/arm64'], layerSizes: [4096] })
const single = buildImage({ seed: 'groups-b', layerSizes: [4096] })
const amd64 = multi.children[0]!
/** Config and layer digests of one image manifest. */
function blobsOf(m: { bytes: Buffer }): string[] {
  const j = JSON.parse(m.bytes.toString('utf8')) as {
    config: { digest: string }
    layers: { digest: string }[]
  }
  return [j.config.digest, ...j.layers.map(l => l.digest)]
}

/**
 * A proxy that holds every blob GET until each digest group has one waiting: then both copies are
 * running at once, whatever the scheduling, so the log must tell their events apart.
 */
async function startBlobGate(target: string, groups: string[][]): Promise<ProxyHandle> {
  const up = upstreamFor(target)
  const seen = new Set<number>()
  let held: (() => void)[] = []
  const forward = (req: IncomingMessage, res: ServerResponse, origin: string) => () =>
    openUpstream(req, up, undefined).then(
      upRes => relay(req, res, upRes, up, origin),
      err => badGateway(res, err)
    )
  // Never a deadlock: should a copy not ask (a bug), the test still ends and fails on its lines.
  const safety = setTimeout(() => held.splice(0).forEach(f => f()), 60_000)
  const handle = await listen(
    (req, res, origin) => {
      const digest = /\/blobs\/(sha256:[a-f0-9]{64})$/.exec(req.url ?? '')?.[1]
      const group = req.method === 'GET' && digest ? groups.findIndex(g => g.includes(digest)) : -1
      if (group < 0 || seen.size === groups.length) return void forward(req, res, origin)()
      seen.add(group)
      held.push(forward(req, res, origin))
      if (seen.size === groups.length) {
        clearTimeout(safety)
        held.splice(0).forEach(f => f())
      }
    },
    () => {
      clearTimeout(safety)
      held = []
      up.agent.destroy()
    }
  )
  return handle
}

let src: StartedRegistry
let dst: StartedRegistry
let gate: ProxyHandle
let entry: string
let bundleDir: string

beforeAll(async () => {
  const [built, a, b] = await Promise.all([
    buildAction(),
    startRegistry({ mode: 'anonymous' }),
    startRegistry({ mode: 'anonymous' })
  ])
  ;({ entry, dir: bundleDir } = built)
  src = a
  dst = b
  await pushImage(src, 'lib/app', '1', multi)
  await pushImage(src, 'lib/app', '2', single)
  gate = await startBlobGate(src.url, [blobsOf(amd64), blobsOf(single.manifest)])
})

afterAll(async () => {
  await Promise.all([gate?.stop(), src?.stop(), dst?.stop()])
  if (bundleDir) removeTempDir(bundleDir)
})

/** The lines of each `::group::` by its title, and the lines outside any group. */
function groups(stdout: string): { inside: Map<string, string[]>; outside: string[] } {
  const inside = new Map<string, string[]>()
  const outside: string[] = []
  let current: string[] | undefined
  for (const line of stdout.split('\n')) {
    if (line.startsWith('::group::')) inside.set(line.slice(9), (current = []))
    else if (line === '::endgroup::') current = undefined
    else (current ?? outside).push(line)
  }
  return { inside, outside }
}

const short = (d: string) => d.slice(0, 'sha256:'.length + 12)

describe('images copied at once', () => {
  test('each image group holds its own blob, manifest and warning lines, and nothing of the other', async () => {
    const host = dst.host.replace('127.0.0.1', 'LOCALHOST')
    const ws = workspace()
    ws.write(
      '.github/mirror.yaml',
      `version: 1\nimages:\n` +
        `  ${gate.host}/lib/app:1:\n    target: ${host}/mirror/app:1\n    platforms: [linux/amd64]\n` +
        `  ${gate.host}/lib/app:2: ${host}/mirror/app:2\n`
    )
    const r = await runAction(entry, ws, { cache: 'false' })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const { inside, outside } = groups(r.stdout)
    const titles = [...inside.keys()]
    expect(titles).toHaveLength(2)
    const one = inside.get(titles.find(t => t.includes(`→ ${host}/mirror/app:1 `))!)!
    const two = inside.get(titles.find(t => t.includes(`→ ${host}/mirror/app:2 `))!)!

    expect(one).toEqual(
      expect.arrayContaining([
        ...blobsOf(amd64).map(d => expect.stringMatching(new RegExp(`^copied ${short(d)} `))),
        expect.stringMatching(/^wrote manifest .* as tag 1$/),
        expect.stringMatching(/^note: digest changed: /)
      ])
    )
    expect(two).toEqual(
      expect.arrayContaining([
        ...blobsOf(single.manifest).map(d => expect.stringMatching(new RegExp(`^copied ${short(d)} `))),
        expect.stringMatching(/^wrote manifest .* as tag 2$/)
      ])
    )
    for (const d of blobsOf(single.manifest)) expect(one.join('\n')).not.toContain(short(d))
    for (const d of blobsOf(amd64)) expect(two.join('\n')).not.toContain(short(d))
    expect(two.join('\n')).not.toMatch(/as tag 1|note:/)
    // Nothing of an image is left outside the groups but the total (and the warning's annotation).
    expect(outside.filter(l => l.trim() !== '' && !l.startsWith('::warning::'))).toEqual([
      expect.stringMatching(/^total: 2 images: 2 copied/)
    ])
    ws.remove()
  })
})
