/** A Quay-shaped registry: a mount without `from` fails, so every mount must name its source. */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { CopyEngine } from '../../src/copy/index.js'
import { parseReference } from '../../src/oci/index.js'
import { openDockerDestination, openDockerSource } from '../../src/transports/index.js'
import { buildImage, pushImage, startPersonality, type Personality } from '../harness/index.js'
import { clientOf, digestBehind } from './personality-helpers.js'

jest.setTimeout(120_000)

let quay: Personality
const image = buildImage({ seed: 'quay-1', platforms: ['linux/amd64', 'linux/arm64'], layerSizes: [20_000] })

beforeAll(async () => {
  quay = await startPersonality('quay')
  await pushImage(quay.reg, 'org/app', '1', image)
})
afterAll(async () => {
  await quay?.stop()
})

describe('quay personality', () => {
  test('a copy between its repositories mounts every blob, naming the source repository', async () => {
    const { client, done } = await clientOf([quay])
    let mounted = 0
    try {
      const r = await new CopyEngine().copy(
        openDockerSource(parseReference(`${quay.host}/org/app:1`), client),
        openDockerDestination(parseReference(`${quay.host}/org/copy:1`), client),
        '1'
      )
      mounted = r.blobsMounted
    } finally {
      await done()
    }
    expect(quay.fired('quay/mount-without-from')).toBe(0)
    expect(mounted).toBe(image.blobs.length)
    expect(await digestBehind(quay, 'org/copy:1')).toBe(image.manifest.digest)
  })
})
