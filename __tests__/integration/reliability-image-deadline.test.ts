/**
 * A registry that sends each byte well within the idle timeout but can never finish an image:
 * the per-image deadline (`image-timeout`) fires, aborts what is in flight, and the tag is never
 * written; the other image of the run goes on and completes. Rerun against the healthy registry,
 * the same image completes.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { join } from 'node:path'
import { CredentialStore } from '../../src/auth/index.js'
import { parseConfig } from '../../src/config/index.js'
import { CopyEngine } from '../../src/copy/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import { sync } from '../../src/sync/index.js'
import { buildImage, makeTempDir, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { destination, exists, manifestPuts, source } from './copy-helpers.js'
import { bundleCli, runCli, startHostileFront } from './reliability-helpers.js'

jest.setTimeout(60_000)

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe('image-timeout', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let front: { host: string; stop(): Promise<void> }
  let client: RegistryClient
  let cli: string
  const dir = makeTempDir('image-deadline')
  const img = buildImage({ seed: 'deadline', layerSizes: [200_000] })
  // Another image, so that no blob of the slow one reaches the target through it.
  const other = buildImage({ seed: 'deadline-other', layerSizes: [20_000] })
  const layer = [...img.blobs].sort((a, b) => b.size - a.size)[0]!
  const timers = new Set<NodeJS.Timeout>()
  /** Trickled responses, and how many of them the client closed before their last byte. */
  let trickled = 0
  let abortedEarly = 0

  beforeAll(async () => {
    ;[src, dst, cli] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' }),
      bundleCli()
    ])
    await pushImage(src, 'slow/app', 'v1', img)
    await pushImage(src, 'fast/app', 'v1', other)
    // 100 bytes every 50 ms: never idle for the 400 ms idle timeout, done only after 100 s.
    front = await startHostileFront(src.url, (req, res) => {
      if (req.method !== 'GET' || !req.url?.startsWith(`/v2/slow/app/blobs/${layer.digest}`)) return false
      trickled++
      res.writeHead(200, { 'content-length': String(layer.size), 'content-type': 'application/octet-stream' })
      let at = 0
      res.on('close', () => {
        if (at < layer.size) abortedEarly++
      })
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
  })

  test('the deadline fails the trickled image, names it, the deadline and the host; its tag is never written; the other image completes', async () => {
    const yaml = [
      'version: 1',
      'defaults:',
      '  image-timeout: 1500ms',
      'images:',
      `  ${front.host}/slow/app:v1: ${dst.host}/slow/deadline`,
      `  ${src.host}/fast/app:v1: ${dst.host}/slow/healthy`,
      ''
    ].join('\n')
    const report = await sync(parseConfig(yaml, join(dir, 'mirror.yaml')), { client })
    const [slow, healthy] = report.images
    expect(slow!.status).toBe('failed')
    expect(slow!.error).toMatch(
      new RegExp(
        `^(source|destination) docker://[^ ]+: image-timeout \\(1\\.5s\\) fired: the copy of ` +
          `docker://${esc(front.host)}/slow/app@sha256:[0-9a-f]+ did not finish within 1\\.5s ` +
          `\\(while talking to [^)]*\\b${esc(front.host)}\\b`
      )
    )
    expect(healthy!.status).toBe('copied')
    expect(trickled).toBeGreaterThan(0)
    // The download in flight was aborted, not left to trickle on (the close reaches the server
    // a moment later; without the abort it would trickle for 100 s more).
    for (let i = 0; i < 100 && abortedEarly < trickled; i++) await new Promise(r => setTimeout(r, 50))
    expect(abortedEarly).toBe(trickled)

    const puts = manifestPuts(await dst.accessLog())
    expect(puts.filter(p => p.startsWith('v1'))).toHaveLength(1) // slow/healthy only
    const log = await dst.accessLog()
    expect(log.filter(e => e.method === 'PUT' && e.path.startsWith('/v2/slow/deadline/manifests/'))).toEqual(
      []
    )
    expect(await exists(dst, 'slow/deadline:v1')).toBe(false)
    expect(await exists(dst, 'slow/healthy:v1')).toBe(true)

    const rerun = await new CopyEngine({ retry: client.retryPolicy, imageTimeoutMs: 30_000 }).copy(
      source(client, src, 'slow/app:v1'),
      destination(client, dst, 'slow/deadline:v1'),
      'v1'
    )
    expect(rerun.digest).toBe(img.manifest.digest)
    expect(await exists(dst, 'slow/deadline:v1')).toBe(true)
  })

  test('copy --image-timeout: the CLI fails the copy at the deadline and writes no tag', async () => {
    const before = trickled
    const r = await runCli(cli, [
      'copy',
      '--image-timeout',
      '1500ms',
      '--response-timeout',
      '400ms',
      `docker://${front.host}/slow/app:v1`,
      `docker://${dst.host}/slow/cli:v1`
    ])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(
      new RegExp(
        `image-timeout \\(1\\.5s\\) fired: the copy of docker://${esc(front.host)}/slow/app:v1 did not finish`
      )
    )
    expect(trickled).toBeGreaterThan(before)
    const log = await dst.accessLog()
    expect(log.filter(e => e.method === 'PUT' && e.path.startsWith('/v2/slow/cli/manifests/'))).toEqual([])
    expect(await exists(dst, 'slow/cli:v1')).toBe(false)
  })
})
