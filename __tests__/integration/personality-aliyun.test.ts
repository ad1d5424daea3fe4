/**
 * An Aliyun ACR-shaped registry (personal edition): token realm on another host, only
 * namespace/repository names, namespaces that must exist, blob HEADs denied before the repository
 * exists, empty-config manifests refused, and a repository cap.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import {
  buildImage,
  bundleReferrerImage,
  pushImage,
  startPersonality,
  startRegistry,
  type Personality,
  type StartedRegistry
} from '../harness/index.js'
import { digestBehind, errorsOf, syncImages, troubleshooting } from './personality-helpers.js'

jest.setTimeout(120_000)

let acr: Personality
let src: StartedRegistry
const image = buildImage({ seed: 'acr-1', platforms: ['linux/amd64', 'linux/arm64'], layerSizes: [20_000] })
const signed = buildImage({ seed: 'acr-signed', layerSizes: [10_000] })
const bundle = bundleReferrerImage(
  {
    digest: signed.manifest.digest,
    size: signed.manifest.bytes.length,
    mediaType: signed.manifest.mediaType
  },
  Buffer.from('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}')
)

beforeAll(async () => {
  ;[acr, src] = await Promise.all([startPersonality('aliyun'), startRegistry({ mode: 'basic' })])
  await pushImage(src, 'up/app', '1', image)
  await pushImage(src, 'deep/path/app', '1', image)
  await pushImage(src, 'up/signed', '1', signed)
  await pushImage(src, 'up/signed', undefined, bundle)
})
afterAll(async () => {
  await Promise.all([acr?.stop(), src?.stop()])
})

describe('aliyun personality', () => {
  test('a push to a new repository: credentials reach the realm on another host; denied blob HEADs mean "upload"', async () => {
    acr.reg.clearTokenRequests()
    const r = await syncImages([acr, src], [[`${src.host}/up/app:1`, `${acr.host}/mirror/app:1`]])
    expect(errorsOf(r)).toEqual([])
    expect(new URL(acr.realm!).hostname).toBe('127.0.0.3')
    const tokens = acr.reg.tokenRequests()
    expect(tokens.length).toBeGreaterThan(0)
    expect(tokens.every(t => t.credentials && t.status === 200)).toBe(true)
    expect(acr.fired('aliyun/blob-head-denied')).toBeGreaterThan(0)
    expect(await digestBehind(acr, 'mirror/app:1')).toBe(image.manifest.digest)
  })

  test('a namespace that does not exist: the failure says so and how to fix it', async () => {
    const r = await syncImages([acr, src], [[`${src.host}/up/app:1`, `${acr.host}/nope/app:1`]])
    expect(errorsOf(r).join('\n')).toMatch(troubleshooting('aliyun-namespace'))
    expect(acr.fired('aliyun/unknown-namespace')).toBeGreaterThan(0)
  })

  test('deeper names are refused with the reason; a ~ target flattens them and mirrors', async () => {
    const deep = await syncImages(
      [acr, src],
      [[`${src.host}/deep/path/app:1`, `${acr.host}/mirror/deep/app:1`]]
    )
    expect(errorsOf(deep).join('\n')).toMatch(troubleshooting('aliyun-depth'))
    const flat = await syncImages([acr, src], [[`${src.host}/deep/path/app:1`, '~']], {
      extra: `defaults:\n  target: ${acr.host}/mirror\n`
    })
    expect(errorsOf(flat)).toEqual([])
    expect(await digestBehind(acr, 'mirror/app:1')).toBe(image.manifest.digest)
  })

  test('a referrer with the empty config is refused with the fix; without referrers the image mirrors', async () => {
    const r = await syncImages([acr, src], [[`${src.host}/up/signed:1`, `${acr.host}/mirror/signed:1`]])
    expect(errorsOf(r).join('\n')).toMatch(troubleshooting('aliyun-empty-config'))
    expect(acr.fired('aliyun/empty-config')).toBeGreaterThan(0)
    const without = await syncImages(
      [acr, src],
      [[`${src.host}/up/signed:1`, `${acr.host}/mirror/signed:1`]],
      {
        extra: 'defaults:\n  referrers: false\n'
      }
    )
    expect(errorsOf(without)).toEqual([])
    expect(await digestBehind(acr, 'mirror/signed:1')).toBe(signed.manifest.digest)
  })

  test('past the repository cap a new repository is refused with the reason', async () => {
    const capped = await startPersonality('aliyun', { maxRepositories: 1 })
    try {
      const r = await syncImages(
        [capped, src],
        [
          [`${src.host}/up/app:1`, `${capped.host}/mirror/one:1`],
          [`${src.host}/up/signed:1`, `${capped.host}/mirror/two:1`]
        ],
        { concurrency: 1, extra: 'defaults:\n  referrers: false\n' }
      )
      expect(r.totals.copied).toBe(1)
      expect(errorsOf(r).join('\n')).toMatch(troubleshooting('aliyun-quota'))
      expect(capped.fired('aliyun/repository-cap')).toBeGreaterThan(0)
    } finally {
      await capped.stop()
    }
  })
})
