/**
 * A GHCR-shaped registry: upload bodies over 4 MiB refused (416), the referrers endpoint redirecting
 * to a web page, uppercase names refused, an OCI index unknown to an Accept without its type.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
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
import { cli } from './sync-helpers.js'

jest.setTimeout(120_000)

let gh: Personality
let src: StartedRegistry
// An OCI index (buildImage's default for several platforms), as GHCR stores multi-platform images.
const image = buildImage({ seed: 'ghcr-1', platforms: ['linux/amd64', 'linux/arm64'], layerSizes: [20_000] })
const big = buildImage({ seed: 'ghcr-big', layerSizes: [9 * 1024 * 1024 + 123] })
const sig = buildArtifact({
  seed: 'ghcr-sig',
  subject: {
    digest: image.manifest.digest,
    size: image.manifest.bytes.length,
    mediaType: image.manifest.mediaType
  }
})

beforeAll(async () => {
  ;[gh, src] = await Promise.all([startPersonality('ghcr'), startRegistry({ mode: 'basic' })])
  await pushImage(gh.reg, 'owner/app', '1', image)
  await pushImage(gh.reg, 'owner/app', undefined, sig)
  await pushImage(src, 'up/big', '1', big)
})
afterAll(async () => {
  await Promise.all([gh?.stop(), src?.stop()])
})

describe('ghcr personality', () => {
  test('an OCI index is read with the index type in Accept: mirrored, never MANIFEST_UNKNOWN', async () => {
    expect(image.manifest.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    const r = await syncImages([gh, src], [[`${gh.host}/owner/app:1`, `${src.host}/from-ghcr/app:1`]])
    expect(errorsOf(r)).toEqual([])
    expect(gh.fired('ghcr/accept-index')).toBe(0)
    expect(await digestBehind(src, 'from-ghcr/app:1')).toBe(image.manifest.digest)
  })

  test('the referrers endpoint redirects to a web page: read as "no API", the fallback tag is used', async () => {
    const redirects = gh.fired('ghcr/referrers-redirect')
    const r = await syncImages([gh, src], [[`${gh.host}/owner/app:1`, `${src.host}/from-ghcr/refs:1`]])
    expect(errorsOf(r)).toEqual([])
    expect(gh.fired('ghcr/referrers-redirect')).toBeGreaterThan(redirects)
    expect(gh.webPageHits()).toBe(0)
    expect(await digestBehind(src, `from-ghcr/refs@${sig.manifest.digest}`)).toBe(sig.manifest.digest)
  })

  test('a 9 MiB layer goes up in chunks of at most 4 MiB: no 416', async () => {
    const r = await syncImages([gh, src], [[`${src.host}/up/big:1`, `${gh.host}/owner/big:1`]])
    expect(errorsOf(r)).toEqual([])
    expect(gh.fired('ghcr/patch-416')).toBe(0)
    expect(await digestBehind(gh, 'owner/big:1')).toBe(big.manifest.digest)
  })

  test('an uppercase owner is refused before any request, naming the rule', async () => {
    const before = gh.fired()
    const r = await cli(['copy', `docker://${src.host}/up/big:1`, `docker://${gh.host}/MyOrg/app:1`])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(troubleshooting('uppercase'))
    expect(r.stderr).toContain('MyOrg')
    expect(gh.fired('ghcr/uppercase')).toBe(0)
    expect(gh.fired()).toBe(before)
  })
})
