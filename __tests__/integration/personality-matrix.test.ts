/**
 * Every personality, through the CLI as users run it: `sync` mirrors an image into it and `copy`
 * brings it back out, checked with skopeo on both sides. Auth (realms on other hosts, Basic for
 * ECR), redirects, quirks in Accept and mounts all stand between the two.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buildImage,
  pushImage,
  startPersonality,
  startRegistry,
  type PersonalityName,
  type PersonalityOptions,
  type StartedRegistry
} from '../harness/index.js'
import { digestBehind } from './personality-helpers.js'
import { cli } from './sync-helpers.js'

jest.setTimeout(180_000)

const CASES: [PersonalityName, string, PersonalityOptions][] = [
  ['dockerhub', 'team/app', {}],
  ['aliyun', 'mirror/app', {}],
  ['ghcr', 'owner/app', {}],
  ['harbor', 'library/app', {}],
  ['ecr', 'team/app', { repositories: ['team/app'] }],
  ['quay', 'org/app', {}]
]

let src: StartedRegistry
let back: StartedRegistry
const dir = mkdtempSync(join(tmpdir(), 'personality-matrix-'))
const image = buildImage({
  seed: 'matrix-1',
  platforms: ['linux/amd64', 'linux/arm64'],
  layerSizes: [20_000]
})

beforeAll(async () => {
  ;[src, back] = await Promise.all([startRegistry({ mode: 'basic' }), startRegistry({ mode: 'token' })])
  await pushImage(src, 'up/app', '1', image)
})
afterAll(async () => {
  await Promise.all([src?.stop(), back?.stop()])
  rmSync(dir, { recursive: true, force: true })
})

describe('each personality through the CLI', () => {
  test.each(CASES)('%s: sync into it, copy back out', async (name, repo, opts) => {
    const p = await startPersonality(name, opts)
    try {
      const creds = join(dir, `${name}-credentials.yaml`)
      writeFileSync(
        creds,
        [src, p, back].map(r => `${r.host}:\n  username: ${r.username}\n  password: ${r.password}\n`).join('')
      )
      const config = join(dir, `${name}.yaml`)
      writeFileSync(config, `version: 1\nimages:\n  ${src.host}/up/app:1: ${p.host}/${repo}:1\n`)
      const into = await cli(['sync', '--config', config, '--credentials', creds])
      expect(into.stderr).not.toMatch(/failed/)
      expect(into.code).toBe(0)
      expect(await digestBehind(p, `${repo}:1`)).toBe(image.manifest.digest)

      const out = await cli([
        'copy',
        '--credentials',
        creds,
        `docker://${p.host}/${repo}:1`,
        `docker://${back.host}/${name}/app:1`
      ])
      expect(out.code).toBe(0)
      expect(await digestBehind(back, `${name}/app:1`)).toBe(image.manifest.digest)
    } finally {
      await p.stop()
    }
  })
})
