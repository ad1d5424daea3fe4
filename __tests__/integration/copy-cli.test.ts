// `mirror-action copy` as a user runs it: a child process against real registries.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildImage, pushImage, skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'

let src: StartedRegistry
let dst: StartedRegistry
const work = mkdtempSync(join(tmpdir(), 'copy-cli-'))
const credentials = join(work, 'credentials.yaml')
const image = buildImage({ seed: 'cli-3p', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] })

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** The CLI as shipped: bundled by the project's build script into this test's temp dir. */
let bundle: string

function cli(args: string[]): Promise<Run> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [bundle, ...args],
      // No Docker config of the machine in reach.
      { env: { ...process.env, DOCKER_CONFIG: work, NODE_OPTIONS: '' }, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const e = err as { code?: number | string; signal?: string } | null
        // A signal or spawn failure must not pass for an exit code: report it in stderr.
        const code = e ? (typeof e.code === 'number' ? e.code : -1) : 0
        resolve({ code, stdout, stderr: e && code === -1 ? `${stderr}\n[${e.signal ?? e.code}]` : stderr })
      }
    )
  })
}

beforeAll(async () => {
  const out = join(work, 'dist')
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, ['scripts/build.mjs', '--outdir', out], err => (err ? reject(err) : resolve()))
  )
  bundle = join(out, 'cli.js')
  ;[src, dst] = await Promise.all([startRegistry({ mode: 'token' }), startRegistry({ mode: 'basic' })])
  writeFileSync(
    credentials,
    [src, dst].map(r => `${r.host}:\n  username: ${r.username}\n  password: ${r.password}\n`).join('')
  )
  await pushImage(src, 'cli/app', 'v1', image)
})

afterAll(async () => {
  await Promise.all([src?.stop(), dst?.stop()])
  rmSync(work, { recursive: true, force: true })
})

async function digestOf(reg: StartedRegistry, ref: string): Promise<string | undefined> {
  const r = await skopeo(['inspect', '--raw', `docker://${reg.host}/${ref}`], { reg })
  if (r.code !== 0) return undefined
  const { createHash } = await import('node:crypto')
  return `sha256:${createHash('sha256').update(r.stdout, 'utf8').digest('hex')}`
}

describe('mirror-action copy', () => {
  test('copies all platforms keeping the digest; a log line per blob and manifest; exit 0', async () => {
    const r = await cli([
      'copy',
      '--credentials',
      credentials,
      `docker://${src.host}/cli/app:v1`,
      `docker://${dst.host}/cli/app:v1`
    ])
    expect(r.stderr).not.toMatch(/failed|warning/)
    expect(r.code).toBe(0)
    expect(await digestOf(dst, 'cli/app:v1')).toBe(image.manifest.digest)
    const blobLines = r.stderr.split('\n').filter(l => /^blob sha256:[0-9a-f]{12} .* copied$/.test(l))
    expect(blobLines).toHaveLength(image.blobs.length)
    expect(r.stderr).toContain(`manifest ${image.manifest.digest} tagged v1`)
    expect(r.stdout).toContain(
      `Copied docker://${src.host}/cli/app:v1 to docker://${dst.host}/cli/app:v1: ${image.manifest.digest}`
    )
    expect(r.stdout).not.toContain('digest changed')
    // Secrets never reach the output.
    expect(r.stdout + r.stderr).not.toContain(dst.password!)
    expect(r.stdout + r.stderr).not.toContain(src.password!)
  })

  test('without a tag in DST the source tag is used; --platform writes a new index and says so', async () => {
    const r = await cli([
      'copy',
      '--credentials',
      credentials,
      '--platform',
      'linux/arm64',
      '--platform',
      'linux/arm',
      `${src.host}/cli/app:v1`,
      `docker://${dst.host}/cli/subset`
    ])
    expect(r.code).toBe(0)
    const written = await digestOf(dst, 'cli/subset:v1')
    expect(written).toBeDefined()
    expect(written).not.toBe(image.manifest.digest)
    expect(r.stdout).toContain(`digest changed: the source is ${image.manifest.digest}`)
    expect(r.stderr).toMatch(/warning: digest changed: sha256:[0-9a-f]{64} replaces/)
    const raw = await skopeo(['inspect', '--raw', `docker://${dst.host}/cli/subset:v1`], { reg: dst })
    const platforms = (
      JSON.parse(raw.stdout) as { manifests: { platform: { architecture: string } }[] }
    ).manifests.map(m => m.platform.architecture)
    expect(platforms).toEqual(['arm64', 'arm'])
  })

  test.each([
    [[], /expected SRC and DST, got 0/],
    [['a:1'], /expected SRC and DST, got 1/],
    [['--platform', 'linux', 'a:1', 'b:1'], /invalid platform "linux"/],
    [['--all', '--platform', 'linux/amd64', 'a:1', 'b:1'], /--all and --platform exclude each other/],
    [['--convert', 'oci', 'a:1', 'b:1'], /--convert accepts only 'docker'/],
    [['--concurrency', '0', 'a:1', 'b:1'], /invalid --concurrency '0'/],
    [['--bogus', 'a:1', 'b:1'], /bogus/],
    [['a:1', `b@sha256:${'a'.repeat(64)}`], /a destination cannot name a digest/],
    [
      ['--credentials', '/nonexistent/creds.yaml', 'a:1', 'b:1'],
      /cannot read credentials file \/nonexistent\/creds.yaml/
    ]
  ])('usage error %j → exit 2', async (args, message) => {
    const r = await cli(['copy', ...args])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
  })

  test('--dry-run resolves the source, says what it would copy, and writes nothing', async () => {
    await dst.clearAccessLog()
    const r = await cli([
      'copy',
      '--dry-run',
      '--credentials',
      credentials,
      `docker://${src.host}/cli/app:v1`,
      `docker://${dst.host}/cli/dry:v1`
    ])
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(r.stdout).toBe(
      `dry run: would copy docker://${src.host}/cli/app:v1 (${image.manifest.digest}) to docker://${dst.host}/cli/dry:v1; nothing written\n`
    )
    expect(await dst.accessLog()).toEqual([])
  })

  test('a missing source image → exit 1, the message names the source', async () => {
    const r = await cli([
      'copy',
      '--credentials',
      credentials,
      `docker://${src.host}/cli/app:nope`,
      `docker://${dst.host}/cli/app:nope`
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`mirror-action copy: failed: source docker://${src.host}/cli/app:nope`)
    expect(await digestOf(dst, 'cli/app:nope')).toBeUndefined()
  })
})
