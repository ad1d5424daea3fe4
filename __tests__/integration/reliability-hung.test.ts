/**
 * A hung registry (accepts connections, reads the request, never answers) costs a few response
 * timeouts for the whole run, not the retry policy's five per request per image: a response timeout
 * is retried once, and three attempts in a row without a response mark the host down. Counted at
 * the socket (requests the listener received); the timeouts are made small, no clock is asserted.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import type { Socket } from 'node:net'
import { createServer, type Server } from 'node:tls'
import { join } from 'node:path'
import { CredentialStore } from '../../src/auth/index.js'
import { parseConfig } from '../../src/config/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import { sync } from '../../src/sync/index.js'
import { makeTempDir, startRegistry, tlsMaterial, type StartedRegistry } from '../harness/index.js'

jest.setTimeout(60_000)

const ENTRIES = 20
const ATTEMPTS = 5
/**
 * HUNG_LIMIT (3) attempts in a row without a response mark the host down; plan lookups in flight at
 * once (the sync's default, 8) may each be waiting when that happens.
 */
const MAX_REQUESTS = 8 + 3

describe('a host that accepts requests and never answers', () => {
  let hung: Server
  let host: string
  let dst: StartedRegistry
  let requests = 0
  /** Requests other than the ping, when the ping is answered. */
  let others = 0
  /** Answer `GET /v2/` (the client's probe), so that the requests after it are retried ones. */
  let answerPing = false
  let caFile = ''
  const sockets = new Set<Socket>()
  const dir = makeTempDir('hung-host')

  beforeAll(async () => {
    dst = await startRegistry({ mode: 'anonymous' })
    const tls = await tlsMaterial()
    caFile = tls.caFile
    // TLS completes (so it is not a connect timeout), then the request is read and never answered.
    hung = createServer({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) }, s => {
      sockets.add(s)
      // One request per connection is what a client sends before any answer: count request lines.
      s.on('data', (b: Buffer) => {
        const lines = b.toString('latin1').match(/^(GET|HEAD|POST|PUT|PATCH) \/\S*/gm) ?? []
        requests += lines.length
        for (const l of lines) {
          if (answerPing && l === 'GET /v2/') s.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}')
          else others++
        }
      })
      s.on('error', () => {})
    })
    await new Promise<void>(resolve => hung.listen(0, '127.0.0.1', resolve))
    const addr = hung.address()
    host = `127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
  })
  afterAll(async () => {
    for (const s of sockets) s.destroy()
    await new Promise(resolve => hung?.close(resolve))
    await dst?.stop()
  })

  test(`${ENTRIES} entries fail with the host marked down, in a few requests, not ${ENTRIES} × ${ATTEMPTS}`, async () => {
    const lines = Array.from(
      { length: ENTRIES },
      (_, i) => `  ${host}/hung/app${i}:v1: ${dst.host}/hung/app${i}`
    )
    const yaml = `version: 1\nimages:\n${lines.join('\n')}\n`
    const credentials = await CredentialStore.load({ dockerConfigDir: dir })
    const client = new RegistryClient({
      credentials,
      registries: { [host]: { caFile } },
      retry: { attempts: ATTEMPTS, baseDelayMs: 10, maxDelayMs: 20 },
      timeouts: { headersMs: 300, bodyIdleMs: 300, connectMs: 300 },
      warn: () => {}
    })
    try {
      const report = await sync(parseConfig(yaml, join(dir, 'mirror.yaml')), { client })
      expect(report.images).toHaveLength(ENTRIES)
      expect(report.images.filter(i => i.status !== 'failed')).toEqual([])
      for (const i of report.images)
        expect(i.error).toMatch(
          new RegExp(
            `response timeout: ${host.replace(/\./g, '\\.')} accepted the request but sent no response`
          )
        )
      console.log(`${requests} requests for ${ENTRIES} entries`)
      expect(requests).toBeLessThanOrEqual(MAX_REQUESTS)

      // The host is down for the rest of the run: the next pass sends it nothing.
      const before = requests
      const again = await sync(parseConfig(yaml, join(dir, 'mirror.yaml')), { client })
      for (const i of again.images) expect(i.error).toContain(`${host} is down: not tried again this run`)
      expect(again.images.filter(i => i.status !== 'failed')).toEqual([])
      expect(requests).toBe(before)
    } finally {
      await client.close()
    }
  })

  test('a request the host never answers is sent twice, not the policy five times', async () => {
    answerPing = true
    others = 0
    const credentials = await CredentialStore.load({ dockerConfigDir: dir })
    const client = new RegistryClient({
      credentials,
      registries: { [host]: { caFile } },
      retry: { attempts: ATTEMPTS, baseDelayMs: 10, maxDelayMs: 20 },
      timeouts: { headersMs: 300, bodyIdleMs: 300, connectMs: 300 },
      warn: () => {}
    })
    try {
      const yaml = `version: 1\nimages:\n  ${host}/hung/one:v1: ${dst.host}/hung/one\n`
      const report = await sync(parseConfig(yaml, join(dir, 'mirror.yaml')), { client })
      expect(report.images[0]!.status).toBe('failed')
      expect(report.images[0]!.error).toMatch(
        /response timeout: .* accepted the request but sent no response/
      )
      expect(others).toBe(2)
    } finally {
      answerPing = false
      await client.close()
    }
  })
})
