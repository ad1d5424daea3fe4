// Rate-limit deferral in the action is visible and uses the quota (issue 16): a pull quota spent
// (429 without Retry-After, said by RateLimit-Remaining: 0 or a TOOMANYREQUESTS body) defers every
// remaining image of that source without asking again; the `deferred` output, a summary section and
// a warning say so, or the step fails with on-deferred: fail. A small default reserve still copies
// at RateLimit-Remaining 3; a 429 with a short Retry-After is retried.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import {
  buildImage,
  pushImage,
  removeTempDir,
  startRegistry,
  type StartedRegistry
} from '../harness/index.js'
import { buildAction, errorCommands, runAction, workspace, type ActionRun } from './action-helpers.js'
import { isManifestGet, startRateLimitProxy, startRefusingProxy } from './sync-helpers.js'

jest.setTimeout(180_000)

const REPOS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']
let src: StartedRegistry
let dst: StartedRegistry
let entry: string
let bundleDir: string

beforeAll(async () => {
  const [built, a, b] = await Promise.all([
    buildAction(),
    startRegistry({ mode: 'anonymous' }),
    startRegistry({ mode: 'anonymous' })
  ])
  ;({ entry, dir: bundleDir } = built)
  src = a
  dst = b
  for (const r of REPOS)
    await pushImage(src, `lib/${r}`, '1', buildImage({ seed: `arl-${r}`, layerSizes: [512] }))
})
afterAll(async () => {
  await Promise.all([src?.stop(), dst?.stop()])
  if (bundleDir) removeTempDir(bundleDir)
})

async function mirror(from: string, prefix: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const ws = workspace()
  const images =
    'version: 1\nimages:\n' + REPOS.map(r => `  ${from}/lib/${r}:1: ${dst.host}/${prefix}/${r}:1\n`).join('')
  try {
    return await runAction(entry, ws, { images, cache: 'false', ...inputs })
  } finally {
    ws.remove()
  }
}

const warnings = (r: ActionRun) => r.stdout.split('\n').filter(l => l.startsWith('::warning'))

describe('a spent pull quota', () => {
  test.each(['headers', 'body'] as const)(
    'said by the 429 %s: no retries, every remaining image deferred, visible, exit 0',
    async mode => {
      const proxy = await startRateLimitProxy(src.url, 2, { refuse: mode })
      try {
        await src.clearAccessLog()
        // Reserve 0: pull until the registry itself says no.
        const r = await mirror(proxy.host, `spent-${mode}`, { 'rate-limit-reserve': '0' })
        expect(r.code).toBe(0)
        const deferred = Number(r.outputs.deferred)
        expect(deferred).toBeGreaterThanOrEqual(REPOS.length - 2)
        expect(Number(r.outputs.mirrored) + deferred).toBe(REPOS.length)
        expect(r.outputs.failed).toBe('0')
        // Each refused request was asked once: a 429 that says the quota is spent is not retried.
        const refused = proxy.refused()
        expect(refused.length).toBeGreaterThan(0)
        expect(new Set(refused).size).toBe(refused.length)
        // Only what was in flight when the quota ran out met a 429 (4 images copy at once).
        expect(refused.length).toBeLessThanOrEqual(4)
        // The registry behind saw only the pulls within the quota.
        expect((await src.accessLog()).filter(isManifestGet).length).toBeLessThanOrEqual(2)
        expect(r.summary).toContain(`${deferred} deferred (rate limit)`)
        expect(r.summary).toContain(`<code>${proxy.host}/lib/`)
        expect(warnings(r).some(l => l.includes(`${deferred} of ${REPOS.length} images deferred`))).toBe(true)
      } finally {
        await proxy.stop()
      }
    }
  )

  test('on-deferred: fail fails the step, naming the deferral', async () => {
    const proxy = await startRateLimitProxy(src.url, 0, { refuse: 'headers' })
    try {
      const r = await mirror(proxy.host, 'spent-fail', { 'on-deferred': 'fail', 'rate-limit-reserve': '0' })
      expect(r.code).not.toBe(0)
      expect(r.outputs.deferred).toBe(String(REPOS.length))
      expect(errorCommands(r.stdout).at(-1)?.message).toMatch(
        new RegExp(`^${REPOS.length} of ${REPOS.length} images deferred .*on-deferred is 'fail'`)
      )
    } finally {
      await proxy.stop()
    }
  })
})

describe('quota left', () => {
  test('RateLimit-Remaining 3 with the default reserve: images are still copied', async () => {
    const proxy = await startRateLimitProxy(src.url, 3)
    try {
      const r = await mirror(proxy.host, 'left-3')
      expect(r.code).toBe(0)
      expect(Number(r.outputs.mirrored)).toBeGreaterThanOrEqual(1)
      expect(Number(r.outputs.mirrored) + Number(r.outputs.deferred)).toBe(REPOS.length)
    } finally {
      await proxy.stop()
    }
  })

  test('a 429 with a short Retry-After is retried and the image copied', async () => {
    const proxy = await startRefusingProxy(src.url, {
      match: (method, path) => method === 'GET' && /^\/v2\/.+\/manifests\//.test(path),
      first: 1,
      retryAfter: '0'
    })
    try {
      const r = await mirror(proxy.host, 'short-retry')
      expect(r.code).toBe(0)
      expect(proxy.refused()).toBe(1)
      expect(r.outputs).toMatchObject({ mirrored: String(REPOS.length), deferred: '0', failed: '0' })
    } finally {
      await proxy.stop()
    }
  })
})
