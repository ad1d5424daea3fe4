/**
 * A separate process writing images into one OCI layout (for the cross-process test):
 * `node --import ./scripts/ts-loader.mjs transports-writer.ts LAYOUT PREFIX COUNT`.
 */
import { buildImage } from '../harness/index.js'
import { openOciDestination } from '../../src/transports/oci-layout/index.js'
import { writeBuilt } from '../unit/transport-helpers.js'

const [layout, prefix, count] = process.argv.slice(2)
for (let i = 0; i < Number(count); i++) {
  const img = buildImage({ seed: `${prefix}-${i}`, sharedBaseSeed: 'writers', layerSizes: [2048, 1024] })
  await writeBuilt(await openOciDestination(layout, `${prefix}-${i}`), img, `${prefix}-${i}`)
}
