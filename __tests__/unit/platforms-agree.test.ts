import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { buildImage } from '../harness/index.js'
import { ConfigErrors, parseConfig } from '../../src/config/index.js'
import { formatPlatform } from '../../src/oci/index.js'
import { openOciDestination } from '../../src/transports/oci-layout/index.js'
import { tempDir, writeBuilt } from './transport-helpers.js'

const ROOT = path.resolve(import.meta.dirname, '../..')

/**
 * One string, one answer: the config's `platforms:` and the CLI's `--platform` (the real CLI, as a
 * child process, so its own option parsing is what is compared) give the same platform, or both
 * refuse it with the same message.
 */
describe('config and CLI agree', () => {
  const ACCEPTED = [
    'linux/amd64',
    'linux/x86_64',
    'Linux/AMD64',
    'linux/aarch64',
    'linux/arm64/v8',
    'LINUX/ARM/V7',
    'linux/armhf',
    'linux/i386',
    'windows/amd64',
    'macos/arm64'
  ]
  const REFUSED = ['linux', 'amd64', 'linux/x86', 'linux/armhf/v6', 'linux/arm/v7/x', 'linux/am d64']

  /** The config's answer: the canonical platform, or the message after `defaults.platforms: `. */
  function fromConfig(s: string): { platform?: string; error?: string } {
    const yaml = `version: 1\ndefaults:\n  target: 127.0.0.1:5000/m\n  platforms: [${JSON.stringify(s)}]\nimages:\n  a:1: ~\n`
    try {
      const platforms = parseConfig(yaml, 'm.yaml').images[0].platforms
      if (platforms === 'all' || platforms.length !== 1)
        throw new Error(`unexpected ${JSON.stringify(platforms)}`)
      return { platform: formatPlatform(platforms[0]) }
    } catch (err) {
      if (!(err instanceof ConfigErrors)) throw err
      expect(err.errors).toHaveLength(1)
      return { error: err.errors[0].text.replace(/^defaults\.platforms: /, '') }
    }
  }

  function cli(args: string[]): Promise<{ code: number; stderr: string }> {
    return new Promise(resolve => {
      execFile(
        process.execPath,
        ['--import', './scripts/ts-loader.mjs', 'src/cli.ts', 'copy', ...args],
        { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
        (err, _stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stderr })
      )
    })
  }

  let t: { dir: string; cleanup(): Promise<void> }
  // Started together (each is a Node start-up); each test awaits its own.
  let acceptedRun: Promise<{ code: number; stderr: string }>
  const refusedRuns = new Map<string, Promise<{ code: number; stderr: string }>>()
  beforeAll(async () => {
    t = await tempDir('platforms-cli-')
    // An index the accepted platforms all miss: the CLI's refusal then lists them as it parsed them.
    const img = buildImage({ seed: 'plat-cli', platforms: ['linux/s390x', 'linux/riscv64'] })
    await writeBuilt(await openOciDestination(path.join(t.dir, 'layout'), 'v1'), img, 'v1')
    const src = `oci:${path.join(t.dir, 'layout')}:v1`
    acceptedRun = cli([...ACCEPTED.flatMap(s => ['--platform', s]), src, `dir:${path.join(t.dir, 'out')}`])
    for (const s of REFUSED) refusedRuns.set(s, cli(['--platform', s, 'a:1', 'b:1']))
    await Promise.allSettled([acceptedRun, ...refusedRuns.values()])
  })
  afterAll(() => t.cleanup())

  test('every accepted string names the same platform', async () => {
    const fromConf = ACCEPTED.map(s => fromConfig(s))
    for (const c of fromConf) expect(c.error).toBeUndefined()
    const r = await acceptedRun
    expect(r.stderr).toContain(
      `no platform matches ${fromConf.map(c => c.platform).join(', ')}; the image has: linux/s390x, linux/riscv64`
    )
    expect(r.code).toBe(1)
  })

  test.each(REFUSED)('%j is refused by both, with one message', async s => {
    const c = fromConfig(s)
    expect(c.error).toMatch(/^invalid platform/)
    const r = await refusedRuns.get(s)!
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`mirror-action copy: ${c.error}`)
  })
})
