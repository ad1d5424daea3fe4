import { describe, expect, test } from '@jest/globals'
import { Limiter, Semaphore } from '../../src/copy/index.js'

/** A promise and its resolver, so a test decides when work finishes (no timers, no clock). */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void
  const promise = new Promise<void>(r => (open = r))
  return { promise, open }
}

const tick = () => new Promise<void>(r => setImmediate(r))

describe('Semaphore', () => {
  test.each([1, 2, 5])('never exceeds a limit of %i and runs everything', async limit => {
    const s = new Semaphore(limit)
    const gates = Array.from({ length: 12 }, gate)
    let running = 0
    let peak = 0
    const done: number[] = []
    const all = gates.map((g, i) =>
      s.run(async () => {
        running++
        peak = Math.max(peak, running)
        await g.promise
        running--
        done.push(i)
      })
    )
    await tick()
    expect(running).toBe(limit)
    expect(s.waiting).toBe(12 - limit)
    for (const g of gates) {
      g.open()
      await tick()
    }
    await Promise.all(all)
    expect(peak).toBe(limit)
    expect(s.peak).toBe(limit)
    expect(s.inFlight).toBe(0)
    expect(done).toHaveLength(12)
  })

  test('serves waiters first in, first out', async () => {
    const s = new Semaphore(1)
    const first = await s.acquire()
    const order: number[] = []
    const waits = [1, 2, 3].map(n => s.acquire().then(release => (order.push(n), release)))
    first()
    for (const w of waits) (await w)()
    expect(order).toEqual([1, 2, 3])
  })

  test('a release called twice frees one slot only', async () => {
    const s = new Semaphore(1)
    const r = await s.acquire()
    r()
    r()
    expect(s.inFlight).toBe(0)
    await s.acquire()
    expect(s.inFlight).toBe(1)
  })

  test('a failing task frees its slot', async () => {
    const s = new Semaphore(1)
    await expect(s.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(s.inFlight).toBe(0)
  })

  test.each([0, -1, 1.5, NaN])('refuses limit %p', n => {
    expect(() => new Semaphore(n)).toThrow(/positive integer/)
  })
})

describe('Limiter', () => {
  test('defaults are documented values', () => {
    const l = new Limiter()
    expect(l.transfers.limit).toBe(8)
    expect(l.perRegistry).toBe(6)
  })

  test.each([{ perRegistryConcurrency: 0 }, { concurrency: 0 }])('refuses %j at construction', opts => {
    expect(() => new Limiter(opts)).toThrow(/positive integer/)
  })

  test('a request on one registry holds one slot even when both sides are that registry', async () => {
    const l = new Limiter({ perRegistryConcurrency: 1 })
    // With the key taken twice this would wait on itself forever.
    await expect(l.request(['a', 'a'], async () => 'ok')).resolves.toBe('ok')
  })

  test('opposite key orders do not deadlock at limit 1', async () => {
    const l = new Limiter({ perRegistryConcurrency: 1, concurrency: 4 })
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => l.transfer(i % 2 ? ['a', 'b'] : ['b', 'a'], async () => i))
    )
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(l.registry('a').peak).toBe(1)
    expect(l.registry('b').peak).toBe(1)
  })

  test('the global transfer cap applies across registries, the per-registry cap per registry', async () => {
    const l = new Limiter({ concurrency: 3, perRegistryConcurrency: 2 })
    const gates = Array.from({ length: 9 }, gate)
    const all = gates.map((g, i) => l.transfer([`src${i % 3}`, 'dst'], () => g.promise))
    await tick()
    expect(l.transfers.inFlight).toBe(3)
    expect(l.registry('dst').inFlight).toBe(2)
    for (const g of gates) {
      g.open()
      await tick()
    }
    await Promise.all(all)
    expect(l.transfers.peak).toBe(3)
    expect(l.registry('dst').peak).toBe(2)
    expect(l.registry('dst').inFlight).toBe(0)
  })
})
