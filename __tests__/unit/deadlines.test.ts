/**
 * The body-level and per-image deadlines as units: the throughput floor with an injected clock,
 * where it applies by default, how its failures and the image deadline's are classified, the
 * parsers shared by config, flags and inputs, and the hung-host count of the breaker.
 */
import { describe, expect, test } from '@jest/globals'
import { MAX_IMAGE_TIMEOUT_MS, parseDuration, parseThroughput } from '../../src/config/index.js'
import { parseCopyArgs, parseSyncArgs, UsageError } from '../../src/cli/index.js'
import {
  DEFAULT_MIN_THROUGHPUT,
  DEFAULT_THROUGHPUT_WINDOW_MS,
  DEFAULT_TIMEOUTS,
  floorFor,
  networkError,
  ThroughputMeter
} from '../../src/http/index.js'
import { Limiter } from '../../src/copy/index.js'
import {
  DeadlineError,
  DeadlineScope,
  foreignDeadline,
  formatMs,
  isRetryable,
  kindOf,
  ownResult,
  withDeadline
} from '../../src/oci/index.js'

describe('min-throughput', () => {
  const floor = { bytesPerSec: 10 * 1024, windowMs: 30_000 }
  const url = 'https://cdn.example/blobs/sha256:ab?token=secret'

  test('a body below the floor over a whole window fails, naming the host, the rate and the floor', () => {
    let now = 0
    const m = new ThroughputMeter(floor, url, () => now)
    now = 29_000
    m.add(1000) // inside the first window: not judged yet
    now = 30_000
    let err: unknown
    try {
      m.add(1000)
    } catch (e) {
      err = e
    }
    expect(err).toBeDefined()
    expect((err as Error).message).toBe(
      'GET https://cdn.example/blobs/sha256:ab?token=REDACTED: slow body: cdn.example sent 67 B/s over 30s, ' +
        'below the floor of 10 KiB/s (min-throughput, over min-throughput-window 30s)'
    )
    // A network-class failure: the one retry policy retries it like a reset.
    expect(isRetryable(err)).toBe(true)
    expect(kindOf(err)).toBe('network')
  })

  test('a body at the floor passes window after window', () => {
    let now = 0
    const m = new ThroughputMeter(floor, url, () => now)
    for (let w = 1; w <= 5; w++) {
      now = w * 30_000
      expect(() => m.add(30 * 10 * 1024)).not.toThrow()
    }
  })

  test.each([
    ['a remote host: the default floor', 'https://r.example/v2/', {}, DEFAULT_MIN_THROUGHPUT],
    ['a loopback host: off by default', 'http://127.0.0.1:5000/v2/', {}, undefined],
    ['a loopback host with a floor set', 'http://localhost:5000/v2/', { minBytesPerSec: 2048 }, 2048],
    ['a remote host with the floor off', 'https://r.example/v2/', { minBytesPerSec: 0 }, undefined]
  ])('%s', (_name, u, over, want) => {
    const f = floorFor({ ...DEFAULT_TIMEOUTS, ...over }, new URL(u))
    expect(f?.bytesPerSec).toBe(want)
    if (f) expect(f.windowMs).toBe(DEFAULT_THROUGHPUT_WINDOW_MS)
  })

  test.each([
    ['10KiB', 10_240],
    ['10KiB/s', 10_240],
    ['1MiB', 1_048_576],
    ['500', 500],
    ['0', 0],
    ['off', 0],
    ['fast', undefined],
    ['-1', undefined]
  ])('parseThroughput(%j) = %s', (raw, want) => expect(parseThroughput(raw)).toBe(want))
})

describe('image-timeout', () => {
  test.each([
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['90s', 90_000],
    ['24h', 24 * 3_600_000],
    ['25h', undefined],
    ['0', undefined]
  ])('parseDuration(%j, MAX_IMAGE_TIMEOUT_MS) = %s', (raw, want) =>
    expect(parseDuration(raw, MAX_IMAGE_TIMEOUT_MS)).toBe(want)
  )

  test.each([
    [500, '500ms'],
    [1500, '1.5s'],
    [90_000, '1m30s'],
    [1_800_000, '30m'],
    [5_400_000, '1h30m']
  ])('formatMs(%d) = %s', (ms, text) => expect(formatMs(ms)).toBe(text))

  test('a request aborted by the deadline is not retried and says which deadline', () => {
    const d = new DeadlineError('image-timeout', 1_800_000, 'docker://r.example/app:1')
    const e = networkError('GET', new URL('https://r.example/v2/app/blobs/sha256:ab'), d)
    expect(e.message).toBe('GET https://r.example/v2/app/blobs/sha256:ab: aborted by image-timeout (30m)')
    expect(isRetryable(e)).toBe(false)
    expect(d.message).toBe(
      'image-timeout (30m) fired: the copy of docker://r.example/app:1 did not finish within 30m'
    )
  })
})

describe('the deadline scope', () => {
  test('work queued in the limiter does not start once the image deadline fired', async () => {
    const ctl = new AbortController()
    const reason = new DeadlineError('image-timeout', 1000, 'docker://r.example/a:1')
    ctl.abort(reason)
    let ran = 0
    const limiter = new Limiter()
    const p = withDeadline(new DeadlineScope(ctl.signal), () =>
      limiter.request(['r.example'], async () => ran++)
    )
    await expect(p).rejects.toBe(reason)
    expect(ran).toBe(0)
  })

  test('the scope knows the hosts with requests in flight', () => {
    const scope = new DeadlineScope(new AbortController().signal)
    const a = scope.enter('src.example')
    const b = scope.enter('dst.example')
    const a2 = scope.enter('src.example')
    a()
    a() // leaving twice counts once
    expect(scope.hosts()).toEqual(['src.example', 'dst.example'])
    a2()
    b()
    expect(scope.hosts()).toEqual([])
  })

  test("shared work cut by another image's deadline is done again by the image that awaited it", async () => {
    const other = new DeadlineError('image-timeout', 1000, 'docker://r.example/other:1')
    const mine = new AbortController()
    let again = 0
    const result = await withDeadline(new DeadlineScope(mine.signal), () => {
      expect(foreignDeadline(other)).toBe(true)
      return ownResult(Promise.reject(new Error('cut', { cause: other })), async () => ++again)
    })
    expect(result).toBe(1)
    // Its own deadline is its own failure.
    const own = new DeadlineError('image-timeout', 1000, 'docker://r.example/a:1')
    mine.abort(own)
    await expect(
      withDeadline(new DeadlineScope(mine.signal), () => ownResult(Promise.reject(own), async () => 2))
    ).rejects.toBe(own)
  })
})

describe('flags (copy and sync share one parser)', () => {
  const flags = ['--image-timeout', '45m', '--min-throughput', '10KiB', '--min-throughput-window', '30s']

  test('sync', () => {
    const a = parseSyncArgs(['--config', 'mirror.yaml', ...flags])
    expect(a.imageTimeoutMs).toBe(2_700_000)
    expect(a.timeouts).toEqual({ minBytesPerSec: 10_240, throughputWindowMs: 30_000 })
  })

  test('copy', () => {
    const a = parseCopyArgs([...flags, 'docker://r.example/a:1', 'oci:./out:a'])
    if (a === 'help') throw new Error('help')
    expect(a.options.imageTimeoutMs).toBe(2_700_000)
    expect(a.timeouts).toEqual({ minBytesPerSec: 10_240, throughputWindowMs: 30_000 })
  })

  test.each([
    [['--min-throughput', 'fast'], /invalid --min-throughput 'fast'/],
    [['--min-throughput-window', 'later'], /invalid --min-throughput-window 'later'/],
    [['--image-timeout', 'forever'], /invalid --image-timeout 'forever'/]
  ])('%j is a usage error', (args, message) => {
    expect(() => parseSyncArgs(['--config', 'mirror.yaml', ...args])).toThrow(UsageError)
    expect(() => parseSyncArgs(['--config', 'mirror.yaml', ...args])).toThrow(message)
  })
})
