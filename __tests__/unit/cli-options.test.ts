import { afterEach, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  COMMON_FLAGS,
  hostPlatform,
  loadCliCredentials,
  parseCliArgs,
  parseCopyArgs,
  parseFlags,
  parseSyncArgs,
  SIDED_FLAGS,
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

describe("skopeo's flags, one parser for every command", () => {
  test.each([
    [['--src-cred', 'a:b'], /^unknown flag --src-cred \(did you mean --src-creds\?\)$/],
    [['--tls-verfy=false'], /^unknown flag --tls-verfy \(did you mean --tls-verify\?\)$/],
    [['--insecure-registr', 'h'], /did you mean --insecure-registry\?/],
    [['--frobnicate'], /^unknown flag --frobnicate$/],
    [['-z'], /^unknown flag -z$/],
    [['--tls-verify=maybe'], /--tls-verify takes true or false, got 'maybe'/],
    [['--authfile'], /--authfile needs a value/]
  ])('%j is a one-line usage error', (args, message) => {
    const run = () => parseFlags(['docker://r.example/a', ...args], { ...COMMON_FLAGS, ...SIDED_FLAGS })
    expect(run).toThrow(UsageError)
    expect(run).toThrow(message)
  })

  test.each([
    [['--tls-verify=false'], { 'tls-verify': false }],
    [['--tls-verify'], { 'tls-verify': true }],
    [
      ['--dest-tls-verify=false', '--src-tls-verify=true'],
      { 'dest-tls-verify': false, 'src-tls-verify': true }
    ],
    [['--src-creds=u:p:with:colons'], { 'src-creds': 'u:p:with:colons' }],
    [['--ca-file', 'a', '--ca-file=h=b'], { 'ca-file': ['a', 'h=b'] }]
  ])('%j parses as skopeo means it', (args, want) => {
    expect(parseFlags(args, { ...COMMON_FLAGS, ...SIDED_FLAGS }).values).toEqual(want)
  })

  const SRC = 'docker://src.example:5000/a/b:v1'
  const DST = 'docker://dst.example/c/d'
  test.each([
    ['--src-tls-verify=false', [], { 'src.example:5000': { insecure: true } }],
    ['--dest-tls-verify=false', [], { 'dst.example': { insecure: true } }],
    ['--tls-verify=false', [], { 'src.example:5000': { insecure: true }, 'dst.example': { insecure: true } }],
    [
      '--insecure-registry (old spelling)',
      ['--insecure-registry', 'dst.example'],
      { 'dst.example': { insecure: true } }
    ],
    ['--ca-file HOST=FILE', ['--ca-file', 'dst.example=ca.pem'], { 'dst.example': { caFile: 'ca.pem' } }],
    [
      '--ca-file FILE (both sides)',
      ['--ca-file', './ca.pem'],
      { 'src.example:5000': { caFile: './ca.pem' }, 'dst.example': { caFile: './ca.pem' } }
    ]
  ])('copy %s reaches the registries it names', (flag, extra, want) => {
    const args = flag.startsWith('--') && extra.length === 0 ? [flag] : extra
    const p = parseCopyArgs([...args, SRC, DST])
    expect(p !== 'help' && p.registries).toEqual(want)
  })

  test('copy: --src-creds, --dest-creds and --creds go to their side, named by their flag', () => {
    const p = parseCopyArgs(['--src-creds', 'su:sp', '--creds', 'cu:cp', SRC, DST])
    if (p === 'help') throw new Error('help')
    expect(p.srcCreds.flags).toEqual({
      'src.example:5000': { username: 'su', password: 'sp', source: '--src-creds' }
    })
    expect(p.dstCreds.flags).toEqual({ 'dst.example': { username: 'cu', password: 'cp', source: '--creds' } })
  })

  test.each([
    [['--multi-arch', 'index-only'], /index-only is not supported/],
    [['--multi-arch', 'some'], /--multi-arch takes all, system or index-only/],
    [['--multi-arch', 'all', '--platform', 'linux/amd64'], /exclude each other/],
    [['--convert', 'docker', '--preserve-digests'], /--preserve-digests forbids/],
    [['--retry-times', '-1'], /--retry-times needs a whole number/],
    [['--src-creds', 'nopass'], /--src-creds wants USER:PASSWORD/],
    [['--src-creds', 'u:p', '--src-no-creds'], /exclude each other/]
  ])('copy %j is refused with a clear message', (args, message) => {
    expect(() => parseCopyArgs([...args, SRC, DST])).toThrow(message)
  })

  test("copy: --multi-arch system is this machine's platform as a plain manifest; --retry-times counts retries", () => {
    const p = parseCopyArgs([
      '--multi-arch',
      'system',
      '--retry-times',
      '2',
      '--digestfile',
      'd.txt',
      '--dry-run',
      SRC,
      DST
    ])
    if (p === 'help') throw new Error('help')
    expect(p.options.platforms).toEqual([hostPlatform()])
    expect(p.options.singleManifest).toBe(true)
    expect(p.retryAttempts).toBe(3)
    expect(p.digestFile).toBe('d.txt')
    expect(p.dryRun).toBe(true)
  })
})

describe('credentials, first match wins, each named by its source', () => {
  const envKeys = ['HOME', 'XDG_RUNTIME_DIR', 'REGISTRY_AUTH_FILE', 'DOCKER_CONFIG', 'GITHUB_TOKEN'] as const
  const savedEnv = Object.fromEntries(envKeys.map(k => [k, process.env[k]]))
  afterEach(() => {
    for (const k of envKeys)
      if (savedEnv[k] === undefined) delete process.env[k]
      else process.env[k] = savedEnv[k]
  })
  const authJson = (password: string): string =>
    JSON.stringify({ auths: { 'ghcr.io': { auth: Buffer.from(`u:${password}`).toString('base64') } } })

  test('flags, --credentials, --authfile, REGISTRY_AUTH_FILE, XDG auth.json, ~/.config auth.json, Docker, GITHUB_TOKEN', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cred-order-'))
    const path = (...p: string[]) => {
      mkdirSync(join(dir, ...p.slice(0, -1)), { recursive: true })
      return join(dir, ...p)
    }
    const files = {
      credentials: path('creds.yaml'),
      authfile: path('authfile.json'),
      env: path('env-auth.json'),
      xdg: path('run', 'containers', 'auth.json'),
      home: path('home', '.config', 'containers', 'auth.json'),
      docker: path('docker', 'config.json')
    }
    writeFileSync(files.credentials, 'ghcr.io:\n  username: u\n  password: from-credentials\n')
    writeFileSync(files.authfile, authJson('from-authfile'))
    writeFileSync(files.env, authJson('from-env'))
    writeFileSync(files.xdg, authJson('from-xdg'))
    writeFileSync(files.home, authJson('from-home'))
    writeFileSync(files.docker, authJson('from-docker'))
    process.env.HOME = join(dir, 'home')
    process.env.XDG_RUNTIME_DIR = join(dir, 'run')
    process.env.REGISTRY_AUTH_FILE = files.env
    process.env.DOCKER_CONFIG = join(dir, 'docker')
    process.env.GITHUB_TOKEN = 'from-token'
    const flags = { 'ghcr.io': { username: 'u', password: 'from-flag', source: '--creds' } }
    const seen: [string | undefined, string | undefined][] = []
    const get = async (o: Parameters<typeof loadCliCredentials>[0]) => {
      const c = await (await loadCliCredentials(o, () => {})).get('ghcr.io')
      seen.push([c?.password, c?.source])
    }
    await get({ flags, file: files.credentials, authfile: files.authfile })
    await get({ file: files.credentials, authfile: files.authfile })
    await get({ authfile: files.authfile })
    await get({})
    rmSync(files.env)
    await get({})
    rmSync(files.xdg)
    await get({})
    rmSync(files.home)
    await get({})
    rmSync(files.docker)
    await get({})
    await get({ anonymous: ['ghcr.io'] })
    expect(seen).toEqual([
      ['from-flag', '--creds'],
      ['from-credentials', `--credentials ${files.credentials}`],
      ['from-authfile', `auth file ${files.authfile}`],
      ['from-env', `auth file ${files.env}`],
      ['from-xdg', `auth file ${files.xdg}`],
      ['from-home', `auth file ${files.home}`],
      ['from-docker', `Docker config ${files.docker}`],
      ['from-token', 'GITHUB_TOKEN'],
      [undefined, undefined]
    ])
  })

  test('a missing --authfile is a usage error; a missing REGISTRY_AUTH_FILE is not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cred-missing-'))
    process.env.HOME = dir
    process.env.DOCKER_CONFIG = dir
    delete process.env.XDG_RUNTIME_DIR
    process.env.REGISTRY_AUTH_FILE = join(dir, 'nope.json')
    await expect(loadCliCredentials({}, () => {})).resolves.toBeDefined()
    await expect(loadCliCredentials({ authfile: join(dir, 'nope.json') }, () => {})).rejects.toThrow(
      /auth file .*nope\.json does not exist/
    )
  })
})

describe("skopeo's --cert-dir", () => {
  const dir = mkdtempSync(join(tmpdir(), 'cert-dir-'))
  test.each([
    ['a CA', ['ca.crt'], { caFile: 'ca.crt' }],
    [
      'a CA and a client pair',
      ['ca.crt', 'me.cert', 'me.key'],
      { caFile: 'ca.crt', certFile: 'me.cert', keyFile: 'me.key' }
    ],
    ['two CAs', ['a.crt', 'b.crt'], /several CA \(\.crt\) files/],
    ['a client certificate without its key', ['me.cert'], /has no key me\.key/],
    ['nothing usable', ['README'], /holds no \.crt, \.cert or \.key file/]
  ])('%s', (name, files, want) => {
    const d = join(dir, name.replace(/\W+/g, '-'))
    mkdirSync(d)
    for (const f of files) writeFileSync(join(d, f), '')
    const run = () =>
      parseCopyArgs(['--dest-cert-dir', d, 'docker://a.example/x:1', 'docker://b.example/y:1'])
    if (want instanceof RegExp) {
      expect(run).toThrow(want)
      return
    }
    const p = run()
    const abs = Object.fromEntries(Object.entries(want).map(([k, v]) => [k, join(d, v)]))
    expect(p !== 'help' && p.registries).toEqual({ 'b.example': abs })
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
