/**
 * Bad input through the real CLI: every broken config of the corpus (`__tests__/fixtures/configs/bad`)
 * given to `sync --config` exits 2, prints exactly its expected `file:line:col: message` lines on
 * stderr (the file as the user named it), prints nothing on stdout, and writes nothing (no report,
 * no state file). So do inputs too awkward to keep as fixtures: a file over the size cap, binary
 * junk, a missing file, a directory, and a broken credentials file.
 */
import { beforeAll, describe, expect, test } from '@jest/globals'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeTempDir, type RunResult } from '../harness/index.js'
import { bundleCli, cliEnv, ROOT, runCli } from './reliability-helpers.js'

const CORPUS = join(ROOT, '__tests__', 'fixtures', 'configs', 'bad')
const NAMES = readdirSync(CORPUS)
  .filter(f => f.endsWith('.yaml'))
  .sort()

/** A dead loopback proxy: were a broken config ever accepted, no request could leave this machine. */
const env = (): NodeJS.ProcessEnv => ({
  ...cliEnv(),
  HTTPS_PROXY: 'http://127.0.0.1:9',
  HTTP_PROXY: 'http://127.0.0.1:9'
})

interface Outcome extends RunResult {
  file: string
  /** Everything in the run's directory afterwards, the config itself excepted. */
  written: string[]
}

async function syncWith(
  cli: string,
  name: string,
  write: (file: string) => void,
  extra: string[] = []
): Promise<Outcome> {
  const dir = makeTempDir('bad-input')
  const file = join(dir, name)
  write(file)
  const r = await runCli(
    cli,
    [
      'sync',
      '--config',
      file,
      '--report',
      join(dir, 'report.json'),
      '--state',
      join(dir, 'state.json'),
      ...extra
    ],
    env()
  )
  const written = readdirSync(dir).filter(f => f !== name && !extra.includes(join(dir, f)))
  return { ...r, file, written }
}

/** Runs `fn` over `items`, `n` at a time, in order of results. */
async function mapLimit<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await fn(items[i]!)
      }
    })
  )
  return out
}

describe('sync --config with broken input', () => {
  let cli: string
  const results = new Map<string, Outcome>()

  beforeAll(async () => {
    cli = await bundleCli()
    const outcomes = await mapLimit(NAMES, 4, name =>
      syncWith(cli, name, file => copyFileSync(join(CORPUS, name), file))
    )
    NAMES.forEach((n, i) => results.set(n, outcomes[i]!))
  }, 120_000)

  test('the corpus is there and large', () => expect(NAMES.length).toBeGreaterThanOrEqual(30))

  test.each(NAMES)('%s: exit 2, the expected file:line:col lines, nothing written', name => {
    const r = results.get(name)!
    const expected = readFileSync(join(CORPUS, name.replace(/\.yaml$/, '.expected')), 'utf8')
      .split('\n')
      .filter(l => l !== '')
      // The corpus names the file bare; the CLI names it as the user gave it.
      .map(l => (l.startsWith(`${name}:`) ? `${r.file}${l.slice(name.length)}` : l))
    expect({ code: r.code, stdout: r.stdout, written: r.written }).toEqual({
      code: 2,
      stdout: '',
      written: []
    })
    expect(r.stderr.split('\n').filter(l => l !== '')).toEqual(expected)
    for (const line of expected) expect(line).toMatch(/^.+:\d+:\d+: \S/)
  })

  test.each([
    [
      'over the 1 MiB cap',
      'huge.yaml',
      (f: string) => writeFileSync(f, `version: 1\n# ${'x'.repeat(1 << 20)}\n`),
      /:1:1: config is 1\.0 MiB, over the 1 MiB limit/
    ],
    [
      'binary junk',
      'junk.yaml',
      (f: string) => writeFileSync(f, Buffer.from([0x00, 0xff, 0xfe, 0x07, 0x0a, 0x80, 0x00])),
      /:\d+:\d+: /
    ],
    ['a missing file', 'missing.yaml', () => undefined, /:1:1: cannot read the config file: no such file/],
    [
      'a directory',
      'dir.yaml',
      (f: string) => mkdirSync(f),
      /:1:1: cannot read the config file: it is a directory/
    ]
  ])('%s: exit 2 with file:line:col, nothing written', async (_name, file, write, message) => {
    const r = await syncWith(cli, file, write)
    expect({ code: r.code, stdout: r.stdout, written: r.written }).toEqual({
      code: 2,
      stdout: '',
      written: []
    })
    const lines = r.stderr.split('\n').filter(l => l !== '')
    expect(lines.length).toBeGreaterThan(0)
    for (const l of lines) expect(l.startsWith(`${r.file}:`)).toBe(true)
    expect(lines[0]).toMatch(message)
  })

  // Each holds the secret S3CRET-PW somewhere near the mistake: the message must not echo it.
  test.each([
    ['an unclosed quote', 'r.example.com:\n  username: me\n  password: "S3CRET-PW\n'],
    ['an unclosed flow sequence', 'r.example.com:\n  username: me\n  password: S3CRET-PW\n  extra: [\n'],
    ['an unknown key', 'r.example.com: { username: me, password: S3CRET-PW, pw: S3CRET-PW }\n'],
    ['a duplicate key', 'r.example.com:\n  username: me\n  password: S3CRET-PW\n  password: S3CRET-PW2\n'],
    ['a password of the wrong type', 'r.example.com:\n  username: me\n  password: [S3CRET-PW]\n'],
    ['not a mapping', 'S3CRET-PW\n']
  ])(
    'a credentials file with %s: exit 2 with its file:line:col, the secret not echoed',
    async (_name, text) => {
      const dir = makeTempDir('bad-credentials')
      const creds = join(dir, 'credentials.yaml')
      writeFileSync(creds, text)
      const config = 'version: 1\nimages:\n  alpine:3.20: 127.0.0.1:9/alpine\n'
      const r = await syncWith(cli, 'ok.yaml', f => writeFileSync(f, config), ['--credentials', creds])
      expect({ code: r.code, stdout: r.stdout, written: r.written }).toEqual({
        code: 2,
        stdout: '',
        written: []
      })
      expect(r.stderr.startsWith(`${creds}:`)).toBe(true)
      expect(r.stderr).toMatch(/^[^\n]+:\d+:\d+: \S/)
      expect(r.stderr).not.toContain('S3CRET')
    }
  )
})
