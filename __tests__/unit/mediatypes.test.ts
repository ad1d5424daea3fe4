import { describe, expect, test } from '@jest/globals'
import { isForeignLayer, isImageManifest, isIndex, MediaType } from '../../src/oci/index.js'

describe('media types', () => {
  test.each([
    [MediaType.OciIndex, true, false],
    [MediaType.DockerManifestList, true, false],
    [MediaType.OciManifest, false, true],
    [MediaType.DockerManifest, false, true],
    [MediaType.OciConfig, false, false]
  ])('%s index=%s image=%s', (mt, index, image) => {
    expect(isIndex(mt)).toBe(index)
    expect(isImageManifest(mt)).toBe(image)
  })

  test('foreign layers', () => {
    expect(isForeignLayer(MediaType.DockerForeignLayer)).toBe(true)
    expect(isForeignLayer(MediaType.OciLayerGzip)).toBe(false)
  })
})
