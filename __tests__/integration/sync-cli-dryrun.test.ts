/**
 * `sync --dry-run --explain` says which filter kept or dropped each tag. `sync --dry-run` without target credentials (a review, a pull request): targets that refuse the
 * check are planned unchecked, with one warning naming them, instead of failing every image with
 * 401; the same targets with credentials are checked as before.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { cli, counts } from './sync-helpers.js'

jest.setTimeout(120_000)

describe('sync --dry-run without target credentials', () => {
  let src: StartedRegistry
  let token: StartedRegistry
  let basic: StartedRegistry
  const dir = mkdtempSync(join(tmpdir(), 'sync-dry-nocreds-'))
  const config = join(dir, 'mirror.yaml')
  const image = buildImage({ seed: 'dry-nocreds', layerSizes: [512] })

  beforeAll(async () => {
    ;[src, token, basic] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'token' }),
      startRegistry({ mode: 'basic' })
    ])
    await pushImage(src, 'lib/a', '1.0', image)
    for (const n of ['b', 'c', 'd'])
      await pushImage(src, `lib/${n}`, '1.0', buildImage({ seed: `dry-nc-${n}`, layerSizes: [512] }))
    // Already mirrored on the token target: only a checked plan can tell it is up to date.
    await pushImage(token, 'm/a', '1.0', image)
    writeFileSync(
      config,
      `version: 1\nimages:\n` +
        `  ${src.host}/lib/a:1.0: ${token.host}/m/a\n  ${src.host}/lib/b:1.0: ${token.host}/m/b\n` +
        `  ${src.host}/lib/c:1.0: ${basic.host}/m/c\n  ${src.host}/lib/d:1.0: ${basic.host}/m/d\n`
    )
  })
  afterAll(async () => {
    await Promise.all([src?.stop(), token?.stop(), basic?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  test('a refusing target is planned unchecked with one warning; one that lets anonymous reads is checked', async () => {
    await Promise.all([token.clearAccessLog(), basic.clearAccessLog()])
    const r = await cli(['sync', '--config', config, '--dry-run'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^total: 4 images: 1 skipped, 0 failed, 3 planned;/m)
    // The token realm hands out anonymous pull tokens (as Docker Hub does): that target is checked.
    expect(r.stdout).toMatch(new RegExp(`^skipped +\\S+lib/a:1\\.0 → ${token.host}/m/a:1\\.0`, 'm'))
    expect(r.stdout).toMatch(
      new RegExp(`^planned +\\S+lib/c:1\\.0 → ${basic.host}/m/c:1\\.0 .*\\(unknown\\)$`, 'm')
    )
    const warnings = r.stderr.split('\n').filter(l => l.startsWith('warning: '))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`no credentials for target registry ${basic.host}, which refused`)
    // A refusal is not retried: at most one look per image of that target.
    const heads = (await basic.accessLog()).filter(e => e.method === 'HEAD' && e.path.includes('/manifests/'))
    expect(heads.length).toBeLessThanOrEqual(2)
    for (const reg of [token, basic]) expect(counts(await reg.accessLog()).writes).toBe(0)
  })

  test('with target credentials the same dry run checks the targets: the mirrored image is up to date', async () => {
    const creds = join(dir, 'creds.yaml')
    writeFileSync(
      creds,
      [token, basic].map(r => `${r.host}:\n  username: ${r.username}\n  password: ${r.password}\n`).join('')
    )
    const r = await cli(['sync', '--config', config, '--dry-run', '--credentials', creds])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(new RegExp(`^skipped +\\S+lib/a:1\\.0 → ${token.host}/m/a:1\\.0`, 'm'))
    expect(r.stdout).toMatch(/^total: 4 images: 1 skipped, 0 failed, 3 planned;/m)
    expect(r.stdout).toMatch(
      new RegExp(`^planned +\\S+lib/c:1\\.0 → ${basic.host}/m/c:1\\.0 .*\\(new\\)$`, 'm')
    )
  })

  test('--explain: per tag, the filter that kept or dropped it; the image lines as before', async () => {
    const img = buildImage({ seed: 'dry-nc-e', layerSizes: [256] })
    for (const tag of ['v1.2.3', 'v2.1', 'latest']) await pushImage(src, 'lib/e', tag, img)
    const file = join(dir, 'explain.yaml')
    writeFileSync(
      file,
      `version: 1\nimages:\n  ${src.host}/lib/e:\n    target: ${token.host}/m/e\n` +
        `    tags: ["v1.2.3", "v2.*"]\n    semver: ">=1.4 <3"\n`
    )
    const r = await cli(['sync', '--config', file, '--dry-run', '--explain'])
    expect(r.code).toBe(0)
    const lines = r.stdout.split('\n')
    const at = lines.findIndex(l =>
      l.startsWith(`explain  ${src.host}/lib/e → ${token.host}/m/e: 1 of 3 listed tags kept`)
    )
    expect(at).toBeGreaterThanOrEqual(0)
    expect(lines.slice(at + 1, at + 4).sort()).toEqual([
      '  drop  latest  tags: matches none of tags ["v1.2.3","v2.*"]',
      '  drop  v1.2.3  semver: 1.2.3 is outside semver ">=1.4 <3"',
      '  keep  v2.1    matches tags "v2.*"; 2.1.0 is within semver ">=1.4 <3"'
    ])
    expect(r.stdout).toMatch(new RegExp(`^planned +\\S+lib/e:v2\\.1 → ${token.host}/m/e:v2\\.1`, 'm'))
    // Without --explain: no such lines.
    const plain = await cli(['sync', '--config', file, '--dry-run'])
    expect(plain.stdout).not.toContain('explain')
  })

  test('a real run without credentials still fails: only dry runs plan unchecked', async () => {
    const r = await cli(['sync', '--config', config])
    expect(r.code).toBe(1)
    expect(r.stderr).not.toContain('target checks skipped')
  })
})
