/**
 * A dead source host fails fast: once the retry policy has given up on getting any response from
 * it, every other entry on that host fails at once with the same error. Counted at the socket: a
 * TCP listener that closes every connection it accepts.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { CredentialStore } from '../../src/auth/index.js'
import { parseConfig } from '../../src/config/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import { sync } from '../../src/sync/index.js'
import { makeTempDir, startRegistry, type StartedRegistry } from '../harness/index.js'
import { bundleCli, runCli } from './reliability-helpers.js'

jest.setTimeout(60_000)

const ENTRIES = 200
const ATTEMPTS = 3
/** Plan lookups in flight at once (the sync's default) times the policy's attempts, with room. */
const MAX_CONNECTIONS = 8 * ATTEMPTS + 8

describe('a host that closes every connection', () => {
  let dead: Server
  let host: string
  let dst: StartedRegistry
  let cli: string
  let connections = 0
  const sockets = new Set<Socket>()
  const dir = makeTempDir('dead-host')

  beforeAll(async () => {
    ;[dst, cli] = await Promise.all([startRegistry({ mode: 'anonymous' }), bundleCli()])
    dead = createServer(s => {
      connections++
      sockets.add(s)
      s.destroy()
    })
    await new Promise<void>(resolve => dead.listen(0, '127.0.0.1', resolve))
    const addr = dead.address()
    host = `127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
  })
  afterAll(async () => {
    for (const s of sockets) s.destroy()
    await new Promise(resolve => dead?.close(resolve))
    await dst?.stop()
  })

  test(`${ENTRIES} entries fail, with connections bounded by one image's retries, not ${ENTRIES}`, async () => {
    const lines = Array.from(
      { length: ENTRIES },
      (_, i) => `  ${host}/dead/app${i}:v1: ${dst.host}/dead/app${i}`
    )
    const yaml = `version: 1\nimages:\n${lines.join('\n')}\n`
    const credentials = await CredentialStore.load({ dockerConfigDir: dir })
    const client = new RegistryClient({
      credentials,
      retry: { attempts: ATTEMPTS, baseDelayMs: 10, maxDelayMs: 20 },
      warn: () => {}
    })
    try {
      const report = await sync(parseConfig(yaml, join(dir, 'mirror.yaml')), { client })
      expect(report.images).toHaveLength(ENTRIES)
      expect(report.images.filter(i => i.status !== 'failed')).toEqual([])
      const down = report.images.filter(i => i.error?.includes(`${host} is down: not tried again this run`))
      expect(down.length).toBeGreaterThan(ENTRIES - MAX_CONNECTIONS)
      console.log(`${connections} connections for ${ENTRIES} entries`)
      expect(connections).toBeLessThanOrEqual(MAX_CONNECTIONS)
    } finally {
      await client.close()
    }
  })

  test('the CLI and the JSON report say the host is down once, with the images listed, not the error 200 times', async () => {
    const lines = Array.from(
      { length: ENTRIES },
      (_, i) => `  ${host}/dead/app${i}:v1: ${dst.host}/dead/app${i}`
    )
    const config = join(dir, 'cli.yaml')
    const report = join(dir, 'report.json')
    writeFileSync(config, `version: 1\nimages:\n${lines.join('\n')}\n`)
    const r = await runCli(cli, [
      'sync',
      '--config',
      config,
      '--report',
      report,
      '--retry-times',
      String(ATTEMPTS - 1)
    ])
    expect(r.code).toBe(1)
    const out = r.stdout.split('\n')
    // Every image still has its line; the host's error is not repeated on each.
    expect(out.filter(l => l.startsWith('failed '))).toHaveLength(ENTRIES)
    const short = out.filter(l => l.endsWith(`: ${host} is down (not tried again this run)`))
    expect(short.length).toBeGreaterThan(ENTRIES - MAX_CONNECTIONS)
    expect(out.filter(l => /ECONNRESET|UND_ERR_SOCKET/.test(l)).length).toBeLessThan(MAX_CONNECTIONS)
    // One line for the host: how many images, and the first error.
    const group = out.filter(l => l.startsWith(`${host} is down: `))
    expect(group).toHaveLength(1)
    expect(group[0]).toMatch(
      new RegExp(
        `^${host.replace(/\./g, '\\.')} is down: ${ENTRIES} images failed \\(first error: GET http\\S+: ` +
          `(ECONNRESET|UND_ERR_SOCKET).* \\(after ${ATTEMPTS} attempts\\)\\)$`
      )
    )

    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      images: { source: string; status: string; error: string }[]
      groups: {
        kind: string
        host: string
        count: number
        firstError: string
        images: { source: string }[]
      }[]
    }
    // Each image keeps its own entry and error; the group says the cause once.
    expect(json.images).toHaveLength(ENTRIES)
    expect(json.images.every(i => i.status === 'failed' && i.error.length > 0)).toBe(true)
    expect(json.groups).toHaveLength(1)
    expect(json.groups[0]).toMatchObject({ kind: 'host-down', host, count: ENTRIES })
    expect(json.groups[0]!.firstError).toMatch(/^GET http\S+: (ECONNRESET|UND_ERR_SOCKET)/)
    expect(new Set(json.groups[0]!.images.map(i => i.source))).toEqual(
      new Set(json.images.map(i => i.source))
    )
  })
})
