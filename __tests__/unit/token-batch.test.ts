/** ScopeBatches: which scopes go into one token request, and the fall-back when a batch fails. */
import { describe, expect, test } from '@jest/globals'
import { ScopeBatches, TOKEN_BATCH } from '../../src/registry/index.js'

const scope = (i: number) => `repository:r${i}:pull`

describe('ScopeBatches', () => {
  test('the first request of a group asks for the next announced scopes; the others wait for it', async () => {
    const b = new ScopeBatches()
    b.announce(
      'reg',
      Array.from({ length: TOKEN_BATCH + 3 }, (_, i) => scope(i))
    )
    const asked: string[][] = []
    const fetch = async (s: string[]) => (asked.push(s), `t${asked.length}`)
    const tokens = await Promise.all([0, 1, 2].map(i => b.token('reg', [scope(i)], fetch)))
    expect(tokens).toEqual(['t1', 't1', 't1'])
    expect(asked).toEqual([Array.from({ length: TOKEN_BATCH }, (_, i) => scope(i))])
    // The rest of the announced scopes make the next batch.
    expect(await b.token('reg', [scope(TOKEN_BATCH)], fetch)).toBe('t2')
    expect(asked[1]).toEqual([TOKEN_BATCH, TOKEN_BATCH + 1, TOKEN_BATCH + 2].map(scope))
  })

  test.each([
    ['not announced', ['repository:other:pull']],
    ['several scopes at once', [scope(0), scope(1)]]
  ])('%s: no batch (the caller fetches its own token)', async (_, need) => {
    const b = new ScopeBatches()
    b.announce('reg', [scope(0), scope(1), scope(2)])
    let calls = 0
    expect(await b.token('reg', need, async () => `t${++calls}`)).toBeUndefined()
    expect(calls).toBe(0)
  })

  test('a failed batch: every waiter falls back, and the registry is not batched again', async () => {
    const b = new ScopeBatches()
    b.announce('reg', [0, 1, 2, 3].map(scope))
    let calls = 0
    const failing = async (): Promise<string> => {
      calls++
      throw new Error('400 from the token server')
    }
    const got = await Promise.all([0, 1].map(i => b.token('reg', [scope(i)], failing)))
    expect(got).toEqual([undefined, undefined])
    expect(calls).toBe(1)
    expect(await b.token('reg', [scope(2)], async () => 'never')).toBeUndefined()
    b.announce('reg', [scope(9)])
    expect(await b.token('reg', [scope(9)], async () => 'never')).toBeUndefined()
  })

  test('a batch token the registry refuses stops batching there; other tokens are not batch tokens', async () => {
    const b = new ScopeBatches()
    b.announce('reg', [0, 1, 2, 3].map(scope))
    expect(await b.token('reg', [scope(0)], async () => 'batch')).toBe('batch')
    expect(b.refused('reg', 'single')).toBe(false)
    expect(b.refused('reg', 'batch')).toBe(true)
    let calls = 0
    expect(await b.token('reg', [scope(2)], async () => `t${++calls}`)).toBeUndefined()
    expect(calls).toBe(0)
  })
})
