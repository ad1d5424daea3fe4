/**
 * An ECR-shaped registry: repositories that must exist (NAME_UNKNOWN) unless create-on-push, blob
 * GETs redirected to a signed URL that answers 400 to a forwarded Authorization, and mounts only of
 * blobs a manifest in the source repository references.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { CopyEngine, type CopyResult } from '../../src/copy/index.js'
import { parseReference } from '../../src/oci/index.js'
import { openDockerDestination, openDockerSource } from '../../src/transports/index.js'
import {
  buildImage,
  pushImage,
  regRequest,
  startPersonality,
  startRegistry,
  type BuiltImage,
  type Personality,
  type StartedRegistry
} from '../harness/index.js'
import { clientOf, digestBehind, errorsOf, syncImages, troubleshooting } from './personality-helpers.js'

jest.setTimeout(120_000)

const REPOS = ['team/app', 'team/copy', 'team/blobonly', 'team/from-hint', 'team/from-stale']
let ecr: Personality
let src: StartedRegistry
const image = buildImage({ seed: 'ecr-1', platforms: ['linux/amd64', 'linux/arm64'], layerSizes: [30_000] })
const other = buildImage({ seed: 'ecr-2', layerSizes: [20_000, 10_000] })

/** Blobs only, no manifest: what an interrupted push leaves behind. */
async function pushBlobsOnly(reg: StartedRegistry, repo: string, img: BuiltImage): Promise<void> {
  for (const b of img.blobs) {
    const start = await regRequest(reg, { method: 'POST', path: `/v2/${repo}/blobs/uploads/`, repo })
    await start.body.dump()
    const loc = new URL(String(start.headers.location), reg.url)
    loc.searchParams.set('digest', b.digest)
    const put = await regRequest(reg, {
      method: 'PUT',
      path: loc.toString(),
      repo,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(b.data.length) },
      body: b.data
    })
    await put.body.dump()
    if (put.statusCode !== 201) throw new Error(`blob upload to ${repo}: ${put.statusCode}`)
  }
}

async function copyWithHint(from: string, to: string, hint: string): Promise<CopyResult> {
  const { client, done } = await clientOf([ecr, src])
  try {
    const engine = new CopyEngine({ mountHints: { candidates: () => [hint] } })
    return await engine.copy(
      openDockerSource(parseReference(`${src.host}/${from}`), client),
      openDockerDestination(parseReference(`${ecr.host}/${to}`), client),
      '1'
    )
  } finally {
    await done()
  }
}

beforeAll(async () => {
  ;[ecr, src] = await Promise.all([
    startPersonality('ecr', { repositories: REPOS }),
    startRegistry({ mode: 'basic' })
  ])
  await pushImage(ecr.reg, 'team/app', '1', image)
  await pushImage(src, 'up/other', '1', other)
  await pushImage(src, 'up/app', '1', image)
  await pushBlobsOnly(ecr.reg, 'team/blobonly', other)
})
afterAll(async () => {
  await Promise.all([ecr?.stop(), src?.stop()])
})

describe('ecr personality', () => {
  test('a repository that does not exist: NAME_UNKNOWN, with the fix', async () => {
    const r = await syncImages([ecr, src], [[`${src.host}/up/app:1`, `${ecr.host}/missing/app:1`]])
    expect(errorsOf(r).join('\n')).toMatch(troubleshooting('ecr-repository'))
    expect(ecr.fired('ecr/name-unknown')).toBeGreaterThan(0)
  })

  test('with create-on-push the same push mirrors', async () => {
    const auto = await startPersonality('ecr', { createOnPush: true })
    try {
      const r = await syncImages([auto, src], [[`${src.host}/up/app:1`, `${auto.host}/missing/app:1`]])
      expect(errorsOf(r)).toEqual([])
      expect(await digestBehind(auto, 'missing/app:1')).toBe(image.manifest.digest)
    } finally {
      await auto.stop()
    }
  })

  test('blob GETs follow the redirect to the signed URL without Authorization (S3 would answer 400)', async () => {
    const before = ecr.blobRedirects()
    const r = await syncImages([ecr, src], [[`${ecr.host}/team/app:1`, `${src.host}/from-ecr/app:1`]])
    expect(errorsOf(r)).toEqual([])
    expect(ecr.blobRedirects() - before).toBe(image.blobs.length)
    expect(ecr.seenAuthorization()).toEqual([])
    expect(await digestBehind(src, 'from-ecr/app:1')).toBe(image.manifest.digest)
  })

  test('a mount from a repository where a manifest references the blob is a mount', async () => {
    const r = await copyWithHint('up/app:1', 'team/from-hint:1', 'team/app')
    expect(r.blobsMounted).toBeGreaterThan(0)
    expect(await digestBehind(ecr, 'team/from-hint:1')).toBe(image.manifest.digest)
  })

  test('a mount of a blob no manifest references answers 202: the blob is uploaded instead', async () => {
    const r = await copyWithHint('up/other:1', 'team/from-stale:1', 'team/blobonly')
    expect(ecr.fired('ecr/mount-202')).toBeGreaterThan(0)
    expect(r.blobsMounted).toBe(0)
    expect(await digestBehind(ecr, 'team/from-stale:1')).toBe(other.manifest.digest)
  })
})
