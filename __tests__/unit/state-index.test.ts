// The plan asks the state three questions per image (get, latest, lastWritten). They must not scan
// every entry: a 2,000-image plan would visit 8 million entries. Counted, not timed: no Map is
// iterated while the questions are answered, and the answers stay those of a full scan.
import { afterEach, describe, expect, jest, test } from '@jest/globals'
import { StateStore, STATE_VERSION, stateKey, type StateEntry } from '../../src/sync/index.js'

const N = 2000
const digest = (i: number, c = 'a'): string => `sha256:${c}${String(i).padStart(63, '0')}`
const at = (i: number): string => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString()

/** N targets; every tenth has two source digests (older and newer) and a second source. */
function store(): { s: StateStore; entries: StateEntry[] } {
  const entries: StateEntry[] = []
  for (let i = 0; i < N; i++) {
    const target = `dst.example/m/app${i}:v1`
    entries.push({
      source: `src.example/lib/app${i}:v1`,
      sourceDigest: digest(i),
      target,
      digest: digest(i, 'b'),
      at: at(i)
    })
    if (i % 10 === 0) {
      entries.push({
        source: `src.example/lib/app${i}:v1`,
        sourceDigest: digest(i, 'c'),
        target,
        digest: digest(i, 'd'),
        at: at(N + i)
      })
      entries.push({
        source: `other.example/x${i}:v1`,
        sourceDigest: digest(i, 'e'),
        target,
        digest: digest(i, 'f'),
        at: at(2 * N + i)
      })
    }
  }
  const doc = {
    version: STATE_VERSION,
    entries: Object.fromEntries(entries.map(e => [stateKey(e.source, e.sourceDigest, e.target), e]))
  }
  return { s: StateStore.fromJSON(JSON.stringify(doc)), entries }
}

/** What a full scan answers: the reference the index must agree with. */
const newest = (es: StateEntry[]): StateEntry | undefined =>
  es.reduce<StateEntry | undefined>((b, e) => (!b || e.at > b.at ? e : b), undefined)

const ITERATORS = ['values', 'entries', 'keys', 'forEach', Symbol.iterator] as const

afterEach(() => {
  jest.restoreAllMocks()
})

describe('state lookups by index', () => {
  test(`${N} images' plan questions iterate no Map and agree with a full scan`, () => {
    const { s, entries } = store()
    const spies = ITERATORS.map(m =>
      jest.spyOn(Map.prototype as unknown as Record<PropertyKey, () => unknown>, m as never)
    )
    const answers: (StateEntry | undefined)[][] = []
    for (let i = 0; i < N; i++) {
      const source = `src.example/lib/app${i}:v1`
      const target = `dst.example/m/app${i}:v1`
      answers.push([s.get(source, digest(i), target), s.latest(source, target), s.lastWritten(target)])
    }
    const visits = spies.reduce((n, spy) => n + spy.mock.calls.length, 0)
    jest.restoreAllMocks()
    expect(visits).toBe(0)
    for (let i = 0; i < N; i++) {
      const source = `src.example/lib/app${i}:v1`
      const target = `dst.example/m/app${i}:v1`
      expect(answers[i]).toEqual([
        entries.find(e => e.source === source && e.sourceDigest === digest(i) && e.target === target),
        newest(entries.filter(e => e.source === source && e.target === target)),
        newest(entries.filter(e => e.target === target))
      ])
    }
  })

  test('set, delete and prune keep the index in step', () => {
    const { s } = store()
    const source = 'src.example/lib/app0:v1'
    const target = 'dst.example/m/app0:v1'
    // A new write replaces both older source digests of the pair; the other source stays.
    s.set({ source, sourceDigest: digest(7, '9'), target, digest: digest(7, '8'), at: at(9 * N) })
    expect(s.latest(source, target)?.sourceDigest).toBe(digest(7, '9'))
    expect(s.lastWritten(target)?.digest).toBe(digest(7, '8'))
    expect(s.list().filter(e => e.target === target)).toHaveLength(2)
    expect(s.delete(source, digest(7, '9'), target)).toBe(true)
    expect(s.latest(source, target)).toBeUndefined()
    expect(s.lastWritten(target)?.source).toBe('other.example/x0:v1')
    s.prune({ keep: e => e.target !== target })
    expect(s.lastWritten(target)).toBeUndefined()
    expect(s.lastWritten('dst.example/m/app1:v1')?.source).toBe('src.example/lib/app1:v1')
  })
})
