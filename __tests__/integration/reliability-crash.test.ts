/**
 * Crash safety: the CLI's sync runs as a child and is SIGKILLed at seeded moments (the Nth request
 * to the destination, the Kth manifest PUT, the Nth blob GET from the source). After every kill,
 * each target tag that exists must point at a complete image with the source's digest; every run
 * uploads only blobs that were missing before it; and the last, uninterrupted run completes.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import {
  buildImage,
  pushImage,
  seededRandom,
  startRegistry,
  makeTempDir,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import {
  blobPuts,
  bundleCli,
  checkTag,
  presentBlobs,
  spawnCli,
  startKillSwitch,
  writeCredentials,
  type KillSwitch
} from './reliability-helpers.js'

// Seed 1 kills mid-upload, at a source read, between manifest PUTs (2 of 4 tags written) and early on.
const SEED = Number(process.env.CRASH_SEED ?? 1)

const IMAGES: { name: string; tag: string; image: BuiltImage }[] = [
  {
    name: 'alpha',
    tag: '1.0',
    image: buildImage({
      seed: 'crash-alpha',
      platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
      attestations: true,
      layerSizes: [30_000, 200_000],
      sharedBaseSeed: 'crash-base'
    })
  },
  {
    name: 'bravo',
    tag: '2',
    image: buildImage({
      seed: 'crash-bravo',
      format: 'docker',
      platforms: ['linux/amd64', 'linux/arm64'],
      layerSizes: [30_000, 120_000],
      sharedBaseSeed: 'crash-base'
    })
  },
  { name: 'charlie', tag: 'v3', image: buildImage({ seed: 'crash-charlie', layerSizes: [250_000, 4096] }) },
  {
    name: 'delta',
    tag: 'latest',
    image: buildImage({
      seed: 'crash-delta',
      platforms: ['linux/amd64', 'linux/ppc64le'],
      layerSizes: [80_000]
    })
  }
]

/** Every (target repository, blob) pair the finished sync must hold. */
const PAIRS: [string, string][] = IMAGES.flatMap(({ name, image }) =>
  image.blobs.map(b => [`crash/${name}`, b.digest] as [string, string])
)
/** Every (target repository, manifest) pair, children and top manifests. */
const MANIFEST_PAIRS: [string, string][] = IMAGES.flatMap(({ name, image }) =>
  [...image.children, image.manifest].map(m => [`crash/${name}`, m.digest] as [string, string])
)

type Moment = {
  side: 'source' | 'destination'
  what: string
  when: (req: IncomingMessage, n: number) => boolean
}

describe('kill -9 of the CLI sync at seeded moments', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let srcSwitch: KillSwitch
  let dstSwitch: KillSwitch
  let cli: string
  let args: string[]

  beforeAll(async () => {
    ;[src, dst, cli] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'basic' }),
      bundleCli()
    ])
    for (const { name, tag, image } of IMAGES) await pushImage(src, `lib/${name}`, tag, image)
    srcSwitch = await startKillSwitch(src.url)
    dstSwitch = await startKillSwitch(dst.url)
    const dir = makeTempDir('crash-config')
    const config = join(dir, 'mirror.yaml')
    writeFileSync(
      config,
      `version: 1\nimages:\n${IMAGES.map(i => `  ${srcSwitch.host}/lib/${i.name}:${i.tag}: ${dstSwitch.host}/crash/${i.name}`).join('\n')}\n`
    )
    const creds = writeCredentials(join(dir, 'credentials.yaml'), [[dstSwitch.host, dst]])
    args = ['sync', '--config', config, '--credentials', creds, '--images-at-once', '2']
  }, 120_000)
  afterAll(async () => {
    await Promise.all([srcSwitch?.stop(), dstSwitch?.stop()])
    await Promise.all([src?.stop(), dst?.stop()])
  })

  /** Tags that exist must be complete and carry the source digest; returns how many exist. */
  async function assertTagsSound(): Promise<number> {
    let existing = 0
    for (const { name, tag, image } of IMAGES) {
      const c = await checkTag(dst, `crash/${name}`, tag)
      expect(c.problems).toEqual([])
      if (!c.exists) continue
      existing++
      expect(c.digest).toBe(image.manifest.digest)
    }
    return existing
  }

  test('tags are never incomplete; every run uploads only what is missing; the last run completes', async () => {
    const random = seededRandom(SEED)
    const pick = (max: number): number => 1 + Math.floor(random() * Math.max(1, max))
    const isManifestPut = (r: IncomingMessage) => r.method === 'PUT' && /\/manifests\//.test(r.url ?? '')
    const isBlobGet = (r: IncomingMessage) => r.method === 'GET' && /\/blobs\/sha256:/.test(r.url ?? '')
    const history: string[] = []
    let kills = 0
    for (let round = 0; round < 5; round++) {
      const present = await presentBlobs(dst, PAIRS)
      const missing = PAIRS.map(([r, d]) => `${r}@${d}`).filter(p => !present.has(p))
      // Blobs no target repository holds yet can only come from the source (not by a mount).
      const held = new Set([...present].map(p => p.split('@')[1]))
      const mustFetch = new Set(PAIRS.map(([, d]) => d).filter(d => !held.has(d))).size
      const manifests = await presentBlobs(dst, MANIFEST_PAIRS, 'manifests')
      const missingManifests = MANIFEST_PAIRS.length - manifests.size
      await dst.clearAccessLog()
      const child = spawnCli(cli, args)
      // Each moment is sure to come before the run ends: every missing blob costs the destination
      // at least two requests (HEAD, then POST+PUT or a mount), every missing manifest a PUT, every
      // blob no target holds a GET from the source. With nothing of a kind left, kill at once.
      const atRequest = (n: number): Moment => ({
        side: 'destination',
        what: `request ${n}`,
        when: (_r, i) => i === n
      })
      let moment: Moment | undefined
      if (round === 0) moment = atRequest(Math.ceil(missing.length / 2) + pick(missing.length))
      else if (round === 3) moment = atRequest(pick(2 * missing.length))
      else if (round === 1 && mustFetch > 0) {
        const g = pick(mustFetch)
        let m = 0
        moment = { side: 'source', what: `blob GET ${g}`, when: req => isBlobGet(req) && ++m === g }
      } else if (round === 2 && missingManifests > 0) {
        const k = pick(missingManifests)
        let m = 0
        moment = {
          side: 'destination',
          what: `manifest PUT ${k}`,
          when: req => isManifestPut(req) && ++m === k
        }
      } else if (round < 4) moment = atRequest(1)
      const sw = moment && (moment.side === 'source' ? srcSwitch : dstSwitch)
      if (moment) sw!.arm(child.child, moment.when)
      const result = await child.result
      const fired = sw?.fired() ?? false
      if (fired) kills++
      const puts = blobPuts(await dst.accessLog())
      const existing = await assertTagsSound()
      history.push(
        `round ${round}: ${moment ? `kill at ${moment.side} ${moment.what}` : 'no kill'} → ` +
          `${fired ? 'killed' : `exit ${result.code}`}; ${missing.length} blobs were missing, ${puts.length} uploaded; ${existing}/${IMAGES.length} tags`
      )
      // Only what was missing is uploaded, and nothing twice within one run.
      expect(puts.filter(p => !missing.includes(p))).toEqual([])
      expect(new Set(puts).size).toBe(puts.length)
      if (fired) {
        expect(result.signal).toBe('SIGKILL')
        continue
      }
      expect(result).toMatchObject({ code: 0 })
      expect(existing).toBe(IMAGES.length)
      expect(await presentBlobs(dst, PAIRS)).toHaveProperty('size', PAIRS.length)
      if (!moment) break
    }
    console.log(`crash safety (seed ${SEED}):\n  ${history.join('\n  ')}`)
    expect(kills).toBe(4)
    expect(history[history.length - 1]).toMatch(/no kill|exit 0/)
  }, 150_000)
})
