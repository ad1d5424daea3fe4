/** `mirror-action sync` as a user runs it: exit codes, output lines, --report, --state, --dry-run, --import. */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/index.js'
import { buildImage, pushImage, skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'
import { cli, counts, stderrProblems } from './sync-helpers.js'

// Real registries and child processes: far slower than Jest's 5 s default on a busy 2-core runner.
jest.setTimeout(120_000)

describe('mirror-action sync (CLI)', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  const dir = mkdtempSync(join(tmpdir(), 'sync-cli-'))
  const file = (name: string, text: string) => {
    const p = join(dir, name)
    writeFileSync(p, text)
    return p
  }

  beforeAll(async () => {
    // The target wants a password: the CLI must take it from --credentials.
    ;[src, dst] = await Promise.all([startRegistry({ mode: 'anonymous' }), startRegistry({ mode: 'basic' })])
    await pushImage(
      src,
      'lib/a',
      '1.0',
      buildImage({ seed: 'cli-a', platforms: ['linux/amd64', 'linux/arm64'] })
    )
    await pushImage(src, 'lib/b', '2.0', buildImage({ seed: 'cli-b' }))
    await pushImage(src, 'lib/c', '3.0', buildImage({ seed: 'cli-c' }))
  })
  afterAll(async () => {
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  const creds = () =>
    file('creds.yaml', `${dst.host}:\n  username: ${dst.username}\n  password: ${dst.password}\n`)
  const cfg = (prefix: string, extra = '') =>
    file(
      `${prefix}.yaml`,
      `version: 1\nimages:\n  ${src.host}/lib/a:1.0: ${dst.host}/${prefix}/a\n  ${src.host}/lib/b:2.0: ${dst.host}/${prefix}/b:2.0\n${extra}`
    )

  test.each([
    [['sync'], /--config FILE is required/],
    [['sync', '--config', 'x.yaml', '--shard', '3/2'], /invalid shard '3\/2'/],
    [['sync', '--config', 'x.yaml', '--concurrency', '0'], /invalid --concurrency/],
    [['sync', '--config', 'x.yaml', '--bogus'], /unknown flag --bogus$/m],
    [['sync', '--import', 'nope', 'f'], /invalid --import 'nope'/]
  ])('usage error %j → exit 2', async (args, message) => {
    const r = await cli(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
  })

  test('config errors: every one as file:line:col on stderr, exit 2, nothing contacted', async () => {
    const bad = file(
      'bad.yaml',
      `version: 1\nimages:\n  ${src.host}/lib/a:1.0:\n    target: ${dst.host}/x/a\n    platfroms: [linux/amd64]\n  ${src.host}/lib/b:\n    target: ${dst.host}/x/b\n`
    )
    await src.clearAccessLog()
    const r = await cli(['sync', '--config', bad])
    expect(r.code).toBe(2)
    const lines = r.stderr.trim().split('\n')
    expect(lines[0]).toMatch(new RegExp(`^${bad}:5:5: .*platfroms.*did you mean "platforms"`))
    expect(lines[1]).toMatch(new RegExp(`^${bad}:6:\\d+: `))
    expect(await src.accessLog()).toEqual([])
    const badCreds = file('bad-creds.yaml', `${dst.host}:\n  username: u\n  pasword: p\n`)
    const c = await cli(['sync', '--config', cfg('creds'), '--credentials', badCreds])
    expect(c.code).toBe(2)
    expect(c.stderr).toMatch(new RegExp(`^${badCreds}:\\d+:\\d+: `))
    const missing = await cli(['sync', '--config', join(dir, 'missing.yaml')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain(join(dir, 'missing.yaml'))
  })

  test('copy, report and state; rerun skips; a dry run leaves the state file alone', async () => {
    const config = cfg('cli')
    const state = join(dir, 'state', 'cli.json')
    const report = join(dir, 'report.json')
    const first = await cli([
      'sync',
      '--config',
      config,
      '--credentials',
      creds(),
      '--state',
      state,
      '--report',
      report
    ])
    expect(stderrProblems(first.stderr)).toEqual([])
    expect(first.code).toBe(0)
    const lines = first.stdout.trim().split('\n')
    expect(lines.filter(l => /^copied +\S+ → \S+ {2}sha256:[0-9a-f]{12} {2}\d/.test(l))).toHaveLength(2)
    expect(lines.at(-1)).toMatch(/^total: 2 images: 2 copied, 0 failed; .* copied$/)
    const doc = JSON.parse(readFileSync(report, 'utf8'))
    expect(doc.images.map((i: { target: string; status: string }) => [i.target, i.status]).sort()).toEqual([
      [`${dst.host}/cli/a:1.0`, 'copied'],
      [`${dst.host}/cli/b:2.0`, 'copied']
    ])
    expect(doc.totals).toMatchObject({ copied: 2, failed: 0 })
    expect(Object.keys(JSON.parse(readFileSync(state, 'utf8')).entries)).toHaveLength(2)
    const seen = await skopeo(['inspect', '--raw', `docker://${dst.host}/cli/a:1.0`], { reg: dst })
    expect(seen.code).toBe(0)

    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const second = await cli(['sync', '--config', config, '--credentials', creds(), '--state', state])
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(/^total: 2 images: 2 skipped, 0 failed/m)
    expect(counts(await src.accessLog()).manifestGets).toBe(0)
    expect(await dst.accessLog()).toEqual([])

    // A dry run that would copy a changed image must not write it, nor record it in the state.
    await pushImage(src, 'lib/b', '2.0', buildImage({ seed: 'cli-b-v2' }))
    const before = {
      text: readFileSync(state, 'utf8'),
      ino: statSync(state).ino,
      mtime: statSync(state).mtimeMs
    }
    await dst.clearAccessLog()
    const dry = await cli([
      'sync',
      '--config',
      config,
      '--credentials',
      creds(),
      '--state',
      state,
      '--dry-run'
    ])
    expect(dry.code).toBe(0)
    expect(dry.stdout).toMatch(/^planned +\S+lib\/b:2\.0 → /m)
    expect(dry.stdout).toMatch(/^skipped +\S+lib\/a:1\.0 → /m)
    const after = {
      text: readFileSync(state, 'utf8'),
      ino: statSync(state).ino,
      mtime: statSync(state).mtimeMs
    }
    expect(after).toEqual(before)
    expect(counts(await dst.accessLog()).writes).toBe(0)
  })

  test('one failed image: the others are copied, exit 1, the report names the error', async () => {
    const config = cfg('fail', `  ${src.host}/lib/missing:1.0: ${dst.host}/fail/missing\n`)
    const report = join(dir, 'fail-report.json')
    const r = await cli(['sync', '--config', config, '--credentials', creds(), '--report', report])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^failed +\S+lib\/missing:1\.0 → \S+ {2}- {2}-: .*not found/m)
    expect(r.stdout).not.toContain(dst.password!)
    const doc = JSON.parse(readFileSync(report, 'utf8'))
    expect(doc.totals).toMatchObject({ copied: 2, failed: 1 })
  })

  test.each([['-q'], ['--quiet']])(
    '%s: the totals line alone on stdout, no progress; a failure still on stderr',
    async flag => {
      const config = cfg(`quiet${flag.length}`, `  ${src.host}/lib/missing:1.0: ${dst.host}/quiet/missing\n`)
      // A progress line per millisecond without -q: quiet must drop them all.
      const env = { MIRROR_ACTION_PROGRESS_INTERVAL_MS: '1' }
      const r = await cli(['sync', '--config', config, '--credentials', creds(), flag], env)
      expect(r.code).toBe(1)
      expect(r.stdout.split('\n').filter(Boolean)).toEqual([
        expect.stringMatching(/^total: 3 images: 2 copied, 1 failed; .* copied$/)
      ])
      expect(r.stderr.split('\n').filter(Boolean)).toEqual([
        expect.stringMatching(/^failed +\S+lib\/missing:1\.0 → \S+ {2}- {2}-: .*not found/)
      ])
    }
  )

  // skopeo's sided flags reach the config's targets (dest) and sources (src) on sync too.
  test.each([
    ['--dest-creds', () => `${dst.username}:${dst.password}`, 0, /^total: 2 images: 2 copied, 0 failed/m],
    [
      'a wrong --dest-creds',
      () => `${dst.username}:wrong-one`,
      1,
      /refused the credentials from --dest-creds/
    ]
  ])('%s with --src-no-creds and --dest-tls-verify=false', async (_name, value, code, out) => {
    const r = await cli([
      'sync',
      '--config',
      cfg(`sided-${code}`),
      '--src-no-creds',
      '--dest-creds',
      value(),
      '--dest-tls-verify=false'
    ])
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code })
    expect(r.stdout).toMatch(out)
    expect(r.stdout + r.stderr).not.toContain('wrong-one')
  })

  test('--shard splits a dry run; the parts add up to the plan', async () => {
    const config = cfg('shard', `  ${src.host}/lib/c:3.0: ${dst.host}/shard/c\n`)
    const plan = (out: string) => out.split('\n').filter(l => /^(planned|skipped) /.test(l))
    const whole = plan((await cli(['sync', '--config', config, '--dry-run', '--no-target-check'])).stdout)
    expect(whole).toHaveLength(3)
    const parts = [] as string[]
    for (const s of ['1/2', '2/2']) {
      const r = await cli(['sync', '--config', config, '--dry-run', '--no-target-check', '--shard', s])
      expect(r.code).toBe(0)
      parts.push(...plan(r.stdout))
    }
    expect(parts.sort()).toEqual([...whole].sort())
  })

  test('--import list prints a config the loader accepts', async () => {
    const list = file(
      'images.txt',
      `# mirrored by the old workflow\nnginx:1.27\nquay.io/prometheus/node-exporter:v1.8.2\n`
    )
    const r = await cli(['sync', '--import', 'list', '--target', 'registry.example.com/ns', list])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const c = parseConfig(r.stdout, 'imported.yaml')
    expect(c.images.map(e => [e.source, e.target])).toEqual([
      ['nginx:1.27', 'registry.example.com/ns/nginx'],
      ['quay.io/prometheus/node-exporter:v1.8.2', 'registry.example.com/ns/node-exporter']
    ])
  })
})
