/**
 * Credentials go only where the user gave them: blob redirects to another origin (a signed-URL
 * CDN, as Docker Hub, ECR and Harbor on S3 do) never carry them. Token realms: security-realm.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CredentialStore, type Credential } from '../../src/auth/index.js'
import { parseConfig } from '../../src/config/index.js'
import { sync, type SyncReport } from '../../src/sync/index.js'
import { RegistryClient, type ClientOptions } from '../../src/registry/index.js'
import {
  buildImage,
  pushImage,
  startRedirectingBlobServer,
  startRegistry,
  makeTempDir,
  type BuiltImage,
  type RedirectingBlobServer,
  type StartedRegistry
} from '../harness/index.js'
import { checkTag } from './reliability-helpers.js'

const dir = makeTempDir('security-credentials')

async function runSync(
  yaml: string,
  creds: Record<string, Credential>,
  opts: Partial<ClientOptions> = {}
): Promise<SyncReport> {
  const credentials = await CredentialStore.load({ explicit: creds, dockerConfigDir: dir })
  const client = new RegistryClient({
    credentials,
    retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
    ...opts
  })
  try {
    const file = join(dir, 'mirror.yaml')
    writeFileSync(file, yaml)
    return await sync(parseConfig(yaml, file), { client })
  } finally {
    await client.close()
  }
}

describe('blob redirects to another origin', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let image: BuiltImage
  const fronts: RedirectingBlobServer[] = []

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([startRegistry({ mode: 'basic' }), startRegistry({ mode: 'anonymous' })])
    image = buildImage({
      seed: 'redirect-creds',
      platforms: ['linux/amd64', 'linux/arm64'],
      layerSizes: [30_000]
    })
    await pushImage(src, 'cdn/app', 'v1', image)
  }, 60_000)
  afterAll(async () => {
    await Promise.all(fronts.map(f => f.stop()))
    await Promise.all([src?.stop(), dst?.stop()])
  })

  test.each([
    ['a CDN that ignores Authorization', false],
    ['an S3-like origin that answers 400 to an extra Authorization', true]
  ])(
    '%s: the copy works and the other origin never sees the credentials',
    async (_name, rejectAuthorization) => {
      const front = await startRedirectingBlobServer(src, { rejectAuthorization })
      fronts.push(front)
      const target = `cdn${fronts.length}/app`
      const report = await runSync(
        `version: 1\nimages:\n  ${front.host}/cdn/app:v1: ${dst.host}/${target}\n`,
        {
          [front.host]: { username: src.username!, password: src.password! }
        }
      )
      expect(report.images.map(i => [i.status, i.error])).toEqual([['copied', undefined]])
      // Every blob (configs and layers of both platforms) came through the other origin...
      expect(front.redirects()).toBe(image.blobs.length)
      // ...which never received an Authorization header.
      expect(front.seenAuthorization()).toEqual([])
      expect(await checkTag(dst, target, 'v1')).toMatchObject({
        exists: true,
        problems: [],
        digest: image.manifest.digest
      })
    }
  )
})
