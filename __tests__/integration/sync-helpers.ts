/** Shared set-up of the sync integration tests: clients, configs from YAML, access-log counting, the CLI. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CredentialStore, type Credential } from '../../src/auth/index.js'
import { parseConfig } from '../../src/config/index.js'
import type { MirrorConfig } from '../../src/config/index.js'
import { RegistryClient, type ClientOptions } from '../../src/registry/index.js'
import {
  listen,
  openUpstream,
  relayHeaders,
  upstreamFor,
  run,
  type AccessLogEntry,
  type StartedRegistry,
  type ProxyHandle,
  type RunResult
} from '../harness/index.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A client that knows the credentials of `regs` and nothing of the machine's Docker config. */
export async function clientFor(
  regs: StartedRegistry[],
  opts: Omit<ClientOptions, 'credentials'> = {}
): Promise<{ client: RegistryClient; done: () => Promise<void> }> {
  const empty = mkdtempSync(join(tmpdir(), 'sync-test-docker-config-'))
  const explicit: Record<string, Credential> = {}
  for (const r of regs) if (r.username) explicit[r.host] = { username: r.username, password: r.password! }
  const credentials = await CredentialStore.load({ explicit, dockerConfigDir: empty })
  const client = new RegistryClient({ ...opts, credentials })
  return {
    client,
    done: async () => {
      await client.close()
      rmSync(empty, { recursive: true, force: true })
    }
  }
}

/** Parses a config through the real loader, as `mirror-action sync --config` would. */
export function config(yaml: string, dir: string): MirrorConfig {
  const file = join(dir, 'mirror.yaml')
  writeFileSync(file, yaml)
  return parseConfig(yaml, file)
}

export const isWrite = (e: AccessLogEntry): boolean => ['PUT', 'POST', 'PATCH', 'DELETE'].includes(e.method)
export const isManifestGet = (e: AccessLogEntry): boolean =>
  e.method === 'GET' && /^\/v2\/.+\/manifests\//.test(e.path)
export const isManifestHead = (e: AccessLogEntry): boolean =>
  e.method === 'HEAD' && /^\/v2\/.+\/manifests\//.test(e.path)
/** Requests a client makes for content, not the `/v2/` ping or token dance. */
export const isApi = (e: AccessLogEntry): boolean => e.path !== '/v2/' && e.path !== '/v2'

export interface Counts {
  manifestGets: number
  manifestHeads: number
  writes: number
  total: number
}

export function counts(log: AccessLogEntry[]): Counts {
  return {
    manifestGets: log.filter(isManifestGet).length,
    manifestHeads: log.filter(isManifestHead).length,
    writes: log.filter(isWrite).length,
    total: log.length
  }
}

/** `mirror-action …` from the TypeScript sources (tsx), with an empty Docker config. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const dockerConfig = mkdtempSync(join(tmpdir(), 'sync-cli-docker-config-'))
  try {
    return await run(
      process.execPath,
      ['--import', join(ROOT, 'scripts', 'ts-loader.mjs'), join(ROOT, 'src', 'cli.ts'), ...args],
      {
        env: { ...process.env, DOCKER_CONFIG: dockerConfig, NODE_OPTIONS: '', ...env },
        timeoutMs: 120_000
      }
    )
  } finally {
    rmSync(dockerConfig, { recursive: true, force: true })
  }
}

/**
 * A front for `target` that answers like Docker Hub: every response carries `ratelimit-remaining`,
 * which starts at `start` and drops by one per manifest GET (HEADs are free), as Docker Hub counts pulls.
 * With `refuse`, a manifest GET past the quota is answered 429 without Retry-After, as Docker Hub
 * does once it is spent: 'headers' says so with `ratelimit-remaining: 0` and an empty body, 'body'
 * with a TOOMANYREQUESTS body and no rate-limit headers. `refused()` lists those requests' paths.
 */
export async function startRateLimitProxy(
  target: string,
  start: number,
  opts: { refuse?: 'headers' | 'body' } = {}
): Promise<ProxyHandle & { manifestGets(): number; refused(): string[] }> {
  const up = upstreamFor(target)
  let gets = 0
  const refused: string[] = []
  const h = await listen((req, res, origin) => {
    const isGet = req.method === 'GET' && /^\/v2\/.+\/manifests\//.test(req.url ?? '')
    if (isGet) gets++
    const remaining = Math.max(0, start - gets)
    const limitHeaders = {
      'ratelimit-limit': `${start};w=21600`,
      'ratelimit-remaining': `${remaining};w=21600`,
      'docker-ratelimit-source': '127.0.0.1'
    }
    if (isGet && opts.refuse && gets > start) {
      refused.push(req.url ?? '')
      req.resume()
      if (opts.refuse === 'headers') {
        res.writeHead(429, limitHeaders).end()
      } else {
        const body = {
          errors: [{ code: 'TOOMANYREQUESTS', message: 'You have reached your pull rate limit.' }]
        }
        res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      }
      return
    }
    openUpstream(req, up).then(
      upRes => {
        const headers = { ...relayHeaders(upRes, up, origin), ...limitHeaders }
        res.writeHead(upRes.statusCode ?? 502, headers)
        upRes.pipe(res)
      },
      err => {
        res.writeHead(502)
        res.end(String(err))
      }
    )
  })
  return { url: h.url, host: h.host, stop: h.stop, manifestGets: () => gets, refused: () => [...refused] }
}

export interface RefusingProxy extends ProxyHandle {
  /** How many requests were answered 429 by the proxy (they never reached the registry). */
  refused(): number
}

/**
 * A front for `target` that answers 429 TOOMANYREQUESTS, as a rate-limited registry does, to the
 * first `first` requests that `match` selects (Infinity: all of them), with `Retry-After` when given;
 * everything else is relayed.
 */
export async function startRefusingProxy(
  target: string,
  opts: { match: (method: string, path: string) => boolean; first?: number; retryAfter?: string }
): Promise<RefusingProxy> {
  const up = upstreamFor(target)
  const first = opts.first ?? Infinity
  let seen = 0
  let refused = 0
  const h = await listen((req, res, origin) => {
    if (opts.match(req.method ?? '', req.url ?? '') && seen++ < first) {
      refused++
      // Read the request out first: a reply mid-upload would turn into a reset on the client side.
      req.resume()
      req.on('end', () => {
        const headers: Record<string, string> = { 'content-type': 'application/json' }
        if (opts.retryAfter !== undefined) headers['retry-after'] = opts.retryAfter
        res
          .writeHead(429, headers)
          .end(
            JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'harness: too many requests' }] })
          )
      })
      return
    }
    openUpstream(req, up).then(
      upRes => {
        res.writeHead(upRes.statusCode ?? 502, relayHeaders(upRes, up, origin))
        upRes.pipe(res)
      },
      err => {
        res.writeHead(502)
        res.end(String(err))
      }
    )
  })
  return { url: h.url, host: h.host, stop: h.stop, refused: () => refused }
}

export const isWriteMethod = (method: string): boolean => ['PUT', 'POST', 'PATCH'].includes(method)

/**
 * stderr of a CLI sync without its progress lines (an image or a large blob starting, the periodic
 * progress line): what is left are warnings and errors, which a clean run has none of.
 */
export function stderrProblems(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter(l => l !== '' && !/^(start {4}\S|blob sha256:[0-9a-f]{12} \(.*\) started$|progress: )/.test(l))
}
