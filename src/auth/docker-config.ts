/**
 * Docker's `config.json` (`auths`, `credHelpers`, `credsStore`), so that `docker/login-action` and
 * `docker login` compose with us. Credential helpers are run as `docker-credential-<name> get`.
 */
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { DOCKER_HUB, registryKey } from '../oci/index.js'
import type { Credential } from './types.js'

export interface DockerAuthEntry {
  auth?: string
  username?: string
  password?: string
  identitytoken?: string
}

export interface DockerConfig {
  file: string
  /** What the file is, for messages: 'Docker config' or 'auth file' (containers' auth.json). */
  kind: string
  auths: Record<string, DockerAuthEntry>
  credHelpers: Record<string, string>
  credsStore?: string
}

/** Docker stores an identity token (OAuth2 refresh token) with this user name. */
export const IDENTITY_TOKEN_USER = '<token>'
const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/'

export function defaultDockerConfigDir(): string {
  return process.env.DOCKER_CONFIG || join(homedir(), '.docker')
}

/** Read `DIR/config.json`; undefined when it does not exist; a clear error when it is broken. */
export function readDockerConfig(dir: string): Promise<DockerConfig | undefined> {
  return readAuthFile(join(dir, 'config.json'), 'Docker config')
}

/**
 * A file in config.json's format (`auths`, `credHelpers`, `credsStore`): Docker's, or the
 * containers' auth.json that podman/skopeo login write. Undefined when it does not exist.
 */
export async function readAuthFile(file: string, kind: string): Promise<DockerConfig | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new Error(`cannot read ${kind} ${file}: ${(e as Error).message}`, { cause: e })
  }
  let j: unknown
  try {
    j = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    throw new Error(`invalid JSON in ${kind} ${file}: ${(e as Error).message}`, { cause: e })
  }
  if (j === null || typeof j !== 'object' || Array.isArray(j)) {
    throw new Error(`invalid ${kind} ${file}: expected a JSON object`)
  }
  const o = j as Record<string, unknown>
  const auths: Record<string, DockerAuthEntry> = {}
  if (o.auths && typeof o.auths === 'object') {
    for (const [k, v] of Object.entries(o.auths as Record<string, unknown>)) {
      if (v && typeof v === 'object') auths[k] = v as DockerAuthEntry
    }
  }
  const credHelpers: Record<string, string> = {}
  if (o.credHelpers && typeof o.credHelpers === 'object') {
    for (const [k, v] of Object.entries(o.credHelpers as Record<string, unknown>)) {
      if (typeof v === 'string') credHelpers[registryKey(k)] = v
    }
  }
  const credsStore = typeof o.credsStore === 'string' && o.credsStore !== '' ? o.credsStore : undefined
  return { file, kind, auths, credHelpers, credsStore }
}

/** Credentials of an `auths` entry: `auth` (base64 user:pass), username/password, or identitytoken. */
export function credentialFromEntry(
  entry: DockerAuthEntry,
  file: string,
  key: string
): Credential | undefined {
  if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') {
    return { username: IDENTITY_TOKEN_USER, password: entry.identitytoken }
  }
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon <= 0)
      throw new Error(
        `invalid "auth" for ${JSON.stringify(key)} in Docker config ${file}: expected base64 of user:password`
      )
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
  }
  if (typeof entry.username === 'string' && typeof entry.password === 'string' && entry.username !== '') {
    return { username: entry.username, password: entry.password }
  }
  return undefined
}

/** The `auths` entry for a registry, whatever form its key was written in. */
export function findAuthEntry(cfg: DockerConfig, registry: string): [string, DockerAuthEntry] | undefined {
  const want = registryKey(registry)
  for (const [k, v] of Object.entries(cfg.auths)) {
    if (registryKey(k) === want) return [k, v]
  }
  return undefined
}

/** The server URL credential helpers know a registry by. */
export function helperServerUrl(registry: string): string {
  const key = registryKey(registry)
  return key === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : key
}

/** Run `docker-credential-<helper> get`; undefined when the helper has no credentials for the host. */
export async function credentialFromHelper(
  helper: string,
  serverUrl: string,
  timeoutMs = 30000
): Promise<Credential | undefined> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper))
    throw new Error(`invalid credential helper name ${JSON.stringify(helper)}`)
  const program = `docker-credential-${helper}`
  const { code, stdout, stderr } = await run(program, ['get'], serverUrl, timeoutMs)
  if (code !== 0) {
    const msg = (stdout + stderr).trim()
    if (/credentials not found|not found in native keychain|no credentials/i.test(msg)) return undefined
    throw new Error(`${program} get failed (exit ${code}): ${msg.slice(0, 200)}`)
  }
  let j: { Username?: unknown; Secret?: unknown }
  try {
    j = JSON.parse(stdout) as typeof j
  } catch {
    throw new Error(`${program} get printed invalid JSON`)
  }
  if (typeof j.Secret !== 'string' || j.Secret === '') return undefined
  const username = typeof j.Username === 'string' && j.Username !== '' ? j.Username : IDENTITY_TOKEN_USER
  return { username, password: j.Secret }
}

async function run(
  program: string,
  args: string[],
  input: string,
  timeoutMs: number
): Promise<{ code: number; stdout: string; stderr: string }> {
  // Loaded here: most runs never start a helper, and child_process is not free to load.
  const { spawn } = await import('node:child_process')
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'], env: process.env })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < 1 << 20) stdout += d
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 1 << 16) stderr += d
    })
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      if (e.code === 'ENOENT')
        reject(new Error(`credential helper ${program} not found on PATH`, { cause: e }))
      else reject(e)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (signal) reject(new Error(`${program} was killed (${signal}) after ${timeoutMs} ms`))
      else resolve({ code: code ?? 1, stdout, stderr })
    })
    child.stdin.on('error', () => {}) // the helper may exit without reading stdin
    child.stdin.end(input)
  })
}
