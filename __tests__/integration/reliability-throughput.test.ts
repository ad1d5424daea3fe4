/**
 * A registry that sends a blob slowly but never pauses long enough for the idle timeout: the
 * min-throughput floor fails the body, the one retry policy retries it (a resumed download per
 * attempt, counted at the front), then the copy fails naming the host, the measured rate and the
 * floor, and the tag is not written. The same copy against the healthy registry completes.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { CredentialStore } from '../../src/auth/index.js'
import { CopyEngine } from '../../src/copy/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import { buildImage, makeTempDir, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { destination, exists, source } from './copy-helpers.js'
import { startHostileFront } from './reliability-helpers.js'

jest.setTimeout(60_000)

const ATTEMPTS = 3
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe('min-throughput', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let front: { host: string; stop(): Promise<void> }
  let client: RegistryClient
  const dir = makeTempDir('throughput')
  const img = buildImage({ seed: 'throughput', layerSizes: [200_000] })
  const layer = [...img.blobs].sort((a, b) => b.size - a.size)[0]!
  const timers = new Set<NodeJS.Timeout>()
  let slowGets = 0

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    await pushImage(src, 'slow/app', 'v1', img)
    // 100 bytes every 50 ms (about 2 KiB/s): never idle for the 400 ms idle timeout.
    front = await startHostileFront(src.url, (req, res) => {
      if (req.method !== 'GET' || !req.url?.startsWith(`/v2/slow/app/blobs/${layer.digest}`)) return false
      slowGets++
      res.writeHead(200, { 'content-length': String(layer.size), 'content-type': 'application/octet-stream' })
      let at = 0
      const drip = (): void => {
        if (res.destroyed || at >= layer.size) return
        res.write(layer.data.subarray(at, at + 100))
        at += 100
        const t = setTimeout(drip, 50)
        timers.add(t)
      }
      drip()
      return true
    })
    const credentials = await CredentialStore.load({ dockerConfigDir: dir })
    // As `registries: { HOST: { min-throughput: 50KiB, min-throughput-window: 300ms } }` reads.
    const floor = { minBytesPerSec: 50 * 1024, throughputWindowMs: 300 }
    client = new RegistryClient({
      credentials,
      registries: { [front.host]: floor, [src.host]: floor },
      retry: { attempts: ATTEMPTS, baseDelayMs: 10, maxDelayMs: 20 },
      timeouts: { bodyIdleMs: 400 },
      warn: () => {}
    })
  })
  afterAll(async () => {
    for (const t of timers) clearTimeout(t)
    await client?.close()
    await front?.stop()
    await Promise.all([src?.stop(), dst?.stop()])
  })

  test('a body under the floor is retried by the policy, then fails naming host, rate and floor; the tag is not written', async () => {
    const slow = new CopyEngine({ retry: client.retryPolicy }).copy(
      source(client, { ...src, host: front.host }, 'slow/app:v1'),
      destination(client, dst, 'slow/app:v1'),
      'v1'
    )
    await expect(slow).rejects.toThrow(
      new RegExp(
        `download failed after ${ATTEMPTS} attempts at byte \\d+ \\(slow body: ${esc(front.host)} sent [\\d.]+ (B|KiB)/s ` +
          `over [\\d.]+m?s, below the floor of 50 KiB/s \\(min-throughput, over min-throughput-window 300ms\\)\\)`
      )
    )
    // One download and its resumptions, as the policy allows: no outer loop multiplies them.
    expect(slowGets).toBe(ATTEMPTS)
    expect(await exists(dst, 'slow/app:v1')).toBe(false)

    const healthy = await new CopyEngine({ retry: client.retryPolicy }).copy(
      source(client, src, 'slow/app:v1'),
      destination(client, dst, 'slow/app:v1'),
      'v1'
    )
    expect(healthy.digest).toBe(img.manifest.digest)
    expect(await exists(dst, 'slow/app:v1')).toBe(true)
  })
})
