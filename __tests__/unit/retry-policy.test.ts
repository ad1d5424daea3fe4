import { describe, expect, test } from '@jest/globals'
import type { Readable } from 'node:stream'
import { CopyEngine, CopyError } from '../../src/copy/index.js'
import { RegistryError } from '../../src/http/index.js'
import {
  isRetryable,
  kindOf,
  pullQuotaSpent,
  RetryPolicy,
  sideOf,
  spent,
  type Descriptor,
  type ImageDestination
} from '../../src/oci/index.js'
import { openOciDestination, openOciSource } from '../../src/transports/oci-layout/index.js'
import { buildImage } from '../harness/index.js'
import { readAll, tempDir, writeBuilt } from './transport-helpers.js'

const reg = (init: Partial<ConstructorParameters<typeof RegistryError>[1]>): RegistryError =>
  new RegistryError('x', { method: 'GET', url: 'https://r.example/v2/', ...init })
const net = (code: string): Error => Object.assign(new Error(code), { code })
const wrapped = (cause: unknown): Error => new Error('outer', { cause })

describe('one classifier', () => {
  test.each<[string, unknown, boolean]>([
    ['a reset', net('ECONNRESET'), true],
    ['a reset two wrappers down', wrapped(wrapped(net('ECONNRESET'))), true],
    ['a TLS verification failure', net('SELF_SIGNED_CERT_IN_CHAIN'), false],
    ['a 503', reg({ status: 503, retryable: true }), true],
    ['a 503 whose retries a loop spent', spent(reg({ status: 503, retryable: true })), false],
    [
      'a RegistryError over a reset says for itself',
      reg({ retryable: false, cause: net('ECONNRESET') }),
      false
    ],
    ['a plain error', new Error('boom'), false],
    ['a string', 'boom', false]
  ])('isRetryable: %s → %s', (_what, err, want) => {
    expect(isRetryable(err)).toBe(want)
  })

  test.each<[string, unknown, string]>([
    ['429', reg({ status: 429 }), 'rate-limit'],
    [
      'TOOMANYREQUESTS under a wrapper',
      wrapped(reg({ status: 400, codes: ['TOOMANYREQUESTS'] })),
      'rate-limit'
    ],
    ['401', reg({ status: 401 }), 'auth'],
    ['DENIED', reg({ status: 400, codes: ['DENIED'] }), 'auth'],
    ['MANIFEST_UNKNOWN', reg({ status: 404, codes: ['MANIFEST_UNKNOWN'] }), 'not-found'],
    ['plain HTTP answering TLS', net('ERR_SSL_WRONG_VERSION_NUMBER'), 'tls'],
    ['a reset', wrapped(net('ECONNRESET')), 'network'],
    ['anything else', new Error('boom'), 'other']
  ])('kindOf: %s → %s', (_what, err, want) => {
    expect(kindOf(err)).toBe(want)
  })

  test('sideOf takes the outermost side named, and a CopyError keeps the side it was given', () => {
    const inner = reg({ side: 'source' })
    expect(sideOf(wrapped(inner))).toBe('source')
    expect(sideOf(new CopyError('destination', 'oci:x', 'y', { cause: inner }))).toBe('destination')
    expect(sideOf(new Error('none'))).toBeUndefined()
  })

  test('a chain that points at itself is walked a bounded number of steps', () => {
    const e = new Error('loop') as Error & { cause?: unknown }
    e.cause = e
    expect(isRetryable(e)).toBe(false)
    expect(kindOf(e)).toBe('other')
  })
})

describe('one retry policy', () => {
  test.each<[string, number, number | undefined, number | undefined]>([
    ['backoff after the first attempt, jitter at its top', 0, undefined, 250],
    ['backoff doubles', 2, undefined, 1000],
    ['capped at maxDelayMs', 10, undefined, 10_000],
    ['Retry-After within the cap wins', 0, 3_000, 3_000],
    ['Retry-After over the cap: do not wait', 0, 120_000, undefined]
  ])('delay: %s', (_what, attempt, retryAfter, want) => {
    const p = new RetryPolicy(
      {},
      async () => {},
      () => 0.999999
    )
    const got = p.delay(attempt, retryAfter)
    if (want === undefined) expect(got).toBeUndefined()
    else expect(got).toBe(retryAfter ?? Math.floor(0.999999 * want))
  })

  test('wait sleeps through the injected sleep and stops at the last attempt', async () => {
    const slept: number[] = []
    const p = new RetryPolicy(
      { attempts: 3 },
      async ms => void slept.push(ms),
      () => 0.5
    )
    expect(await p.wait(0)).toBe(true)
    expect(await p.wait(1)).toBe(true)
    expect(await p.wait(2)).toBe(false)
    expect(slept).toEqual([125, 250])
  })
})

describe('the copy engine retries whole transfers under the same policy', () => {
  /** A real OCI layout destination whose first upload breaks the way a reset does (or as told). */
  function flaky(dst: ImageDestination, failure: () => unknown): ImageDestination & { puts: number } {
    const out = Object.create(dst) as ImageDestination & { puts: number }
    out.puts = 0
    out.putBlob = async (desc: Descriptor, body: Readable) => {
      if (out.puts++ === 0) {
        await readAll(body)
        throw failure()
      }
      return dst.putBlob(desc, body)
    }
    return out
  }

  test.each([
    [
      'a reset on the one-shot upload is retried once, through the injected sleep',
      () => net('ECONNRESET'),
      1
    ],
    [
      'a failure a lower loop already retried to the end is not retried again',
      () => spent(reg({ status: 503, retryable: true })),
      0
    ]
  ])('%s', async (_what, failure, retries) => {
    const { dir, cleanup } = await tempDir()
    try {
      const img = buildImage({ seed: 'retry-policy' })
      const src0 = await openOciDestination(`${dir}/src`, 'v1')
      await writeBuilt(src0, img, 'v1')
      await src0.close()
      const slept: number[] = []
      const engine = new CopyEngine({ retry: new RetryPolicy({}, async ms => void slept.push(ms)) })
      const src = await openOciSource(`${dir}/src`, 'v1')
      const dst = flaky(await openOciDestination(`${dir}/dst`, 'v1'), failure)
      const copy = engine.copy(src, dst, 'v1')
      if (retries > 0) expect((await copy).digest).toBe(img.manifest.digest)
      else await expect(copy).rejects.toThrow(/destination/)
      expect(slept).toHaveLength(retries)
      await src.close()
      await dst.close()
    } finally {
      await cleanup()
    }
  })
})

describe('pullQuotaSpent: a 429 that is not worth asking again', () => {
  const hub = JSON.stringify({
    errors: [
      {
        code: 'TOOMANYREQUESTS',
        message: 'You have reached your pull rate limit. You may increase the limit by authenticating'
      }
    ]
  })
  test.each<[string | undefined, string | undefined, boolean]>([
    ['0', undefined, true],
    ['0;w=21600', undefined, true],
    ['3;w=21600', undefined, false],
    [undefined, hub, true],
    ['5', hub, true],
    // Every 429 carries TOOMANYREQUESTS: a momentary throttle keeps the usual backoff.
    [undefined, '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}', false],
    [undefined, 'pull rate limit', false],
    [undefined, undefined, false]
  ])('RateLimit-Remaining %j, body %j → %s', (remaining, body, want) => {
    expect(pullQuotaSpent(remaining, body)).toBe(want)
  })
})
