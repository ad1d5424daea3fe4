import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  computeTotals,
  errorMessage,
  exitCodeFor,
  type ImageReport,
  type ImageStatus
} from '../../src/sync/index.js'
import {
  formatBytes,
  formatImageLine,
  formatTotalsLine,
  shortDigest,
  writeJsonReport
} from '../../src/report/index.js'

const D = 'sha256:' + 'ab'.repeat(32)
const img = (status: ImageStatus, extra: Partial<ImageReport> = {}): ImageReport => ({
  source: 'src.example/a:1',
  target: 'dst.example/a:1',
  status,
  bytes: 0,
  durationMs: 0,
  ...extra
})
const rep = (images: ImageReport[]) => ({ images, totals: computeTotals(images), warnings: [] })

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('report', () => {
  test.each([
    [[], 0],
    [['copied', 'skipped'], 0],
    [['planned', 'deferred'], 0],
    [['drifted', 'waiting', 'copied'], 0],
    [['drifted', 'failed'], 1],
    [['copied', 'failed', 'skipped'], 1],
    [['failed'], 1],
    [['pruned', 'prune-planned', 'kept', 'prune-refused'], 0]
  ] as [ImageStatus[], number][])('exit code for %j is %i', (statuses, code) => {
    expect(exitCodeFor(rep(statuses.map(s => img(s))))).toBe(code)
  })

  test('totals count statuses and bytes', () => {
    const t = computeTotals([
      img('copied', { bytes: 10 }),
      img('copied', { bytes: 5 }),
      img('failed'),
      img('deferred'),
      img('drifted'),
      img('waiting'),
      img('waiting'),
      img('pruned', { prune: true }),
      img('pruned', { prune: true }),
      img('prune-planned', { prune: true }),
      img('kept', { prune: true }),
      img('prune-refused', { prune: true })
    ])
    expect(t).toEqual({
      copied: 2,
      skipped: 0,
      failed: 1,
      planned: 0,
      deferred: 1,
      drifted: 1,
      waiting: 2,
      pruned: 2,
      'prune-planned': 1,
      kept: 1,
      'prune-refused': 1,
      bytes: 15
    })
  })

  test('writeJsonReport writes images and totals, nothing else left behind', async () => {
    const r = rep([
      img('copied', { digest: D, sourceDigest: D, bytes: 42, change: 'new' }),
      img('failed', { error: 'denied: x' })
    ])
    const f = join(dir, 'out', 'report.json')
    await writeJsonReport(r, f)
    expect(await readdir(join(dir, 'out'))).toEqual(['report.json'])
    const doc = JSON.parse(await readFile(f, 'utf8'))
    expect(doc.images[0]).toEqual({
      source: 'src.example/a:1',
      target: 'dst.example/a:1',
      sourceDigest: D,
      digest: D,
      status: 'copied',
      change: 'new',
      bytes: 42,
      durationMs: 0
    })
    expect(doc.images[1].error).toBe('denied: x')
    expect(doc.totals).toEqual({
      copied: 1,
      skipped: 0,
      failed: 1,
      planned: 0,
      deferred: 0,
      drifted: 0,
      waiting: 0,
      pruned: 0,
      'prune-planned': 0,
      kept: 0,
      'prune-refused': 0,
      bytes: 42
    })
    expect(doc.warnings).toEqual([])
  })

  test.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [50 * 1024 * 1024, '50 MiB'],
    [3 * 1024 ** 3, '3.0 GiB']
  ])('formatBytes(%i) = %s', (n, s) => expect(formatBytes(n)).toBe(s))

  test.each([
    [D, 'sha256:abababababab'],
    [undefined, '-'],
    ['weird', 'weird']
  ])('shortDigest(%s)', (d, s) => expect(shortDigest(d)).toBe(s))

  test.each([
    [
      img('copied', { digest: D, bytes: 2048 }),
      'copied   src.example/a:1 → dst.example/a:1  sha256:abababababab  2.0 KiB'
    ],
    [
      img('skipped', { digest: D, change: 'unchanged' }),
      'skipped  src.example/a:1 → dst.example/a:1  sha256:abababababab  - (unchanged)'
    ],
    [img('failed', { error: 'boom' }), 'failed   src.example/a:1 → dst.example/a:1  -  -: boom'],
    [
      img('drifted', { digest: D, change: 'changed', note: 'left alone' }),
      'drifted  src.example/a:1 → dst.example/a:1  sha256:abababababab  -: left alone'
    ],
    [
      img('pruned', { digest: D, prune: true, note: 'tag deleted' }),
      'pruned   dst.example/a:1  sha256:abababababab: tag deleted'
    ],
    [
      img('kept', { digest: D, prune: true }),
      'kept     dst.example/a:1  sha256:abababababab (from src.example/a:1)'
    ]
  ])('line %#', (r, line) => expect(formatImageLine(r)).toBe(line))

  test('total line', () => {
    expect(formatTotalsLine(rep([img('copied', { bytes: 2048 }), img('skipped')]))).toBe(
      'total: 2 images: 1 copied, 1 skipped, 0 failed; 2.0 KiB copied'
    )
  })

  test('total line: retention rows are counted apart from images', () => {
    const rows = [img('skipped'), img('pruned', { prune: true }), img('kept', { prune: true })]
    expect(formatTotalsLine(rep(rows))).toBe(
      'total: 1 images: 1 skipped, 0 failed, 1 pruned, 1 kept; 0 B copied'
    )
  })
})

describe('errorMessage', () => {
  test.each([
    ['plain', new Error('boom'), 'boom'],
    [
      'cause appended',
      new Error('copy failed', { cause: new Error('socket hang up') }),
      'copy failed: socket hang up'
    ],
    ['cause already in the message', new Error('x: inner', { cause: new Error('inner') }), 'x: inner'],
    [
      'userinfo in a URL',
      new Error('GET https://bob:hunter2@reg.example/v2/ failed'),
      'GET https://reg.example/v2/ failed'
    ],
    [
      'signed URL query',
      new Error('GET https://cdn.example/blob?X-Amz-Signature=abc123&x=1 400'),
      'GET https://cdn.example/blob?X-Amz-Signature=REDACTED&x=1 400'
    ],
    [
      'bearer token',
      new Error('sent Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig'),
      'sent Authorization: Bearer REDACTED'
    ],
    ['basic credentials', new Error('header Basic Ym9iOmh1bnRlcjI='), 'header Basic REDACTED'],
    ['not an Error', 'just text', 'just text'],
    ['nothing', undefined, 'unknown error']
  ])('%s', (_n, error, want) => {
    expect(errorMessage(error)).toBe(want)
  })

  test('long messages are capped', () => {
    expect(errorMessage(new Error('x'.repeat(5000)))).toHaveLength(1000)
  })
})
