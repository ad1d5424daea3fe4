/**
 * Starts the real CNCF distribution registry (`docker-registry serve CONFIG`) on a free loopback port,
 * one process per call, with its own storage dir, logs and auth set-up.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { join } from 'node:path'
import bcrypt from 'bcryptjs'
import { tlsMaterial } from './certs.js'
import { closeAgent } from './http.js'
import { startTokenServer, type TokenRequest, type TokenServer } from './token-server.js'
import { freePort, killChild, makeTempDir, removeTempDir, sleep, trackChild } from './util.js'

export type RegistryMode = 'anonymous' | 'basic' | 'token' | 'tls'

export interface AccessLogEntry {
  method: string
  /** Path including the query string, as the registry logged it. */
  path: string
  status: number
}

export interface StartedRegistry {
  mode: RegistryMode
  /** '127.0.0.1:PORT' — what goes in image references. */
  host: string
  /** 'http://127.0.0.1:PORT', or 'https://…' for tls. */
  url: string
  /** basic/token: a user with pull+push on every repository. */
  username?: string
  password?: string
  /** token: a user with pull only. */
  readerUsername?: string
  readerPassword?: string
  /** tls: PEM of the per-run CA that signed the registry certificate. */
  caFile?: string
  /** tls: a directory holding only that CA as `ca.crt` (skopeo's `--cert-dir`). */
  certDir?: string
  /** token: the token server's realm URL (plain HTTP on loopback). */
  tokenRealm?: string
  /** token with `realmRedirectHost`: the realm the registry names, which redirects to `tokenRealm`. */
  redirectingRealm?: string
  /** token: the `service` the registry names in its challenge. */
  tokenService?: string
  storageDir: string
  /** The registry's own log (JSON lines), handy when a test fails. */
  logFile: string
  /** Every HTTP request the registry served, in order (since the last clearAccessLog). */
  accessLog(): Promise<AccessLogEntry[]>
  clearAccessLog(): Promise<void>
  /** token: requests the token server answered (for asserting token caching); [] in other modes. */
  tokenRequests(): TokenRequest[]
  clearTokenRequests(): void
  stop(): Promise<void>
}

// The access log is gorilla's combined log format on stdout:
// 127.0.0.1 - - [27/Nov/2026:22:58:04 +0000] "GET /v2/ HTTP/1.1" 200 2 "" "curl/7.88.1"
const ACCESS_LINE = /"([A-Z]+) (\S+) HTTP\/[0-9.]+" (\d{3}) /

export function parseAccessLog(text: string): AccessLogEntry[] {
  const out: AccessLogEntry[] = []
  for (const line of text.split('\n')) {
    const m = ACCESS_LINE.exec(line)
    if (m) out.push({ method: m[1], path: m[2], status: Number(m[3]) })
  }
  return out
}

/** Size of the file once it has stopped growing for a moment: lines lag the response by a few ms. */
async function quietSize(file: string): Promise<number> {
  let last = statSync(file).size
  for (let i = 0; i < 100; i++) {
    await sleep(25)
    const now = statSync(file).size
    if (now === last) return now
    last = now
  }
  return last
}

function probe(url: string, caFile: string | undefined): Promise<number> {
  return new Promise(resolve => {
    const opts = { method: 'GET', timeout: 1000, ...(caFile ? { ca: readFileSync(caFile) } : {}) }
    const req = (url.startsWith('https:') ? httpsRequest : httpRequest)(`${url}/v2/`, opts, res => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(0))
    req.end()
  })
}

export interface StartRegistryOptions {
  mode: RegistryMode
  tls?: boolean
  /**
   * Accept manifests whose layers carry `urls` (foreign / non-distributable layers). Distribution
   * 2.8 refuses them by default: HTTP 500 with MANIFEST_BLOB_UNKNOWN naming the layer, blob or not.
   */
  allowForeignUrls?: boolean
  /**
   * token: the token server listens on this loopback address (e.g. 127.0.0.2), so the realm the
   * registry names is on another host than the registry (127.0.0.1), as Aliyun ACR's and GitLab's are.
   */
  realmHost?: string
  /** token: the registry names a realm on this loopback address that redirects (307) to the token server. */
  realmRedirectHost?: string
  /**
   * false: the registry refuses every DELETE with 405 UNSUPPORTED, as distribution does unless its
   * operator sets `storage.delete.enabled` (REGISTRY_STORAGE_DELETE_ENABLED=true). Default true.
   */
  deleteEnabled?: boolean
  /** basic/token: more users with push access, with the passwords given (any string). */
  extraUsers?: { username: string; password: string }[]
}

export async function startRegistry(opts: StartRegistryOptions): Promise<StartedRegistry> {
  const { mode } = opts
  const useTls = mode === 'tls' || opts.tls === true
  const dir = makeTempDir(`registry-${mode}`)
  const storageDir = join(dir, 'storage')
  mkdirSync(storageDir)
  const accessFile = join(dir, 'access.log')
  const logFile = join(dir, 'registry.log')
  const configFile = join(dir, 'config.json')
  const username = mode === 'basic' || mode === 'token' ? 'mirror-user' : undefined
  const password = username ? randomBytes(12).toString('hex') : undefined
  const readerUsername = mode === 'token' ? 'mirror-reader' : undefined
  const readerPassword = readerUsername ? randomBytes(12).toString('hex') : undefined

  let auth: object | undefined
  let tokenServer: TokenServer | undefined
  if (mode === 'basic') {
    const htpasswd = join(dir, 'htpasswd')
    // Cost 4 (the minimum) keeps start-up fast; the registry only accepts bcrypt entries.
    const users = [{ username: username!, password: password! }, ...(opts.extraUsers ?? [])]
    writeFileSync(htpasswd, users.map(u => `${u.username}:${bcrypt.hashSync(u.password, 4)}\n`).join(''))
    auth = { htpasswd: { realm: 'mirror-action-test', path: htpasswd } }
  } else if (mode === 'token') {
    const service = 'mirror-action-test-registry'
    tokenServer = await startTokenServer({
      service,
      host: opts.realmHost,
      redirectHost: opts.realmRedirectHost,
      users: [
        { username: username!, password: password!, access: 'push' },
        { username: readerUsername!, password: readerPassword!, access: 'pull' },
        ...(opts.extraUsers ?? []).map(u => ({ ...u, access: 'push' as const }))
      ]
    })
    auth = {
      token: {
        realm: tokenServer.redirectingRealm ?? tokenServer.realm,
        service,
        issuer: tokenServer.issuer,
        rootcertbundle: tokenServer.certFile
      }
    }
  }
  const tls = useTls ? await tlsMaterial() : undefined

  let lastError = ''
  for (let attempt = 0; attempt < 8; attempt++) {
    const port = await freePort()
    const config = {
      version: 0.1,
      log: { level: 'info', formatter: 'json', accesslog: { disabled: false } },
      storage: {
        filesystem: { rootdirectory: storageDir },
        delete: { enabled: opts.deleteEnabled ?? true },
        maintenance: { uploadpurging: { enabled: false } }
      },
      http: {
        addr: `127.0.0.1:${port}`,
        secret: randomBytes(16).toString('hex'),
        ...(tls ? { tls: { certificate: tls.certFile, key: tls.keyFile } } : {})
      },
      health: { storagedriver: { enabled: false } },
      ...(opts.allowForeignUrls ? { validation: { manifests: { urls: { allow: ['^https?://'] } } } } : {}),
      ...(auth ? { auth } : {})
    }
    writeFileSync(configFile, JSON.stringify(config, null, 2)) // JSON is YAML
    const outFd = openSync(accessFile, 'a')
    const errFd = openSync(logFile, 'a')
    const child = spawn('docker-registry', ['serve', configFile], { stdio: ['ignore', outFd, errFd] })
    closeSync(outFd)
    closeSync(errFd)
    trackChild(child)
    let exited = false
    child.once('exit', () => (exited = true))
    child.once('error', err => {
      exited = true
      lastError = String(err)
    })
    const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`
    let ready = false
    for (let i = 0; i < 400 && !exited; i++) {
      const status = await probe(url, tls?.caFile)
      if (status === 200 || status === 401) {
        ready = true
        break
      }
      await sleep(25)
    }
    if (!ready) {
      await killChild(child)
      const log = readFileSync(logFile, 'utf8')
      lastError ||= log.split('\n').slice(-5).join('\n')
      if (/address already in use/.test(log)) continue
      break
    }

    let logOffset = await quietSize(accessFile) // skip our readiness probes
    const reg: StartedRegistry = {
      mode,
      host: `127.0.0.1:${port}`,
      url,
      username,
      password,
      readerUsername,
      readerPassword,
      caFile: tls?.caFile,
      certDir: tls?.certDir,
      tokenRealm: tokenServer?.realm,
      redirectingRealm: tokenServer?.redirectingRealm,
      tokenService: tokenServer?.service,
      storageDir,
      logFile,
      async accessLog() {
        const end = await quietSize(accessFile)
        const text = readFileSync(accessFile).subarray(logOffset, end).toString('utf8')
        return parseAccessLog(text)
      },
      async clearAccessLog() {
        logOffset = await quietSize(accessFile)
      },
      tokenRequests: () => tokenServer?.requests() ?? [],
      clearTokenRequests: () => tokenServer?.clearRequests(),
      async stop() {
        await closeAgent(reg)
        await killChild(child, 0)
        await tokenServer?.stop()
        removeTempDir(dir)
      }
    }
    return reg
  }
  await tokenServer?.stop()
  removeTempDir(dir)
  throw new Error(`docker-registry (${mode}) did not start: ${lastError}`)
}
