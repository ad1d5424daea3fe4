/**
 * A separate process opening one OCI layout several times at once (for transport-oci-init.test.ts):
 * `node --import ./scripts/ts-loader.mjs transport-oci-init-opener.ts LAYOUT PREFIX COUNT`.
 * Prints `ready`, waits for a line on stdin so every process starts opening at the same moment,
 * then writes one image through each destination it opened.
 */
import { once } from 'node:events'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { ImageDestination } from '../../src/oci/index.js'
import { buildImage } from '../harness/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import { openDestination } from '../../src/transports/index.js'
import { writeBuilt } from './transport-helpers.js'

const [layout, prefix, count] = process.argv.slice(2)
const client = new RegistryClient()
process.stdout.write('ready\n')
await once(process.stdin, 'data')
process.stdin.pause()
const refs = Array.from({ length: Number(count) }, (_, i) => `${prefix}-${i}`)
// Staggered by one file-system round trip each, so some opens land while another is creating the layout.
const opening: Promise<ImageDestination>[] = []
for (const ref of refs) {
  opening.push(openDestination({ transport: 'oci', dir: layout, ref }, { client }))
  await stat(path.dirname(layout)).catch(() => undefined)
}
const dsts = await Promise.all(opening)
for (const [i, dst] of dsts.entries()) {
  await writeBuilt(dst, buildImage({ seed: refs[i], layerSizes: [512] }), refs[i])
}
