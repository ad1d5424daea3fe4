import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'
import { join } from 'node:path'
import {
  DEFAULT_CONFIG,
  InputError,
  maskCredentialValues,
  parseConcurrency,
  parseOnDeferred,
  parseReserve,
  parseShardInput,
  readInputs
} from '../../src/action/index.js'

const saved = { ...process.env }
function setInputs(inputs: Record<string, string>): void {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k]
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v
}

beforeEach(() => {
  setInputs({})
  process.env.GITHUB_WORKSPACE = '/home/runner/ws'
})
afterEach(() => {
  process.env = { ...saved }
})

describe('readInputs', () => {
  test('defaults when the runner passes nothing (node dist/index.js without action.yml defaults)', () => {
    const i = readInputs({ mask: () => {} })
    expect(i).toEqual({
      config: { kind: 'file', path: join('/home/runner/ws', DEFAULT_CONFIG), display: DEFAULT_CONFIG },
      credentials: {},
      githubToken: undefined,
      dryRun: false,
      cache: true,
      imagesAtOnce: undefined,
      transfers: undefined,
      shard: undefined,
      comment: false,
      onDeferred: 'warn',
      shards: undefined,
      mergeReports: undefined,
      lock: undefined,
      locked: false,
      workspace: '/home/runner/ws',
      deadlines: {},
      debug: false
    })
  })

  test('image-timeout, min-throughput and min-throughput-window are parsed as the config parses them', () => {
    setInputs({ 'image-timeout': '30m', 'min-throughput': '10KiB/s', 'min-throughput-window': '30s' })
    expect(readInputs({ mask: () => {} }).deadlines).toEqual({
      imageTimeoutMs: 1_800_000,
      minBytesPerSec: 10_240,
      throughputWindowMs: 30_000
    })
    setInputs({ 'min-throughput': '0' })
    expect(readInputs({ mask: () => {} }).deadlines).toEqual({ minBytesPerSec: 0 })
  })

  test.each([
    ['image-timeout', 'soon', /Input 'image-timeout' must be a duration like 30m/],
    ['image-timeout', '25h', /at most 24h/],
    ['min-throughput', 'fast', /Input 'min-throughput' must be bytes per second/],
    ['min-throughput-window', '2h', /Input 'min-throughput-window' must be a duration/]
  ])('input %s %s is refused', (name, value, message) => {
    setInputs({ [name]: value })
    expect(() => readInputs({ mask: () => {} })).toThrow(message)
  })

  test('hyphenated names are read as the runner sets them (INPUT_DRY-RUN, INPUT_GITHUB-TOKEN)', () => {
    setInputs({
      'dry-run': 'true',
      'github-token': 'ghs_abc',
      cache: 'False',
      comment: 'TRUE',
      shard: '2/3',
      'images-at-once': '3',
      transfers: '12'
    })
    const mask = jest.fn<(s: string) => void>()
    const i = readInputs({ mask })
    expect(i.dryRun).toBe(true)
    expect(i.cache).toBe(false)
    expect(i.comment).toBe(true)
    expect(i.shard).toEqual({ index: 2, count: 3 })
    expect(i.imagesAtOnce).toBe(3)
    expect(i.transfers).toBe(12)
    expect(i.githubToken).toBe('ghs_abc')
    expect(mask).toHaveBeenCalledWith('ghs_abc')
  })

  test('an unexpanded default token (local runs read action.yml defaults) counts as no token', () => {
    setInputs({ 'github-token': '${{ github.token }}' })
    const mask = jest.fn<(s: string) => void>()
    expect(readInputs({ mask }).githubToken).toBeUndefined()
    expect(mask).not.toHaveBeenCalled()
  })

  test.each([
    ['sub/mirror.yaml', '/home/runner/ws/sub/mirror.yaml', 'sub/mirror.yaml'],
    ['/elsewhere/m.yaml', '/elsewhere/m.yaml', '/elsewhere/m.yaml'],
    ['./a/../b.yaml', '/home/runner/ws/b.yaml', 'b.yaml']
  ])('config %s resolves against GITHUB_WORKSPACE', (given, path, display) => {
    setInputs({ config: given })
    expect(readInputs({ mask: () => {} }).config).toEqual({ kind: 'file', path, display })
  })

  test('images wins over the default config; both set explicitly is an error', () => {
    setInputs({ config: DEFAULT_CONFIG, images: 'version: 1\nimages: {}\n' })
    expect(readInputs({ mask: () => {} }).config).toEqual({
      kind: 'inline',
      text: 'version: 1\nimages: {}\n'
    })
    setInputs({ config: 'other.yaml', images: 'version: 1\n' })
    expect(() => readInputs({ mask: () => {} })).toThrow(
      /'config' \(other.yaml\) and 'images' are mutually exclusive/
    )
  })

  test.each([
    ['dry-run', 'yes'],
    ['cache', '1'],
    ['comment', 'on']
  ])('boolean input %s=%s is refused with its name', (name, value) => {
    setInputs({ [name]: value })
    expect(() => readInputs({ mask: () => {} })).toThrow(
      `Input '${name}' must be true or false, got '${value}'.`
    )
  })

  test('credentials are parsed, and every password is masked before returning', () => {
    setInputs({
      credentials:
        "127.0.0.1:5000:\n  username: bob\n  password: 's3cr3t-pw'\nghcr.io:\n  username: me\n  password: tok\n"
    })
    const mask = jest.fn<(s: string) => void>()
    const i = readInputs({ mask })
    expect(i.credentials).toEqual({
      '127.0.0.1:5000': { username: 'bob', password: 's3cr3t-pw' },
      'ghcr.io': { username: 'me', password: 'tok' }
    })
    expect(mask.mock.calls.map(c => c[0])).toEqual(expect.arrayContaining(['s3cr3t-pw', 'tok']))
    expect(mask.mock.calls.map(c => c[0])).not.toContain('bob')
  })

  test('a broken credentials input fails naming the position, after masking, without echoing the secret', () => {
    setInputs({ credentials: 'reg.example:\n  username: bob\n  password: "hunter2-unclosed\n  other: [\n' })
    const masked: string[] = []
    let err: unknown
    try {
      readInputs({ mask: s => masked.push(s) })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toMatch(/input 'credentials':\d+:\d+/)
    expect((err as Error).message).not.toContain('hunter2')
    expect(masked.some(m => m.includes('hunter2-unclosed'))).toBe(true)
  })
})

describe('maskCredentialValues', () => {
  test.each([
    ['block mapping', 'h:\n  username: u\n  password: p4ss\n', ['p4ss']],
    ['flow mapping', 'h: {username: u, password: "p 4"}\n', ['p 4']],
    [
      'multi-line block scalar masks each line too',
      'h:\n  username: u\n  password: |\n    l1xx\n    l2yy\n',
      ['l1xx\nl2yy', 'l1xx', 'l2yy']
    ],
    ['broken yaml falls back to lines', 'h:\n  username: u\n  password: "oops\n  : : [\n', ['"oops']]
  ])('%s', (_name, text, expected) => {
    const masked: string[] = []
    maskCredentialValues(text, s => masked.push(s))
    expect(masked).toEqual(expect.arrayContaining(expected))
    expect(masked).not.toContain('u')
  })
})

describe('parse helpers', () => {
  test.each([
    ['', undefined],
    ['1/1', { index: 1, count: 1 }],
    [' 3 / 4 ', { index: 3, count: 4 }]
  ])('shard %j', (raw, want) => expect(parseShardInput(raw)).toEqual(want))

  test.each(['0/2', '3/2', '1/0', 'a/b', '1', '1/2/3', '-1/2'])('shard %j is refused', raw => {
    expect(() => parseShardInput(raw)).toThrow(/Input 'shard' must be 'i\/n'/)
  })

  test.each([
    ['', undefined],
    ['1', 1],
    ['256', 256]
  ])('concurrency %j', (raw, want) => expect(parseConcurrency(raw)).toBe(want))

  test.each(['0', '-2', '1.5', 'many', '257'])('concurrency %j is refused', raw => {
    expect(() => parseConcurrency(raw)).toThrow(/Input 'concurrency' must be a whole number/)
  })
})

describe('rate-limit inputs', () => {
  test.each<[string, number | undefined]>([
    ['', undefined],
    ['0', 0],
    [' 2 ', 2],
    ['10000', 10000]
  ])('rate-limit-reserve %j → %s', (raw, want) => {
    expect(parseReserve(raw)).toBe(want)
  })

  test.each(['-1', '2.5', 'two', '10001'])('rate-limit-reserve %j is an input error', raw => {
    expect(() => parseReserve(raw)).toThrow(/Input 'rate-limit-reserve' must be a whole number from 0/)
  })

  test.each<[string, 'warn' | 'fail']>([
    ['', 'warn'],
    ['warn', 'warn'],
    ['FAIL', 'fail']
  ])('on-deferred %j → %s', (raw, want) => {
    expect(parseOnDeferred(raw)).toBe(want)
  })

  test('on-deferred takes only warn or fail', () => {
    expect(() => parseOnDeferred('error')).toThrow(
      /Input 'on-deferred' must be 'warn' or 'fail', got 'error'/
    )
  })
})

describe('images-at-once, transfers and the deprecated concurrency', () => {
  const read = (inputs: Record<string, string>) => {
    setInputs(inputs)
    const warnings: string[] = []
    const i = readInputs({ mask: () => {}, warn: w => warnings.push(w) })
    return { imagesAtOnce: i.imagesAtOnce, transfers: i.transfers, warnings }
  }

  test.each([
    ['nothing set: both defaults', {}, { imagesAtOnce: undefined, transfers: undefined }],
    ['images-at-once', { 'images-at-once': '2' }, { imagesAtOnce: 2, transfers: undefined }],
    ['transfers', { transfers: '16' }, { imagesAtOnce: undefined, transfers: 16 }],
    ['both', { 'images-at-once': '1', transfers: '256' }, { imagesAtOnce: 1, transfers: 256 }]
  ])('%s', (_n, inputs, want) => {
    expect(read(inputs)).toEqual({ ...want, warnings: [] })
  })

  test('concurrency still sets blob transfers, with a warning naming the input it maps to', () => {
    const r = read({ concurrency: '5' })
    expect(r).toMatchObject({ imagesAtOnce: undefined, transfers: 5 })
    expect(r.warnings).toEqual([expect.stringMatching(/'concurrency' is deprecated.*'transfers'/)])
  })

  test('concurrency and transfers together is an error', () => {
    expect(() => read({ concurrency: '5', transfers: '6' })).toThrow(/set only 'transfers'/)
  })

  test.each([
    ['images-at-once', '0'],
    ['images-at-once', '300'],
    ['transfers', 'x'],
    ['transfers', '1.5']
  ])('%s %j is refused, naming the input', (name, raw) => {
    expect(() => read({ [name]: raw })).toThrow(
      new RegExp(`Input '${name}' must be a whole number from 1 to 256`)
    )
  })
})
