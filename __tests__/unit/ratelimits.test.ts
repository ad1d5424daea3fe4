import { describe, expect, test } from '@jest/globals'
import { CopyError } from '../../src/copy/index.js'
import { rateLimited, type RateLimited } from '../../src/oci/index.js'
import { RateLimits } from '../../src/sync/index.js'
import { RegistryError } from '../../src/http/index.js'

const tooMany = (side?: 'source' | 'destination', url = 'https://cdn.example/v2/x/blobs/sha256:1') =>
  new RegistryError('rate limited', { method: 'GET', url, status: 429, side })

describe('rateLimited', () => {
  test.each<[string, unknown, RateLimited | undefined]>([
    ['a tagged RegistryError', tooMany('source'), { side: 'source', host: 'cdn.example' }],
    [
      'a CopyError around an untagged one',
      new CopyError('destination', 'docker://t.example/a:1', 'blob', { cause: tooMany() }),
      { side: 'destination', host: 'cdn.example' }
    ],
    [
      'TOOMANYREQUESTS without 429',
      { codes: ['TOOMANYREQUESTS'], url: 'http://h:5000/v2/' },
      { host: 'h:5000' }
    ],
    [
      'a bare 429 deep in the chain',
      new Error('x', { cause: new Error('y', { cause: { status: 429 } }) }),
      {}
    ],
    [
      'a 503',
      new RegistryError('down', { method: 'GET', url: 'http://h/', status: 503, side: 'source' }),
      undefined
    ],
    ['nothing', undefined, undefined]
  ])('%s', (_, err, want) => expect(rateLimited(err)).toEqual(want))
})

describe('RateLimits', () => {
  test("a source's 429 defers and is warned about once per source, naming it", () => {
    const l = new RateLimits(10)
    expect(l.classify(tooMany('source'), 'src.example', 'dst.example')).toMatchObject({ status: 'deferred' })
    l.defer('src.example')
    expect(l.deferring('src.example')).toBe(true)
    expect(l.refused('dst.example')).toBeUndefined()
    expect(l.warnings()).toEqual([
      'source src.example: answered 429 Too Many Requests (pull rate limit); 2 image(s) deferred to a later run'
    ])
  })

  test("a target's 429 fails naming the host that answered, and stops later images to that target", () => {
    const l = new RateLimits(10)
    const err = new CopyError('destination', 'docker://dst.example/a:1', 'blob', {
      cause: tooMany(undefined, 'https://dst.example/v2/a/blobs/uploads/')
    })
    const o = l.classify(err, 'src.example', 'dst.example')
    expect(o?.status).toBe('failed')
    expect((o?.error as Error).message).toBe(
      'target dst.example answered 429 Too Many Requests and was still refusing after retries'
    )
    expect((o?.error as Error).cause).toBe(err)
    expect(l.refused('dst.example')?.message).toMatch(/^target dst\.example answered 429 .*; not attempted$/)
    expect(l.refused('other.example')).toBeUndefined()
    expect(l.deferring('src.example')).toBe(false)
    expect(l.warnings()).toEqual([])
  })

  test('a 429 of unknown side, or no 429, is left to the caller as an ordinary failure', () => {
    const l = new RateLimits(10)
    expect(l.classify({ status: 429 }, 'src.example', 'dst.example')).toBeUndefined()
    expect(l.classify(new Error('boom'), 'src.example', 'dst.example')).toBeUndefined()
    expect(l.warnings()).toEqual([])
  })

  test('RateLimit-Remaining under the threshold is what the warning says', () => {
    const l = new RateLimits(10)
    l.defer('src.example', 3)
    expect(l.warnings()).toEqual([
      'source src.example: RateLimit-Remaining 3 is below 10 (rate-limit-reserve); 1 image(s) deferred to a later run'
    ])
  })
})
