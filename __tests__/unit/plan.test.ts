import { describe, expect, test } from '@jest/globals'
import {
  cooldown,
  decide,
  digestMayChange,
  isRateLimitError,
  mapLimit,
  optionsFingerprint,
  rateLimitExhausted,
  stateVerdict,
  type Decision,
  type StateVerdict
} from '../../src/sync/index.js'
import type { StateEntry } from '../../src/sync/index.js'

const S1 = 'sha256:' + '1'.repeat(64) // source digest now
const S0 = 'sha256:' + '0'.repeat(64) // an older source digest
const W1 = 'sha256:' + 'a'.repeat(64) // what we wrote for S1 (subset)
const W0 = 'sha256:' + 'b'.repeat(64) // what we wrote for S0
const X = 'sha256:' + 'f'.repeat(64) // something else at the target

const entry = (o: Partial<StateEntry> = {}): StateEntry => ({
  source: 's/a:1',
  sourceDigest: S1,
  target: 't/a:1',
  digest: S1,
  at: '2026-03-01T00:00:00.000Z',
  ...o
})
const now = new Date('2026-03-10T00:00:00.000Z')

describe('stateVerdict', () => {
  test.each([
    ['no entry', undefined, undefined, false, undefined, 'miss'],
    ['fresh entry', entry(), undefined, false, undefined, 'trust'],
    ['verify set', entry(), undefined, true, undefined, 'verify'],
    ['younger than maxAgeDays', entry(), undefined, false, 30, 'trust'],
    ['older than maxAgeDays', entry(), undefined, false, 5, 'verify'],
    ['other options', entry({ options: 'platforms=linux/amd64' }), undefined, false, undefined, 'miss'],
    [
      'same options',
      entry({ options: 'platforms=linux/amd64' }),
      'platforms=linux/amd64',
      false,
      undefined,
      'trust'
    ],
    ['options now, none then', entry(), 'attestations=drop', false, undefined, 'miss']
  ] as [string, StateEntry | undefined, string | undefined, boolean, number | undefined, StateVerdict][])(
    '%s → %s',
    (_n, state, options, verify, maxAgeDays, want) => {
      expect(stateVerdict({ state, options, verify, maxAgeDays, now })).toBe(want)
    }
  )
})

type Case = [
  string,
  {
    verdict: StateVerdict
    state?: StateEntry
    previous?: StateEntry
    checkTargets: boolean
    digestMayChange: boolean
    target?: { digest: string } | null
  },
  Decision
]

describe('decide', () => {
  test.each<Case>([
    // state trusted: no target request at all
    [
      'trusted state skips',
      { verdict: 'trust', state: entry(), checkTargets: true, digestMayChange: false },
      { action: 'skip', change: 'unchanged' }
    ],
    [
      'trusted state skips without targets',
      { verdict: 'trust', state: entry(), checkTargets: false, digestMayChange: true },
      { action: 'skip', change: 'unchanged' }
    ],
    // needs the target
    [
      'verify asks for the target',
      { verdict: 'verify', state: entry(), checkTargets: true, digestMayChange: false },
      { action: 'check-target' }
    ],
    [
      'miss asks for the target',
      { verdict: 'miss', checkTargets: true, digestMayChange: false },
      { action: 'check-target' }
    ],
    // targets off limits
    [
      'verify without targets trusts the state',
      { verdict: 'verify', state: entry(), checkTargets: false, digestMayChange: false },
      { action: 'skip', change: 'unchanged' }
    ],
    [
      'miss without targets: unknown',
      { verdict: 'miss', checkTargets: false, digestMayChange: false },
      { action: 'copy', change: 'unknown' }
    ],
    [
      'miss without targets, older digest in state: changed',
      { verdict: 'miss', previous: entry({ sourceDigest: S0 }), checkTargets: false, digestMayChange: false },
      { action: 'copy', change: 'changed' }
    ],
    // target looked at
    [
      'target absent: new',
      { verdict: 'miss', checkTargets: true, digestMayChange: false, target: null },
      { action: 'copy', change: 'new' }
    ],
    [
      'verify, target absent: new',
      { verdict: 'verify', state: entry(), checkTargets: true, digestMayChange: false, target: null },
      { action: 'copy', change: 'new' }
    ],
    [
      'miss, target = source digest: skip and record',
      { verdict: 'miss', checkTargets: true, digestMayChange: false, target: { digest: S1 } },
      { action: 'skip', change: 'unchanged', record: S1 }
    ],
    [
      'miss, target differs: changed',
      { verdict: 'miss', checkTargets: true, digestMayChange: false, target: { digest: X } },
      { action: 'copy', change: 'changed' }
    ],
    [
      'verify subset, target = written digest: skip',
      {
        verdict: 'verify',
        state: entry({ digest: W1 }),
        checkTargets: true,
        digestMayChange: true,
        target: { digest: W1 }
      },
      { action: 'skip', change: 'unchanged', record: W1 }
    ],
    [
      'verify subset, target = source digest: changed (someone overwrote it)',
      {
        verdict: 'verify',
        state: entry({ digest: W1 }),
        checkTargets: true,
        digestMayChange: true,
        target: { digest: S1 }
      },
      { action: 'copy', change: 'changed' }
    ],
    [
      'miss subset, target holds what we wrote for the old source: changed',
      {
        verdict: 'miss',
        previous: entry({ sourceDigest: S0, digest: W0 }),
        checkTargets: true,
        digestMayChange: true,
        target: { digest: W0 }
      },
      { action: 'copy', change: 'changed' }
    ],
    [
      'miss subset, unknown content at target: copy',
      { verdict: 'miss', checkTargets: true, digestMayChange: true, target: { digest: X } },
      { action: 'copy', change: 'unknown' }
    ]
  ])('%s', (_n, p, want) => {
    expect(decide({ sourceDigest: S1, ...p })).toEqual(want)
  })
})

describe('decide: overwrite policy on a target tag that exists and differs', () => {
  // The source moved from S0 to S1; the target is checked because the state has no entry for S1.
  const base = { verdict: 'miss' as StateVerdict, checkTargets: true, digestMayChange: false }
  const mine = entry({ sourceDigest: S0, digest: S0 })
  test.each([
    [
      'if-ours, we wrote what is there: copy',
      'if-ours',
      mine,
      true,
      S0,
      { action: 'copy', change: 'changed' }
    ],
    [
      'if-ours, someone replaced our write: drifted',
      'if-ours',
      mine,
      true,
      X,
      { action: 'hold', change: 'changed', held: 'drifted' }
    ],
    [
      'if-ours, another config wrote it: drifted',
      'if-ours',
      mine,
      false,
      S0,
      { action: 'hold', change: 'changed', held: 'drifted' }
    ],
    [
      'if-ours, the state never saw the tag: copy',
      'if-ours',
      undefined,
      false,
      X,
      { action: 'copy', change: 'changed' }
    ],
    ['always, drifted: copy', 'always', mine, true, X, { action: 'copy', change: 'changed' }],
    ['never, ours: kept', 'never', mine, true, S0, { action: 'hold', change: 'changed', held: 'never' }],
    [
      'never, drifted: drifted',
      'never',
      mine,
      true,
      X,
      { action: 'hold', change: 'changed', held: 'drifted' }
    ],
    [
      'never, unknown tag: kept',
      'never',
      undefined,
      false,
      X,
      { action: 'hold', change: 'changed', held: 'never' }
    ]
  ] as [string, 'always' | 'if-ours' | 'never', StateEntry | undefined, boolean, string, Decision][])(
    '%s',
    (_n, overwrite, written, ours, at, want) => {
      expect(decide({ sourceDigest: S1, ...base, overwrite, written, ours, target: { digest: at } })).toEqual(
        want
      )
    }
  )

  test.each(['if-ours', 'never', 'always'] as const)(
    '%s: an absent tag is written, an equal one skipped',
    overwrite => {
      const p = { sourceDigest: S1, ...base, overwrite, written: entry({ digest: X }), ours: false }
      expect(decide({ ...p, target: null })).toEqual({ action: 'copy', change: 'new' })
      expect(decide({ ...p, target: { digest: S1 } })).toEqual({
        action: 'skip',
        change: 'unchanged',
        record: S1
      })
    }
  )

  test('verify finds our cached write replaced: drifted', () => {
    const state = entry({ digest: W1 })
    const p = { verdict: 'verify' as StateVerdict, state, checkTargets: true, digestMayChange: true }
    expect(
      decide({
        sourceDigest: S1,
        ...p,
        overwrite: 'if-ours',
        written: state,
        ours: true,
        target: { digest: X }
      })
    ).toEqual({
      action: 'hold',
      change: 'changed',
      held: 'drifted'
    })
  })
})

describe('cooldown', () => {
  const first = new Date('2026-03-01T00:00:00.000Z')
  const copy: Decision = { action: 'copy', change: 'new' }
  test.each([
    ['just seen', '2026-03-01T00:00:00.000Z', 3, 'wait'],
    ['a minute short', '2026-03-03T23:59:00.000Z', 3, 'wait'],
    ['exactly old enough', '2026-03-04T00:00:00.000Z', 3, 'copy'],
    ['older', '2026-04-01T00:00:00.000Z', 3, 'copy'],
    ['12h, after 13h', '2026-03-01T13:00:00.000Z', 0.5, 'copy']
  ])('%s: %s with min-age %d days → %s', (_n, now, days, action) => {
    const d = cooldown(copy, first, days, new Date(now))
    expect(d.action).toBe(action)
    if (action === 'wait') {
      expect(d).toEqual({
        action: 'wait',
        change: 'new',
        firstSeen: first.toISOString(),
        eligibleAt: new Date(first.getTime() + days * 86_400_000).toISOString()
      })
    }
  })

  test('only a copy waits', () => {
    const skip: Decision = { action: 'skip', change: 'unchanged' }
    expect(cooldown(skip, first, 3, first)).toBe(skip)
  })
})

describe('options', () => {
  test.each([
    [{ platforms: 'all', keepAttestations: true, convertToDocker: false }, false, undefined],
    [
      {
        platforms: [
          { os: 'linux', architecture: 'arm64' },
          { os: 'linux', architecture: 'arm', variant: 'v7' }
        ],
        keepAttestations: true,
        convertToDocker: false
      },
      true,
      'platforms=linux/arm/v7,linux/arm64'
    ],
    [{ platforms: 'all', keepAttestations: false, convertToDocker: false }, true, 'attestations=drop'],
    [{ platforms: 'all', keepAttestations: true, convertToDocker: true }, true, 'convert=docker']
  ] as const)('%j', (o, may, fp) => {
    expect(digestMayChange(o as never)).toBe(may)
    expect(optionsFingerprint(o as never)).toBe(fp)
  })
})

describe('rate limits', () => {
  test.each([
    [undefined, 10, false],
    [{}, 10, false],
    [{ limit: 100 }, 10, false],
    [{ limit: 100, remaining: 10 }, 10, false],
    [{ limit: 100, remaining: 9 }, 10, true],
    [{ remaining: 0 }, 1, true],
    [{ remaining: 0 }, 0, false]
  ])('%j with threshold %i → defer %s', (rl, threshold, want) => {
    expect(rateLimitExhausted(rl, threshold)).toBe(want)
  })

  test.each([
    [{ status: 429 }, true],
    [{ status: 500 }, false],
    [{ codes: ['TOOMANYREQUESTS'] }, true],
    [new Error('x', { cause: { status: 429 } }), true],
    [new Error('plain'), false],
    [undefined, false]
  ])('isRateLimitError(%j) = %s', (e, want) => expect(isRateLimitError(e)).toBe(want))
})

describe('mapLimit', () => {
  test.each([1, 2, 5, 50])('limit %i: order kept, never more than the limit at once', async limit => {
    let active = 0
    let peak = 0
    const out = await mapLimit(
      Array.from({ length: 20 }, (_, i) => i),
      limit,
      async i => {
        active++
        peak = Math.max(peak, active)
        await new Promise(r => setImmediate(r))
        active--
        return i * 2
      }
    )
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 2))
    expect(peak).toBe(Math.min(limit, 20))
  })
})
