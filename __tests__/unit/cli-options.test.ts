import { afterEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  loadCliCredentials,
  parseCliArgs,
  parseCopyArgs,
  parseSyncArgs,
  UsageError
} from '../../src/cli/index.js'

const saved = { token: process.env.GITHUB_TOKEN, docker: process.env.DOCKER_CONFIG }
afterEach(() => {
  for (const [k, v] of [
    ['GITHUB_TOKEN', saved.token],
    ['DOCKER_CONFIG', saved.docker]
  ] as const)
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
})

describe('one credentials loader for every command', () => {
  test('GITHUB_TOKEN answers for ghcr.io, and only there', async () => {
    process.env.GITHUB_TOKEN = 'ghs_example'
    process.env.DOCKER_CONFIG = mkdtempSync(join(tmpdir(), 'no-docker-'))
    const store = await loadCliCredentials(undefined, () => {})
    expect((await store.get('ghcr.io'))?.password).toBe('ghs_example')
    expect(await store.get('registry.example.com')).toBeUndefined()
  })
  test('a credentials file wins over GITHUB_TOKEN', async () => {
    process.env.GITHUB_TOKEN = 'ghs_example'
    process.env.DOCKER_CONFIG = mkdtempSync(join(tmpdir(), 'no-docker-'))
    const file = join(mkdtempSync(join(tmpdir(), 'creds-')), 'c.yaml')
    writeFileSync(file, 'ghcr.io:\n  username: bot\n  password: from-file\n')
    expect((await (await loadCliCredentials(file, () => {})).get('ghcr.io'))?.password).toBe('from-file')
  })
  test('an unreadable file is a usage error', async () => {
    await expect(loadCliCredentials(join(tmpdir(), 'no-such-dir', 'c.yaml'))).rejects.toBeInstanceOf(
      UsageError
    )
  })
})

describe('parseCliArgs', () => {
  test.each([
    ['an unknown option', ['--nope']],
    ['a missing value', ['--name']]
  ])('%s is a usage error', (_what, args) => {
    expect(() => parseCliArgs({ args, options: { name: { type: 'string' } }, strict: true })).toThrow(
      UsageError
    )
  })
})

describe('images at once and blob transfers: one name, one meaning', () => {
  const base = ['--config', 'm.yaml']
  test.each([
    ['defaults', [], undefined, undefined, []],
    ['--images-at-once', ['--images-at-once', '2'], 2, undefined, []],
    ['--transfers', ['--transfers', '16'], undefined, 16, []],
    ['both', ['--images-at-once', '3', '--transfers', '9'], 3, 9, []],
    [
      'deprecated --concurrency keeps its sync meaning',
      ['--concurrency', '5'],
      5,
      undefined,
      ['--images-at-once']
    ]
  ])('sync %s', (_n, args, imagesAtOnce, transfers, warned) => {
    const a = parseSyncArgs([...base, ...args])
    expect([a.imagesAtOnce, a.transfers]).toEqual([imagesAtOnce, transfers])
    expect(a.deprecations).toEqual(
      warned.map(flag => expect.stringContaining(`--concurrency is deprecated: it sets ${flag}`))
    )
  })

  test.each([
    ['--transfers', ['--transfers', '12'], 12, []],
    ['deprecated --concurrency keeps its copy meaning', ['--concurrency', '5'], 5, ['--transfers']]
  ])('copy %s', (_n, args, transfers, warned) => {
    const a = parseCopyArgs([...args, 'a.example/r:1', 'b.example/r:1'])
    if (a === 'help') throw new Error('unexpected help')
    expect(a.options.concurrency).toBe(transfers)
    expect(a.deprecations).toEqual(
      warned.map(flag => expect.stringContaining(`--concurrency is deprecated: it sets ${flag}`))
    )
  })

  test.each([
    [['--images-at-once', '0'], /invalid --images-at-once '0'/],
    [['--transfers', '257'], /invalid --transfers '257'/],
    [['--concurrency', '2', '--images-at-once', '2'], /old name of --images-at-once/]
  ])('sync %j is a usage error', (args, message) => {
    expect(() => parseSyncArgs([...base, ...args])).toThrow(message)
  })
})
