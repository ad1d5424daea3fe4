// A registry that accepts connections and never answers: `inspect` and `sync` give up after the
// configured response timeout and say which host and which timeout, instead of hanging for minutes.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

jest.setTimeout(120_000)

const work = mkdtempSync(join(tmpdir(), 'cli-timeouts-'))
let server: Server
let host: string
const sockets = new Set<Socket>()
let requests = 0

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DOCKER_CONFIG: work, NODE_OPTIONS: '', GITHUB_TOKEN: '' }
  return new Promise(resolve => {
    execFile(
      process.execPath,
      ['--import', './scripts/ts-loader.mjs', 'src/cli.ts', ...args],
      { env },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
    )
  })
}

beforeAll(async () => {
  // Node's HTTP server answers a TLS hello with a plain 400, so the client falls back to plain HTTP
  // as it does for any loopback registry; after that, no request ever gets an answer.
  server = createServer(() => {
    requests++
  })
  server.on('connection', s => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  const addr = server.address()
  if (!addr || typeof addr === 'string') throw new Error('no port')
  host = `127.0.0.1:${addr.port}`
})

afterAll(async () => {
  for (const s of sockets) s.destroy()
  await new Promise(r => server.close(r))
  rmSync(work, { recursive: true, force: true })
})

describe('a registry that accepts and never answers', () => {
  test('inspect --response-timeout 1s: exit 1, the message names the host and the response timeout', async () => {
    requests = 0
    const r = await cli(['inspect', '--response-timeout', '1s', `docker://${host}/x/app:v1`])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      `response timeout: ${host} accepted the request but sent no response within 1 s`
    )
    expect(requests).toBeGreaterThan(0)
  })

  test('sync with registries.<host>.response-timeout: the image fails naming the host and the timeout', async () => {
    const config = join(work, 'mirror.yaml')
    writeFileSync(
      config,
      `version: 1\nregistries:\n  "${host}": { response-timeout: 1s }\nimages:\n  ${host}/x/app:v1: oci:${join(work, 'layout')}:app-v1\n`
    )
    const r = await cli(['sync', '--config', config])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^failed /m)
    expect(r.stdout).toContain(
      `response timeout: ${host} accepted the request but sent no response within 1 s`
    )
  })

  test.each([
    [
      ['inspect', '--response-timeout', 'soon', 'docker://127.0.0.1:1/x:1'],
      /invalid --response-timeout 'soon'/
    ],
    [['sync', '--config', 'm.yaml', '--connect-timeout', '0s'], /invalid --connect-timeout '0s'/]
  ])('a bad duration %j is a usage error', async (args, message) => {
    const r = await cli(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
  })
})
