// Referrers bookkeeping without a server: who asks whether the API exists, fallback tag names,
// index entries of a referrer, one writer per fallback tag at a time.
import { describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { fallbackTag, ReferrersMemo, referrerOf } from '../../src/registry/index.js'

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
  ] as const)('first caller learns of %s', async (_name, hasApi, calls, waiters) => {
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

const hex = (c: string, n: number) => c.repeat(n)

describe('fallbackTag', () => {
  test.each([
    [`sha256:${hex('a', 64)}`, `sha256-${hex('a', 64)}`],
    // The spec's tag schema keeps 64 characters of the reference: a tag has at most 128.
    [`sha512:${hex('b', 128)}`, `sha512-${hex('b', 64)}`]
  ])('%s → %s', (digest, tag) => {
    expect(fallbackTag(digest)).toBe(tag)
    expect(tag).toMatch(/^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/)
  })
})

describe('referrerOf', () => {
  const subject = `sha256:${hex('c', 64)}`
  const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
  const manifest = (json: unknown, raw?: string) => {
    const bytes = Buffer.from(raw ?? JSON.stringify(json))
    return {
      bytes,
      mediaType: OCI_MANIFEST,
      digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`
    }
  }
  const base = { schemaVersion: 2, mediaType: OCI_MANIFEST, layers: [] }
  test.each([
    ['no subject', { ...base, config: { mediaType: 'x/c' } }, undefined],
    ['an invalid subject digest', { ...base, subject: { digest: 'sha256:nothex' } }, undefined],
    ['a subject without digest', { ...base, subject: {} }, undefined],
    [
      'artifactType wins over the config media type',
      { ...base, artifactType: 'x/a', config: { mediaType: 'x/c' }, subject: { digest: subject } },
      { artifactType: 'x/a' }
    ],
    [
      'the config media type when there is no artifactType',
      { ...base, config: { mediaType: 'x/c' }, subject: { digest: subject } },
      { artifactType: 'x/c' }
    ],
    [
      'annotations are copied',
      { ...base, artifactType: 'x/a', subject: { digest: subject }, annotations: { k: 'v' } },
      { artifactType: 'x/a', annotations: { k: 'v' } }
    ],
    [
      'annotations that are not a string map are dropped',
      { ...base, artifactType: 'x/a', subject: { digest: subject }, annotations: { k: 1 } },
      { artifactType: 'x/a' }
    ],
    [
      'an index with a subject and no type',
      { schemaVersion: 2, manifests: [], subject: { digest: subject } },
      {}
    ]
  ])('%s', (_name, json, extra) => {
    const m = manifest(json)
    const r = referrerOf(m)
    if (extra === undefined) expect(r).toBeUndefined()
    else
      expect(r).toEqual({
        subject,
        descriptor: { mediaType: OCI_MANIFEST, digest: m.digest, size: m.bytes.length, ...extra }
      })
  })

  test('bytes that are not JSON name no subject', () => {
    expect(referrerOf(manifest(undefined, '{"subject": '))).toBeUndefined()
  })
})

describe('ReferrersMemo.serialise', () => {
  test('one task per key at a time, in arrival order; a failure does not block the next; keys are independent', async () => {
    const memo = new ReferrersMemo()
    const log: string[] = []
    const gates = [deferred<void>(), deferred<void>()]
    const task =
      (name: string, gate?: Promise<void>, fail = false) =>
      async () => {
        log.push(`start ${name}`)
        await gate
        log.push(`end ${name}`)
        if (fail) throw new Error(name)
        return name
      }
    const a = memo.serialise('k', task('a', gates[0].promise, true))
    const b = memo.serialise('k', task('b', gates[1].promise))
    const other = memo.serialise('other', task('other'))
    expect(await other).toBe('other')
    expect(log).toEqual(['start a', 'start other', 'end other'])
    gates[0].resolve()
    await expect(a).rejects.toThrow('a')
    gates[1].resolve()
    expect(await b).toBe('b')
    expect(log).toEqual(['start a', 'start other', 'end other', 'end a', 'start b', 'end b'])
  })
})
