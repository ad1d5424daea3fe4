/**
 * A trickling registry (one byte every few seconds) must not hold a copy forever: the body's idle
 * timeout fires, the error names the host and the deadline, and the tag is not written. The same
 * copy against the healthy registry then completes.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CredentialStore } from '../../src/auth/index.js'
import { CopyEngine } from '../../src/copy/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { destination, exists, source } from './copy-helpers.js'
import { startHostileFront } from './reliability-helpers.js'

jest.setTimeout(60_000)

describe('a trickling body', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let front: { host: string; stop(): Promise<void> }
  let client: RegistryClient
  const dir = mkdtempSync(join(tmpdir(), 'deadlines-'))
  const img = buildImage({ seed: 'trickle', layerSizes: [20_000] })
  const layer = [...img.blobs].sort((a, b) => b.size - a.size)[0]!
  const timers = new Set<NodeJS.Timeout>()
  let trickled = 0

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    await pushImage(src, 'slow/app', 'v1', img)
    front = await startHostileFront(src.url, (req, res) => {
      if (req.method !== 'GET' || !req.url?.startsWith(`/v2/slow/app/blobs/${layer.digest}`)) return false
      trickled++
      res.writeHead(200, { 'content-length': String(layer.size), 'content-type': 'application/octet-stream' })
      let at = 0
      const drip = (): void => {
        if (res.destroyed || at >= layer.size) return
        res.write(layer.data.subarray(at, at + 1))
        at++
        const t = setTimeout(drip, 2000)
        timers.add(t)
      }
      drip()
      return true
    })
    const credentials = await CredentialStore.load({ dockerConfigDir: dir })
    client = new RegistryClient({
      credentials,
      retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
      timeouts: { bodyIdleMs: 400 },
      warn: () => {}
    })
  })
  afterAll(async () => {
    for (const t of timers) clearTimeout(t)
    await client?.close()
    await front?.stop()
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  test('fails at the idle timeout naming the host; the rerun against a healthy registry completes', async () => {
    const slow = new CopyEngine({ retry: client.retryPolicy }).copy(
      source(client, { ...src, host: front.host }, 'slow/app:v1'),
      destination(client, dst, 'slow/app:v1'),
      'v1'
    )
    await expect(slow).rejects.toThrow(
      new RegExp(`idle timeout: ${front.host.replace(/\./g, '\\.')} sent no byte`)
    )
    expect(trickled).toBeGreaterThan(0)
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
