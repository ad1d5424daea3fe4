/** Helpers for the registry-client integration tests. */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { CredentialStore, type Credential } from '../../src/auth/index.js'
import { RegistryClient, type ClientOptions } from '../../src/registry/index.js'
import {
  badGateway,
  listen,
  openUpstream,
  relay,
  upstreamFor,
  type StartedRegistry
} from '../harness/index.js'

export const sha256 = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

/** A client with explicit credentials only (never the machine's Docker config) and fast retries. */
export async function testClient(
  creds: Record<string, Credential> = {},
  opts: ClientOptions = {}
): Promise<{ client: RegistryClient; warnings: string[]; done: () => Promise<void> }> {
  const empty = mkdtempSync(join(tmpdir(), 'client-test-docker-config-'))
  const credentials = await CredentialStore.load({ explicit: creds, dockerConfigDir: empty })
  const warnings: string[] = []
  const client = new RegistryClient({
    credentials,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    warn: w => warnings.push(w),
    ...opts
  })
  return {
    client,
    warnings,
    done: async () => {
      await client.close()
      rmSync(empty, { recursive: true, force: true })
    }
  }
}

export function credsOf(reg: StartedRegistry): Record<string, Credential> {
  return reg.username ? { [reg.host]: { username: reg.username, password: reg.password! } } : {}
}

/** Read a stream to the end, or report how it failed. Never resolves 'ok' on an error. */
export function drain(
  s: Readable
): Promise<{ ok: true; data: Buffer } | { ok: false; error: Error; ended: boolean }> {
  return new Promise(resolve => {
    const parts: Buffer[] = []
    let ended = false
    s.on('data', (c: Buffer) => parts.push(c))
    s.on('end', () => {
      ended = true
      // 'end' and 'error' are exclusive in a correct stream; wait a tick to see if an error follows.
      setImmediate(() => resolve({ ok: true, data: Buffer.concat(parts) }))
    })
    s.on('error', error => resolve({ ok: false, error, ended }))
  })
}

export function blobPath(reg: StartedRegistry, digest: string): string {
  const hex = digest.replace('sha256:', '')
  return join(reg.storageDir, 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data')
}

/** Flip one byte of a stored blob: same size, wrong content. */
export function tamperBlob(reg: StartedRegistry, digest: string): void {
  const p = blobPath(reg, digest)
  const b = readFileSync(p)
  b[Math.floor(b.length / 2)] ^= 0xff
  writeFileSync(p, b)
}

export interface Front {
  url: string
  host: string
  stop(): Promise<void>
}

/**
 * A pass-through front for a real registry on another port, where a test needs behaviour registry
 * 2.8 lacks (tag pagination) or a hostile one (loops, lies). `intercept` answers a request itself
 * by returning true; everything else is relayed unchanged.
 */
export async function startFront(
  reg: StartedRegistry,
  intercept: (
    req: IncomingMessage,
    res: ServerResponse,
    upstream: (path?: string) => Promise<IncomingMessage>
  ) => Promise<boolean> | boolean,
  rewrite?: (upRes: IncomingMessage) => void
): Promise<Front> {
  const up = upstreamFor(reg.url)
  const front = await listen(
    (req, res, origin) => {
      const upstream = (path?: string) => {
        if (path !== undefined) req.url = path
        return openUpstream(req, up)
      }
      Promise.resolve(intercept(req, res, upstream))
        .then(async handled => {
          if (handled) return
          const upRes = await openUpstream(req, up)
          rewrite?.(upRes)
          relay(req, res, upRes, up, origin)
        })
        .catch(err => badGateway(res, err))
    },
    () => up.agent.destroy()
  )
  return { url: front.url, host: front.host, stop: front.stop }
}

export async function readAll(s: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const c of s) parts.push(c as Buffer)
  return Buffer.concat(parts)
}

/** Serve `/v2/<name>/tags/list` in pages of `n` with `Link` headers, from the registry's full list. */
export function paginateTags(n: number) {
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    upstream: (p?: string) => Promise<IncomingMessage>
  ) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (req.method !== 'GET' || !url.pathname.endsWith('/tags/list')) return false
    const upRes = await upstream(url.pathname)
    const body = await readAll(upRes)
    if (upRes.statusCode !== 200) {
      res.writeHead(upRes.statusCode ?? 502, { 'content-type': 'application/json' }).end(body)
      return true
    }
    const all = ((JSON.parse(body.toString()) as { tags: string[] }).tags ?? []).sort()
    const last = url.searchParams.get('last')
    const start = last ? all.findIndex(t => t > last) : 0
    const page = start < 0 ? [] : all.slice(start, start + n)
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (start >= 0 && start + n < all.length) {
      headers.link = `<${url.pathname}?n=${n}&last=${encodeURIComponent(page[page.length - 1]!)}>; rel="next"`
    }
    res.writeHead(200, headers).end(JSON.stringify({ name: 'x', tags: page }))
    return true
  }
}
