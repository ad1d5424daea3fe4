/**
 * A Harbor-shaped registry: projects that must exist (else a misleading 401), mounts answering 202
 * when the source repository lacks the blob, referrers and `.sig` tags refused before their
 * subject, and connection resets under load (every 7th connection).
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { CopyEngine } from '../../src/copy/index.js'
import { parseReference } from '../../src/oci/index.js'
import { openDockerDestination, openDockerSource } from '../../src/transports/index.js'
import {
  buildImage,
  bundleReferrerImage,
  cosignSignatureImage,
  pushImage,
  simpleSigningPayload,
  startPersonality,
  startRegistry,
  type Personality,
  type StartedRegistry
} from '../harness/index.js'
import { clientOf, digestBehind, errorsOf, syncImages, troubleshooting } from './personality-helpers.js'

jest.setTimeout(120_000)

let harbor: Personality
let src: StartedRegistry
const image = buildImage({
  seed: 'harbor-1',
  platforms: ['linux/amd64', 'linux/arm64'],
  layerSizes: [20_000]
})
const signed = buildImage({ seed: 'harbor-signed', layerSizes: [10_000] })
const subject = {
  digest: signed.manifest.digest,
  size: signed.manifest.bytes.length,
  mediaType: signed.manifest.mediaType
}
const bundle = bundleReferrerImage(
  subject,
  Buffer.from('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}')
)
const legacySig = cosignSignatureImage([
  { payload: simpleSigningPayload(signed.manifest.digest), signature: 'c2ln' }
])
const sigTag = `${signed.manifest.digest.replace(':', '-')}.sig`

beforeAll(async () => {
  ;[harbor, src] = await Promise.all([
    startPersonality('harbor', { projects: ['library', 'team'] }),
    startRegistry({ mode: 'basic' })
  ])
  await pushImage(src, 'up/app', '1', image)
  await pushImage(src, 'up/signed', '1', signed)
  await pushImage(src, 'up/signed', undefined, bundle)
  await pushImage(src, 'up/signed', sigTag, legacySig)
})
afterAll(async () => {
  await Promise.all([harbor?.stop(), src?.stop()])
})

describe('harbor personality', () => {
  test('a project that does not exist: the misleading 401 is explained', async () => {
    const r = await syncImages([harbor, src], [[`${src.host}/up/app:1`, `${harbor.host}/nope/app:1`]])
    expect(errorsOf(r).join('\n')).toMatch(troubleshooting('harbor-project'))
    expect(harbor.fired('harbor/no-project')).toBeGreaterThan(0)
  })

  test('the image goes before its referrer and its .sig tag: nothing is refused, all mirrored', async () => {
    const r = await syncImages(
      [harbor, src],
      [[`${src.host}/up/signed:1`, `${harbor.host}/library/signed:1`]]
    )
    expect(errorsOf(r)).toEqual([])
    expect(harbor.fired('harbor/subject-missing')).toBe(0)
    expect(await digestBehind(harbor, 'library/signed:1')).toBe(signed.manifest.digest)
    expect(await digestBehind(harbor, `library/signed@${bundle.manifest.digest}`)).toBe(
      bundle.manifest.digest
    )
    expect(await digestBehind(harbor, `library/signed:${sigTag}`)).toBe(legacySig.manifest.digest)
  })

  test('a mount from a repository without the blob answers 202: the blob is uploaded instead', async () => {
    const { client, done } = await clientOf([harbor, src])
    try {
      // A remembered holder that no longer holds anything (a stale sync state).
      const engine = new CopyEngine({ mountHints: { candidates: () => ['team/empty'] } })
      await engine.copy(
        openDockerSource(parseReference(`${src.host}/up/app:1`), client),
        openDockerDestination(parseReference(`${harbor.host}/team/mounted:1`), client),
        '1'
      )
    } finally {
      await done()
    }
    expect(harbor.fired('harbor/mount-202')).toBeGreaterThan(0)
    expect(await digestBehind(harbor, 'team/mounted:1')).toBe(image.manifest.digest)
  })

  test('under load some connections are reset: retried, every image mirrored', async () => {
    const tags = ['a', 'b', 'c', 'd', 'e']
    for (const t of tags)
      await pushImage(src, 'load/app', t, buildImage({ seed: `harbor-load-${t}`, layerSizes: [5000, 3000] }))
    const resets = harbor.fired('reset')
    const r = await syncImages(
      [harbor, src],
      tags.map(t => [`${src.host}/load/app:${t}`, `${harbor.host}/team/load:${t}`]),
      { concurrency: 3 }
    )
    expect(errorsOf(r)).toEqual([])
    expect(harbor.fired('reset')).toBeGreaterThan(resets)
    expect(r.totals.copied).toBe(tags.length)
  })
})
