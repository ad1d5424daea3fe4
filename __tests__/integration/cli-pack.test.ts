/**
 * The npm package is the CLI bundle alone: no sources, tests or bench in it, no runtime
 * dependencies to fetch; installed from the packed tarball (offline: there is nothing to fetch) it
 * runs and reports package.json's version.
 */
import { afterAll, expect, jest, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { run } from '../harness/index.js'

jest.setTimeout(180_000)

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const work = mkdtempSync(join(tmpdir(), 'cli-pack-'))
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string
  dependencies?: Record<string, string>
  bin: Record<string, string>
}
// npm must not read the machine's npmrc or cache: the install happens in the temp dir only.
const env = {
  ...process.env,
  npm_config_cache: join(work, 'cache'),
  npm_config_userconfig: join(work, 'npmrc')
}

afterAll(() => rmSync(work, { recursive: true, force: true }))

test('npm pack ships the bundle, README and CHANGELOG only; package.json needs no dependencies', async () => {
  const r = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    env,
    timeoutMs: 120_000
  })
  expect(r.code).toBe(0)
  const [info] = JSON.parse(r.stdout) as { files: { path: string }[]; unpackedSize: number }[]
  const files = info!.files.map(f => f.path)
  expect(files).toContain('dist/cli.js')
  expect(
    files.filter(
      f =>
        !/^(dist\/cli\.js|dist\/chunks\/[\w-]+\.js|README\.md|CHANGELOG\.md|LICENSE|package\.json)$/.test(f)
    )
  ).toEqual([])
  expect(files.some(f => /^(src|__tests__|bench|scripts|examples)\//.test(f))).toBe(false)
  expect(pkg.dependencies ?? {}).toEqual({})
  // The bundle with its chunks: a few MiB, where sources, tests and 81 packages were far more.
  expect(info!.unpackedSize).toBeLessThan(8 * 1024 * 1024)
})

test('installed from the tarball with nothing to fetch, the CLI runs and knows its version', async () => {
  const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], {
    cwd: ROOT,
    env,
    timeoutMs: 120_000
  })
  expect(packed.code).toBe(0)
  const tarball = join(work, `mirror-action-${pkg.version}.tgz`)
  const prefix = join(work, 'prefix')
  const installed = await run(
    'npm',
    ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball],
    { cwd: work, env, timeoutMs: 120_000 }
  )
  expect(installed.stderr).not.toMatch(/ERR!/)
  expect(installed.code).toBe(0)
  expect(installed.stdout).toMatch(/added 1 package/)
  const bin = join(prefix, 'bin', Object.keys(pkg.bin)[0]!)
  const version = await run(bin, ['--version'], { env, timeoutMs: 30_000 })
  expect([version.code, version.stdout]).toEqual([0, `mirror-action version ${pkg.version}\n`])
  const help = await run(bin, ['help', 'copy'], { env, timeoutMs: 30_000 })
  expect(help.code).toBe(0)
  expect(help.stdout).toMatch(/^Usage: mirror-action copy/)
})
