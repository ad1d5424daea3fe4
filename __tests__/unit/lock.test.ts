/** The lock file: its stable form, its parser's refusals, how a run updates it, and `--locked` matching. */
import { describe, expect, test } from '@jest/globals'
import { parseConfig } from '../../src/config/index.js'
import {
  computeTotals,
  lockedExpansion,
  nextLock,
  parseLock,
  renderLock,
  type ImageReport,
  type LockEntry
} from '../../src/sync/index.js'

const D = (c: string) => 'sha256:' + c.repeat(64)
const e = (target: string, source: string, sd: string, digest?: string): LockEntry =>
  digest ? { source, sourceDigest: sd, target, digest } : { source, sourceDigest: sd, target }

describe('renderLock / parseLock', () => {
  test('sorted by target then source, one line per image, same text whatever the input order', () => {
    const list = [e('t/b:1', 's/b:1', D('2'), D('3')), e('t/a:1', 's/a:1', D('1'))]
    const text = renderLock(list)
    expect(text).toBe(
      '{\n  "version": 1,\n  "images": [\n' +
        `    {"source":"s/a:1","sourceDigest":"${D('1')}","target":"t/a:1"},\n` +
        `    {"source":"s/b:1","sourceDigest":"${D('2')}","target":"t/b:1","digest":"${D('3')}"}\n` +
        '  ]\n}\n'
    )
    expect(renderLock([...list].reverse())).toBe(text)
    expect(parseLock(text, 'l')).toEqual([list[1], list[0]])
    expect(parseLock(renderLock([]), 'l')).toEqual([])
  })

  test.each([
    ['{', /not valid JSON/],
    ['{"version":1}', /no images list/],
    ['{"version":2,"images":[]}', /lock version 2 is not 1/],
    ['{"version":1,"images":[{"source":"a","target":"b","sourceDigest":"nope"}]}', /images\[0\] needs/],
    [
      `{"version":1,"images":[{"source":"a","target":"b","sourceDigest":"${D('1')}","digest":5}]}`,
      /images\[0\]/
    ]
  ])('refuses %s', (text, msg) => {
    expect(() => parseLock(text, 'mirror.lock')).toThrow(msg)
  })
})

describe('nextLock', () => {
  const img = (
    target: string,
    status: ImageReport['status'],
    sourceDigest?: string,
    digest?: string
  ): ImageReport => ({
    source: `s/${target.slice(2)}`,
    target,
    status,
    sourceDigest,
    digest,
    bytes: 0,
    durationMs: 0
  })
  const rep = (images: ImageReport[]) => ({ images, totals: computeTotals(images), warnings: [] })
  const prev = [
    e('t/a:1', 's/a:1', D('1'), D('1')),
    e('t/b:1', 's/b:1', D('2'), D('2')),
    e('t/c:1', 's/c:1', D('3'), D('3')),
    e('t/gone:1', 's/gone:1', D('4'), D('4'))
  ]
  const report = rep([
    img('t/a:1', 'copied', D('5'), D('5')),
    img('t/b:1', 'waiting', D('6')),
    img('t/c:1', 'planned', D('3')),
    img('t/new:1', 'planned', D('7'))
  ])

  test('resolved images replace their line; held ones keep theirs; a dry run keeps a known target digest', () => {
    expect(nextLock(prev, report, true)).toEqual([
      e('t/a:1', 's/a:1', D('5'), D('5')),
      e('t/b:1', 's/b:1', D('2'), D('2')),
      e('t/c:1', 's/c:1', D('3'), D('3')),
      e('t/new:1', 's/new:1', D('7'))
    ])
  })

  test('a partial run (shard, failure) keeps lines of targets it did not reach', () => {
    expect(nextLock(prev, report, false).map(x => x.target)).toContain('t/gone:1')
    expect(nextLock(prev, report, true).map(x => x.target)).not.toContain('t/gone:1')
  })
})

describe('lockedExpansion', () => {
  const config = parseConfig(
    'version: 1\nimages:\n' +
      '  r.example/lib/app:\n    target: m.example/app\n    tags: ["v*"]\n    exclude: ["*-rc"]\n' +
      '  r.example/lib/one:1.0: m.example/one:1.0\n' +
      '  r.example/lib/none:1.0: m.example/none:1.0\n',
    'm.yaml'
  )
  const lock = [
    e('m.example/app:v1', 'r.example/lib/app:v1', D('1')),
    e('m.example/app:v2-rc', 'r.example/lib/app:v2-rc', D('2')),
    e('m.example/other:v1', 'r.example/lib/app:v1', D('3')),
    e('m.example/one:1.0', 'r.example/lib/one:1.0', D('4'))
  ]

  test('lines become items pinned to their digest; stale lines warn; an entry without lines fails', () => {
    const x = lockedExpansion(config, lock, undefined)
    expect(x.items.map(i => [i.source, i.target, i.sourceRef.digest, i.sourceRef.tag])).toEqual([
      ['r.example/lib/app:v1', 'm.example/app:v1', D('1'), 'v1'],
      ['r.example/lib/one:1.0', 'm.example/one:1.0', D('4'), '1.0']
    ])
    expect(x.warnings).toEqual([
      'lock: r.example/lib/app:v2-rc → m.example/app:v2-rc belongs to no entry of the config; ignored',
      'lock: r.example/lib/app:v1 → m.example/other:v1 belongs to no entry of the config; ignored'
    ])
    expect(x.failures.map(f => [f.source, String(f.error)])).toEqual([
      ['r.example/lib/none:1.0', expect.stringMatching(/not in the lock file/)]
    ])
  })

  test('a shard takes only its entries’ lines and fails only its own entries', () => {
    const parts = [1, 2, 3].map(index => lockedExpansion(config, lock, { index, count: 3 }))
    expect(parts.flatMap(p => p.items.map(i => i.target)).sort()).toEqual([
      'm.example/app:v1',
      'm.example/one:1.0'
    ])
    expect(parts.flatMap(p => p.failures)).toHaveLength(1)
  })
})

describe('config lock:', () => {
  test('resolved against the config file’s directory', () => {
    const c = parseConfig(
      'version: 1\nlock: locks/mirror.lock\nimages:\n  a:1: r.example/a:1\n',
      '/cfg/m.yaml'
    )
    expect(c.lock).toBe('/cfg/locks/mirror.lock')
  })
})
