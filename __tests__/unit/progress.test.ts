// The progress presenter shared by the CLI and the action: bars with rate and ETA, log lines per
// interval, and the CLI's terminal rendering; time comes from an injected clock.
import { describe, expect, test } from '@jest/globals'
import { formatEta, formatRate, renderBar, TransferProgress } from '../../src/report/index.js'
import { CliProgress } from '../../src/cli/index.js'

const MiB = 1024 * 1024

describe('bar pieces', () => {
  test.each([
    [0, 1000, '-'],
    [10 * MiB, 0, '-'],
    [10 * MiB, 4000, '2.5 MiB/s'],
    [1500, 1000, '1.5 KiB/s']
  ])('rate of %i bytes in %i ms: %s', (bytes, ms, out) => expect(formatRate(bytes, ms)).toBe(out))

  test.each([
    [0, 100, 1000, 'ETA -'],
    [25, 100, 10_000, 'ETA 0:30'],
    [1, 100, 60_000, 'ETA 1:39:00'],
    [100, 100, 5000, 'ETA 0:00'],
    [10, 0, 5000, 'ETA -']
  ])('ETA with %i of %i done after %i ms: %s', (done, total, ms, out) =>
    expect(formatEta(done, total, ms)).toBe(out)
  )

  test('a bar line: label, bar, bytes, percent, rate, ETA', () => {
    expect(renderBar('reg/ns/app:1', 25 * MiB, 100 * MiB, 10_000)).toBe(
      'reg/ns/app:1 [#####---------------] 25 MiB / 100 MiB 25% 2.5 MiB/s ETA 0:30'
    )
  })
})

describe('TransferProgress', () => {
  test('bars: one per image, one per blob in flight, rate and ETA from each one’s own start', () => {
    let t = 0
    const p = new TransferProgress({ now: () => t })
    p.imageStart('a', 'reg/a:1')
    t = 2000
    p.blobStart('a', { digest: `sha256:${'1'.repeat(64)}`, size: 40 * MiB })
    t = 6000
    p.progress('a', {
      bytes: 12 * MiB,
      total: 48 * MiB,
      blob: { digest: `sha256:${'1'.repeat(64)}`, size: 40 * MiB, bytes: 8 * MiB }
    })
    expect(p.bars()).toEqual([
      'reg/a:1 [#####---------------] 12 MiB / 48 MiB 25% 2.0 MiB/s ETA 0:18',
      `  sha256:111111111111 [####----------------] 8.0 MiB / 40 MiB 20% 2.0 MiB/s ETA 0:16`
    ])
    // A finished blob leaves; a finished image too.
    p.progress('a', {
      bytes: 44 * MiB,
      total: 48 * MiB,
      blob: { digest: `sha256:${'1'.repeat(64)}`, size: 40 * MiB, bytes: 40 * MiB }
    })
    expect(p.bars()).toHaveLength(1)
    p.imageDone('a')
    expect(p.bars()).toEqual([])
  })

  test('a large blob asks to be announced, a small one does not', () => {
    const p = new TransferProgress()
    p.imageStart('a', 'x')
    expect(p.blobStart('a', { digest: 'sha256:a', size: 8 * MiB })).toBe(true)
    expect(p.blobStart('a', { digest: 'sha256:b', size: 8 * MiB - 1 })).toBe(false)
  })

  test('log lines: one per interval with every image moving, none for a short transfer', () => {
    let t = 0
    const p = new TransferProgress({ now: () => t, intervalMs: 1000 })
    p.imageStart('a', 'reg/a:1')
    p.imageStart('b', 'reg/b:1')
    const lines: (string | undefined)[] = []
    for (const [at, key, bytes] of [
      [100, 'a', MiB],
      [900, 'b', 2 * MiB],
      [1100, 'a', 3 * MiB],
      [1500, 'a', 4 * MiB],
      [2200, 'b', 4 * MiB]
    ] as const) {
      t = at
      p.progress(key, { bytes, total: 8 * MiB })
      lines.push(p.dueLine())
    }
    expect(lines.filter(Boolean)).toEqual([
      'progress: reg/a:1: 3.0 MiB of 8.0 MiB (37%, 2.7 MiB/s); reg/b:1: 2.0 MiB of 8.0 MiB (25%, 1.8 MiB/s)',
      'progress: reg/a:1: 4.0 MiB of 8.0 MiB (50%, 1.8 MiB/s); reg/b:1: 4.0 MiB of 8.0 MiB (50%, 1.8 MiB/s)'
    ])
  })
})

describe('CliProgress on a terminal', () => {
  const sink = () => {
    const out: string[] = []
    return { out, stream: { isTTY: true, columns: 200, write: (s: string) => out.push(s) } }
  }

  test('bars are redrawn in place: the previous ones erased first, messages above them', () => {
    let t = 0
    const { out, stream } = sink()
    const p = new CliProgress(stream, { now: () => t })
    const hooks = p.imageStart('k', 'reg/a:1')
    t = 1000
    hooks.onProgress!({ bytes: MiB, total: 4 * MiB, dest: 'd' })
    p.line('a message')
    expect(out).toEqual([
      'reg/a:1 [--------------------] 0 B / 0 B - - ETA -\n',
      '\x1b[1F\x1b[J',
      'reg/a:1 [#####---------------] 1.0 MiB / 4.0 MiB 25% 1.0 MiB/s ETA 0:03\n',
      '\x1b[1F\x1b[J',
      'a message\n',
      'reg/a:1 [#####---------------] 1.0 MiB / 4.0 MiB 25% 1.0 MiB/s ETA 0:03\n'
    ])
    p.clear()
    expect(out.at(-1)).toBe('\x1b[1F\x1b[J')
  })

  test.each([
    [0, 'reg/a:1 [--------------------] 0 B / 0 B - - ETA -\n'],
    [30, 'reg/a:1 [--------------------\n']
  ])('a terminal of %i columns (0: a pty without a size) gets lines that fit', (columns, line) => {
    const out: string[] = []
    new CliProgress({ isTTY: true, columns, write: (s: string) => out.push(s) }).imageStart('k', 'reg/a:1')
    expect(out).toEqual([line])
  })

  test('quiet: nothing at all', () => {
    const { out, stream } = sink()
    const p = new CliProgress(stream, { quiet: true })
    p.imageStart('k', 'x', 'announce').onProgress!({ bytes: 1, total: 2, dest: 'd' })
    p.line('m')
    expect(out).toEqual([])
  })

  test('no terminal: the announce line, no bars', () => {
    const { out, stream } = sink()
    const p = new CliProgress({ ...stream, isTTY: false })
    p.imageStart('k', 'x', 'copying a to b').onBlobStart!({
      blob: { digest: 'sha256:ab', size: 9 * MiB, mediaType: 'm' },
      dest: 'd'
    })
    expect(out).toEqual(['copying a to b\n', 'blob sha256:ab (9.0 MiB) started\n'])
  })
})
