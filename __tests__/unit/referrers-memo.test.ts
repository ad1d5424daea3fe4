// Only one caller per registry asks whether the referrers API exists; the others wait for its answer.
import { describe, expect, test } from '@jest/globals'
import { ReferrersMemo } from '../../src/registry/referrers.js'

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('ReferrersMemo.whenApi', () => {
  test.each([
    // [what the first caller learns, calls made by 3 concurrent callers, what the waiters get]
    ['no API', false, 1, [undefined, undefined]],
    ['an API', true, 3, [['w'], ['w']]]
  ] as const)('first caller learns %s: %s', async (_name, hasApi, calls, waiters) => {
    const memo = new ReferrersMemo()
    const first = deferred<string[] | undefined>()
    let n = 0
    const a = memo.whenApi('reg.example:5000', () => {
      n++
      return first.promise
    })
    const others = [1, 2].map(() =>
      memo.whenApi('reg.example:5000', async () => {
        n++
        return ['w']
      })
    )
    await new Promise(r => setImmediate(r))
    expect(n).toBe(1)
    memo.learn('reg.example:5000', hasApi)
    first.resolve(hasApi ? ['a'] : undefined)
    expect(await a).toEqual(hasApi ? ['a'] : undefined)
    expect(await Promise.all(others)).toEqual(waiters)
    expect(n).toBe(calls)
  })

  test('a first caller that fails without learning hands the question to one waiter', async () => {
    const memo = new ReferrersMemo()
    const first = deferred<string[] | undefined>()
    const second = deferred<string[] | undefined>()
    const calls: string[] = []
    const a = memo.whenApi('r', () => (calls.push('a'), first.promise))
    const b = memo.whenApi('r', () => (calls.push('b'), second.promise))
    const c = memo.whenApi('r', async () => (calls.push('c'), ['c']))
    first.reject(new Error('503'))
    await expect(a).rejects.toThrow('503')
    await new Promise(r => setImmediate(r))
    expect(calls).toEqual(['a', 'b'])
    memo.learn('r', false)
    second.resolve(undefined)
    expect(await b).toBeUndefined()
    expect(await c).toBeUndefined()
    expect(calls).toEqual(['a', 'b'])
  })

  test('registries are told apart by their normalised key', async () => {
    const memo = new ReferrersMemo()
    memo.learn('docker.io', false)
    expect(await memo.whenApi('registry-1.docker.io', async () => ['x'])).toBeUndefined()
    expect(await memo.whenApi('ghcr.io', async () => ['x'])).toEqual(['x'])
  })
})
