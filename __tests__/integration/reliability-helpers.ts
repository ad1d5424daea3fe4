/**
 * Shared set-up of the reliability and security tests: the CLI bundled once per file and run as a
 * child (killable), an independent completeness check of a target tag (skopeo for the tag, plain
 * distribution calls for every child manifest and blob), and a kill switch in front of a registry.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  skopeo,
  regRequest,
  badGateway,
  listen,
  openUpstream,
  relay,
  upstreamFor,
  makeTempDir,
  run,
  trackChild,
  type AccessLogEntry,
  type StartedRegistry,
  type RunResult
} from '../harness/index.js'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const sha256 = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

/** Bundles src/cli.ts with the project's build script into a temp dir: one start-up cost per file. */
export async function bundleCli(): Promise<string> {
  const dir = makeTempDir('reliability-bundle')
  const r = await run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--outdir', dir], {
    timeoutMs: 120_000
  })
  if (r.code !== 0) throw new Error(`build failed: ${r.stderr}`)
  return join(dir, 'cli.js')
}

/** An environment built from scratch: no Docker config, no proxies, nothing of this machine. */
export function cliEnv(): NodeJS.ProcessEnv {
  const home = makeTempDir('reliability-home')
  const docker = join(home, '.docker')
  mkdirSync(docker)
  return { PATH: process.env.PATH, HOME: home, DOCKER_CONFIG: docker, NODE_OPTIONS: '' }
}

export function runCli(cli: string, args: string[], env = cliEnv()): Promise<RunResult> {
  return run(process.execPath, [cli, ...args], { env, timeoutMs: 120_000 })
}

export interface CliRun {
  child: ChildProcess
  result: Promise<RunResult & { signal: NodeJS.Signals | null }>
}

/** The CLI as a child whose pid a test can SIGKILL at a moment of its choosing. */
export function spawnCli(cli: string, args: string[], env = cliEnv()): CliRun {
  const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  trackChild(child)
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout!.on('data', (b: Buffer) => out.push(b))
  child.stderr!.on('data', (b: Buffer) => err.push(b))
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
  const result = new Promise<RunResult & { signal: NodeJS.Signals | null }>((res, rej) => {
    child.once('error', rej)
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      res({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code: code ?? 128,
        signal
      })
    })
  })
  return { child, result }
}

/** `--credentials` YAML for the given hosts (a proxy host may stand for a registry). */
export function writeCredentials(file: string, entries: [host: string, reg: StartedRegistry][]): string {
  const lines = entries
    .filter(([, r]) => r.username)
    .map(([h, r]) => `"${h}": { username: "${r.username}", password: "${r.password}" }`)
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

export interface TagCheck {
  exists: boolean
  /** Digest of the bytes skopeo read for the tag. */
  digest?: string
  /** Empty when the tag is absent, or present and complete: every child manifest and blob there. */
  problems: string[]
  /** `digest` of every blob the image needs (configs and layers), deduplicated. */
  blobs: string[]
}

/**
 * Independent check of one target tag: skopeo reads the tag; then, with plain distribution calls,
 * every child manifest is fetched and its bytes hashed, and every blob is HEADed (size compared).
 * The registry computes blob digests itself on upload, so a blob present under a digest holds it.
 */
export async function checkTag(reg: StartedRegistry, repo: string, tag: string): Promise<TagCheck> {
  const r = await skopeo(['inspect', '--raw', `docker://${reg.host}/${repo}:${tag}`], { reg })
  if (r.code !== 0) {
    if (/manifest unknown|not found|name unknown/i.test(r.stderr))
      return { exists: false, problems: [], blobs: [] }
    return { exists: false, problems: [`skopeo inspect ${repo}:${tag}: ${r.stderr.trim()}`], blobs: [] }
  }
  const problems: string[] = []
  const blobs = new Set<string>()
  const walk = async (bytes: Buffer, where: string, depth: number): Promise<void> => {
    const json = JSON.parse(bytes.toString('utf8')) as {
      manifests?: { digest: string; size: number }[]
      config?: { digest: string; size: number }
      layers?: { digest: string; size: number }[]
    }
    if (depth > 6) return void problems.push(`${where}: nested too deep`)
    for (const child of json.manifests ?? []) {
      const res = await regRequest(reg, {
        method: 'GET',
        path: `/v2/${repo}/manifests/${child.digest}`,
        repo,
        headers: { accept: ACCEPT }
      })
      const body = Buffer.from(await res.body.arrayBuffer())
      if (res.statusCode !== 200) problems.push(`${where}: child ${child.digest} answers ${res.statusCode}`)
      else if (sha256(body) !== child.digest) problems.push(`${where}: child ${child.digest} has other bytes`)
      else await walk(body, child.digest, depth + 1)
    }
    for (const b of [...(json.config ? [json.config] : []), ...(json.layers ?? [])]) {
      if (blobs.has(b.digest)) continue
      blobs.add(b.digest)
      const res = await regRequest(reg, { method: 'HEAD', path: `/v2/${repo}/blobs/${b.digest}`, repo })
      await res.body.dump()
      const size = Number(res.headers['content-length'])
      if (res.statusCode !== 200) problems.push(`${where}: blob ${b.digest} answers ${res.statusCode}`)
      else if (size !== b.size) problems.push(`${where}: blob ${b.digest} has ${size} bytes, not ${b.size}`)
    }
  }
  const bytes = Buffer.from(r.stdout, 'utf8')
  await walk(bytes, `${repo}:${tag}`, 0)
  return { exists: true, digest: sha256(bytes), problems, blobs: [...blobs] }
}

/** `repo@digest` of every blob (or manifest) present in `reg`, out of the pairs asked about. */
export async function presentBlobs(
  reg: StartedRegistry,
  pairs: [repo: string, digest: string][],
  kind: 'blobs' | 'manifests' = 'blobs'
): Promise<Set<string>> {
  const out = new Set<string>()
  await Promise.all(
    pairs.map(async ([repo, digest]) => {
      const res = await regRequest(reg, {
        method: 'HEAD',
        path: `/v2/${repo}/${kind}/${digest}`,
        repo,
        headers: { accept: ACCEPT }
      })
      await res.body.dump()
      if (res.statusCode === 200) out.add(`${repo}@${digest}`)
    })
  )
  return out
}

/** `repo@digest` of each completed blob upload in an access log. */
export function blobPuts(log: AccessLogEntry[]): string[] {
  return log
    .filter(e => e.method === 'PUT' && e.path.includes('/blobs/uploads/') && e.status === 201)
    .map(e => {
      const u = new URL(e.path, 'http://x')
      const repo = u.pathname.replace(/^\/v2\//, '').replace(/\/blobs\/uploads\/.*$/, '')
      return `${repo}@${u.searchParams.get('digest') ?? '?'}`
    })
}

export interface KillSwitch {
  url: string
  host: string
  /** SIGKILL `child` when `when(request, n)` first holds (n counts requests since arming, from 1). */
  arm(child: ChildProcess, when: (req: IncomingMessage, n: number) => boolean): void
  /** True when the armed child was killed by the switch. */
  fired(): boolean
  stop(): Promise<void>
}

/**
 * A pass-through front for a registry that kills the armed child at the first matching request,
 * before forwarding that request: the crash lands exactly between two requests of the client,
 * while its other requests are still in flight.
 */
export async function startKillSwitch(target: string): Promise<KillSwitch> {
  const up = upstreamFor(target)
  let armed:
    { child: ChildProcess; when: (req: IncomingMessage, n: number) => boolean; n: number } | undefined
  let fired = false
  const h = await listen(
    (req, res, origin) => {
      if (armed) {
        const a = armed
        if (a.when(req, ++a.n)) {
          armed = undefined
          fired = true
          a.child.kill('SIGKILL')
          req.socket.destroy()
          return
        }
      }
      openUpstream(req, up).then(
        upRes => relay(req, res, upRes, up, origin),
        err => badGateway(res, err)
      )
    },
    () => up.agent.destroy()
  )
  return {
    url: h.url,
    host: h.host,
    arm(child, when) {
      armed = { child, when, n: 0 }
      fired = false
    },
    fired: () => fired,
    stop: h.stop
  }
}

/**
 * A front for a registry where `handler` may answer a request itself (return true) like a hostile
 * or broken registry would; everything else passes through to the real one.
 */
export async function startHostileFront(
  target: string,
  handler: (req: IncomingMessage, res: ServerResponse, origin: string) => boolean
): Promise<{ url: string; host: string; stop(): Promise<void> }> {
  const up = upstreamFor(target)
  const h = await listen(
    (req, res, origin) => {
      if (handler(req, res, origin)) return
      openUpstream(req, up).then(
        upRes => relay(req, res, upRes, up, origin),
        err => badGateway(res, err)
      )
    },
    () => up.agent.destroy()
  )
  return { url: h.url, host: h.host, stop: h.stop }
}
