/**
 * A Docker Hub-shaped registry: token realm on another host, `library/` names, a GET-counted pull
 * quota, blob GETs redirected to a CDN, no referrers API, no cross-registry mounts.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { parseReference } from '../../src/oci/index.js'
import {
  buildArtifact,
  buildImage,
  pushImage,
  startPersonality,
  startRegistry,
  type Personality,
  type StartedRegistry
} from '../harness/index.js'
import { digestBehind, errorsOf, syncImages, troubleshooting } from './personality-helpers.js'

jest.setTimeout(120_000)

let hub: Personality
let src: StartedRegistry
const image = buildImage({ seed: 'hub-1', platforms: ['linux/amd64', 'linux/arm64'], layerSizes: [40_000] })
const cdnImage = buildImage({ seed: 'hub-cdn', layerSizes: [30_000, 20_000] })
const TAGS = ['1', '2', '3', '4']

beforeAll(async () => {
  ;[hub, src] = await Promise.all([startPersonality('dockerhub'), startRegistry({ mode: 'basic' })])
  await pushImage(hub.reg, 'library/app', '1', image)
  await pushImage(hub.reg, 'library/cdn', '1', cdnImage)
  await pushImage(src, 'up/app', '1', image)
})
afterAll(async () => {
  await Promise.all([hub?.stop(), src?.stop()])
})

describe('dockerhub personality', () => {
  test('a push goes through a token realm on another host, credentials included', async () => {
    hub.reg.clearTokenRequests()
    const r = await syncImages([hub, src], [[`${src.host}/up/app:1`, `${hub.host}/team/pushed:1`]])
    expect(errorsOf(r)).toEqual([])
    expect(new URL(hub.realm!).hostname).toBe('127.0.0.2')
    const pushes = hub.reg
      .tokenRequests()
      .filter(t => t.scopes.some(s => s.includes('team/pushed') && s.includes('push')))
    expect(pushes.length).toBeGreaterThan(0)
    expect(pushes.every(t => t.credentials && t.status === 200)).toBe(true)
    expect(await digestBehind(hub, 'team/pushed:1')).toBe(image.manifest.digest)
  })

  test('one-part names are library/ names: docker.io/app is library/app; a bare name is refused', async () => {
    expect(parseReference('docker.io/app:1').repository).toBe('library/app')
    expect(parseReference('app').repository).toBe('library/app')
    const ok = await syncImages([hub, src], [[`${hub.host}/library/app:1`, `${src.host}/lib/app:1`]])
    expect(errorsOf(ok)).toEqual([])
    expect(await digestBehind(src, 'lib/app:1')).toBe(image.manifest.digest)
    const bare = await syncImages([hub, src], [[`${hub.host}/app:1`, `${src.host}/lib/bare:1`]])
    expect(errorsOf(bare).join('\n')).toMatch(troubleshooting('dockerhub-library'))
    expect(hub.fired('dockerhub/one-part-name')).toBeGreaterThan(0)
  })

  test('no referrers API (404): referrers are read from the sha256-<hex> tag and copied', async () => {
    const sig = buildArtifact({
      seed: 'hub-sig',
      subject: {
        digest: image.manifest.digest,
        size: image.manifest.bytes.length,
        mediaType: image.manifest.mediaType
      }
    })
    await pushImage(hub.reg, 'library/app', undefined, sig)
    const r = await syncImages([hub, src], [[`${hub.host}/library/app:1`, `${src.host}/refs/app:1`]])
    expect(errorsOf(r)).toEqual([])
    expect(hub.fired('dockerhub/no-referrers')).toBeGreaterThan(0)
    expect(await digestBehind(src, `refs/app@${sig.manifest.digest}`)).toBe(sig.manifest.digest)
  })

  test('blob GETs follow the CDN redirect without the registry credentials', async () => {
    const before = hub.blobRedirects()
    const r = await syncImages([hub, src], [[`${hub.host}/library/cdn:1`, `${src.host}/cdn/app:1`]])
    expect(errorsOf(r)).toEqual([])
    expect(hub.blobRedirects() - before).toBe(cdnImage.blobs.length)
    expect(await digestBehind(src, 'cdn/app:1')).toBe(cdnImage.manifest.digest)
    expect(hub.seenAuthorization()).toEqual([])
  })

  test('a cross-registry copy into it uploads: no mount is asked for a repository of another registry', async () => {
    await hub.reg.clearAccessLog()
    const r = await syncImages([hub, src], [[`${src.host}/up/app:1`, `${hub.host}/team/fresh:1`]])
    expect(errorsOf(r)).toEqual([])
    const log = await hub.reg.accessLog()
    expect(log.filter(e => e.method === 'POST' && e.path.includes('mount='))).toEqual([])
    expect(await digestBehind(hub, 'team/fresh:1')).toBe(image.manifest.digest)
  })

  test('the pull quota: manifest GETs count, HEADs do not; past it images are deferred, not failed', async () => {
    // A fresh quota: the other tests' pulls do not count against it.
    const hub = await startPersonality('dockerhub', { pullLimit: 4 })
    try {
      await quota(hub)
    } finally {
      await hub.stop()
    }
  })
})

async function quota(hub: Personality): Promise<void> {
  for (const t of TAGS) await pushImage(hub.reg, 'team/many', t, buildImage({ seed: `hub-many-${t}` }))
  {
    const first = await syncImages(
      [hub, src],
      TAGS.map(t => [`${hub.host}/team/many:${t}`, `${src.host}/quota/many:${t}`]),
      { concurrency: 1 }
    )
    expect(first.totals.failed).toBe(0)
    expect(first.totals.deferred).toBeGreaterThan(0)
    expect(first.warnings.join('\n')).toMatch(troubleshooting('rate-limit-deferred'))
    const pulls = hub.pulls()
    // Unchanged images are checked by HEAD: a second run of the copied ones costs no pull.
    const copied = first.images.filter(i => i.status === 'copied').map(i => i.source)
    const again = await syncImages(
      [hub, src],
      copied.map(s => [s, s.replace(hub.host, src.host).replace('team/', 'quota/')])
    )
    expect(again.totals.skipped).toBe(copied.length)
    expect(hub.pulls()).toBe(pulls)
  }
}
