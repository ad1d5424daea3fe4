// What each transport declares its destinations can do: the sync and the engine branch on these
// flags, so a transport that changes one changes behaviour (serialised copies, index vs manifest).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { RegistryClient } from '../../src/registry/index.js'
import {
  destinationCapabilities,
  lookUpTag,
  openDestination,
  parseTransportRef
} from '../../src/transports/index.js'
import { buildImage } from '../harness/index.js'
import { tempDir, writeBuilt } from './transport-helpers.js'

let t: { dir: string; cleanup(): Promise<void> }
beforeAll(async () => {
  t = await tempDir('mirror-capabilities-')
})
afterAll(() => t.cleanup())

describe('destination capabilities', () => {
  test.each([
    // Registry repositories and layouts take many images and several writers at once.
    ['docker://127.0.0.1:5000/ns/app:1', { concurrentCopies: true, indexes: true }],
    ['oci:{dir}/layout:1', { concurrentCopies: true, indexes: true }],
    // An archive is one image of one platform; a dir: is one image, rewritten by each copy. Neither
    // holds referrers beside the image.
    [
      'docker-archive:{dir}/image.tar:ns/app:1',
      { concurrentCopies: false, indexes: false, referrers: false }
    ],
    ['dir:{dir}/plain', { concurrentCopies: false, indexes: true, referrers: false }]
  ])('%s', async (raw, want) => {
    const ref = parseTransportRef(raw.replace('{dir}', t.dir))
    // Before opening (a sync decides how to serialise first) and once opened: the same answer.
    expect(destinationCapabilities(ref)).toEqual(want)
    const dst = await openDestination(ref, { client: new RegistryClient() })
    try {
      expect(dst.capabilities).toEqual(want)
      expect(dst.capabilities).toBe(destinationCapabilities(ref))
    } finally {
      await dst.close()
    }
  })
})

// What a sync's plan reads of a target without opening it; undefined leaves the question to the copy.
describe('lookUpTag', () => {
  const image = buildImage({ seed: 'lookup' })
  const client = new RegistryClient()
  beforeAll(async () => {
    const dst = await openDestination({ transport: 'oci', dir: join(t.dir, 'tagged'), ref: 'v1' }, { client })
    await writeBuilt(dst, image, 'v1')
  })

  test.each([
    ['a layout ref', 'oci:{dir}/tagged:v1', 'v1', 'digest'],
    ['a ref the layout lacks', 'oci:{dir}/tagged:v2', 'v2', null],
    ['a layout that does not exist (and is not created)', 'oci:{dir}/none:v1', 'v1', null],
    ['a layout without a ref', 'oci:{dir}/tagged', undefined, undefined],
    ['an archive', 'docker-archive:{dir}/image.tar:ns/app:1', 'ns/app:1', undefined],
    ['a dir:', 'dir:{dir}/plain', undefined, undefined]
  ])('%s', async (_n, raw, tag, want) => {
    const found = await lookUpTag(parseTransportRef(raw.replace('{dir}', t.dir)), tag, { client })
    expect(found).toEqual(want === 'digest' ? { digest: image.manifest.digest } : want)
    expect(existsSync(join(t.dir, 'none'))).toBe(false)
  })
})
