/**
 * The action against the headline target, an Aliyun ACR-shaped registry: a mirror into an existing
 * namespace succeeds (credentials reach the token service on another host), and one into a
 * namespace that does not exist fails the step with an annotation naming the cause and the fix.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import {
  buildImage,
  pushImage,
  removeTempDir,
  startPersonality,
  startRegistry,
  type Personality,
  type StartedRegistry
} from '../harness/index.js'
import { buildAction, errorCommands, runAction, workspace } from './action-helpers.js'
import { digestBehind, troubleshooting } from './personality-helpers.js'

jest.setTimeout(240_000)

let acr: Personality
let src: StartedRegistry
let entry: string
let bundleDir: string
const image = buildImage({
  seed: 'action-acr',
  platforms: ['linux/amd64', 'linux/arm64'],
  layerSizes: [10_000]
})

const credentials = (sides: { host: string; username?: string; password?: string }[]): string =>
  sides.map(s => `"${s.host}":\n  username: ${s.username}\n  password: "${s.password}"\n`).join('')

beforeAll(async () => {
  ;[acr, src, { entry, dir: bundleDir }] = await Promise.all([
    startPersonality('aliyun'),
    startRegistry({ mode: 'basic' }),
    buildAction()
  ])
  await pushImage(src, 'up/app', '1', image)
  await pushImage(src, 'up/other', '1', image)
})
afterAll(async () => {
  await Promise.all([acr?.stop(), src?.stop()])
  if (bundleDir) removeTempDir(bundleDir)
})

describe('the action against an Aliyun ACR-shaped target', () => {
  test('mirrors into an existing namespace; a missing one fails the step saying what to do', async () => {
    const ws = workspace()
    try {
      ws.write(
        '.github/mirror.yaml',
        `version: 1\nimages:\n  ${src.host}/up/app:1: ${acr.host}/mirror/app:1\n  ${src.host}/up/other:1: ${acr.host}/nope/app:1\n`
      )
      const r = await runAction(entry, ws, { credentials: credentials([src, acr]), cache: 'false' })
      expect(r.code).not.toBe(0)
      expect(r.outputs.mirrored).toBe('1')
      expect(r.outputs.failed).toBe('1')
      expect(await digestBehind(acr, 'mirror/app:1')).toBe(image.manifest.digest)
      const errors = errorCommands(r.stdout).map(e => e.message)
      expect(errors.join('\n')).toMatch(troubleshooting('aliyun-namespace'))
    } finally {
      ws.remove()
    }
  })
})
