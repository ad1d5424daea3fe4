/**
 * Where registry credentials come from, first match wins: explicit ones (action input / CLI
 * flags and `--credentials` file), auth files in the same format (containers' auth.json), Docker's
 * config.json (auths, credHelpers, credsStore), then the GitHub token for ghcr.io. Every secret is
 * handed to `mask` as soon as it is known. Each credential found carries the name of its source
 * (never the secret), so a refusal can say which one the registry saw.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml'
import { registryKey } from '../oci/index.js'
import {
  credentialFromEntry,
  credentialFromHelper,
  defaultDockerConfigDir,
  findAuthEntry,
  helperServerUrl,
  readAuthFile,
  readDockerConfig,
  type DockerConfig
} from './docker-config.js'

import type { Credential } from './types.js'

export type { Credential } from './types.js'

export interface CredentialStoreOptions {
  explicit?: Record<string, Credential>
  /** Named in errors for explicit credentials that carry no `source` of their own. */
  explicitSource?: string
  /** Files in config.json's format read before Docker's (containers' auth.json), first match wins. */
  authFiles?: { file: string; required?: boolean }[]
  /** Registries to access anonymously whatever the files say (skopeo's `--no-creds`). */
  anonymous?: string[]
  /** Directory holding config.json; default `$DOCKER_CONFIG` or `~/.docker`. */
  dockerConfigDir?: string
  githubToken?: string
  mask?: (secret: string) => void
  warn?: (message: string) => void
}

export class CredentialStore {
  private readonly cache = new Map<string, Promise<Credential | undefined>>()

  private constructor(
    private readonly explicit: Map<string, Credential>,
    private readonly configs: DockerConfig[],
    private readonly githubToken: string | undefined,
    private readonly mask: (secret: string) => void,
    private readonly warn: (message: string) => void,
    private readonly anonymous = new Set<string>()
  ) {}

  static async load(opts: CredentialStoreOptions = {}): Promise<CredentialStore> {
    const mask = opts.mask ?? (() => {})
    const explicit = new Map<string, Credential>()
    for (const [host, c] of Object.entries(opts.explicit ?? {})) {
      mask(c.password)
      explicit.set(registryKey(host), {
        ...c,
        source: c.source ?? opts.explicitSource ?? 'the credentials input'
      })
    }
    const configs: DockerConfig[] = []
    for (const a of opts.authFiles ?? []) {
      const c = await readAuthFile(a.file, 'auth file')
      if (c) configs.push(c)
      else if (a.required) throw new Error(`auth file ${a.file} does not exist`)
    }
    const docker = await readDockerConfig(opts.dockerConfigDir ?? defaultDockerConfigDir())
    if (docker) configs.push(docker)
    for (const d of configs) {
      // Mask file-based secrets up front: they may surface before any registry asks for them.
      for (const [k, e] of Object.entries(d.auths)) {
        if (typeof e.auth === 'string' && e.auth !== '') mask(e.auth)
        const c = credentialFromEntry(e, d.file, k)
        if (c) mask(c.password)
      }
    }
    const githubToken = opts.githubToken || undefined
    if (githubToken) mask(githubToken)
    const anonymous = new Set((opts.anonymous ?? []).map(h => registryKey(h)))
    return new CredentialStore(explicit, configs, githubToken, mask, opts.warn ?? (() => {}), anonymous)
  }

  /** An empty store: anonymous everywhere. */
  static empty(): CredentialStore {
    return new CredentialStore(
      new Map(),
      [],
      undefined,
      () => {},
      () => {}
    )
  }

  /** Credentials for a registry host; any Docker Hub alias matches. */
  get(registry: string): Promise<Credential | undefined> {
    const key = registryKey(registry)
    let p = this.cache.get(key)
    if (!p) {
      p = this.lookup(key)
      this.cache.set(key, p)
    }
    return p
  }

  private async lookup(key: string): Promise<Credential | undefined> {
    const explicit = this.explicit.get(key)
    if (explicit) return explicit
    if (this.anonymous.has(key)) return undefined
    for (const d of this.configs) {
      const helper = d.credHelpers[key]
      const found = findAuthEntry(d, key)
      const fromFile = found && credentialFromEntry(found[1], d.file, found[0])
      const c = helper
        ? await this.fromHelper(helper, key)
        : fromFile
          ? { ...fromFile, source: `${d.kind} ${d.file}` }
          : d.credsStore
            ? await this.fromHelper(d.credsStore, key)
            : undefined
      if (c) return c
    }
    if (key === 'ghcr.io' && this.githubToken) {
      // GHCR accepts any user name with a GitHub token.
      return { username: 'x-access-token', password: this.githubToken, source: 'GITHUB_TOKEN' }
    }
    return undefined
  }

  private async fromHelper(helper: string, key: string): Promise<Credential | undefined> {
    try {
      const c = await credentialFromHelper(helper, helperServerUrl(key))
      if (c) this.mask(c.password)
      return c && { ...c, source: `credential helper docker-credential-${helper}` }
    } catch (e) {
      this.warn(
        `credential helper '${helper}' for ${key}: ${(e as Error).message}; continuing without credentials`
      )
      return undefined
    }
  }
}

export class CredentialsFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly col: number,
    text: string
  ) {
    super(`${file}:${line}:${col}: ${text}`)
    this.name = 'CredentialsFileError'
  }
}

/**
 * Parse the credentials YAML: `host: { username: …, password: … }`. Errors name file:line:col.
 */
export function parseCredentialsYaml(text: string, file = 'credentials'): Record<string, Credential> {
  const lc = new LineCounter()
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    lineCounter: lc,
    prettyErrors: false,
    uniqueKeys: true
  })
  const fail = (offset: number | undefined, msg: string): never => {
    const { line, col } = offset === undefined ? { line: 1, col: 1 } : lc.linePos(offset)
    throw new CredentialsFileError(file, line, col, msg)
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!
    fail(e.pos[0], e.message.split('\n')[0]!)
  }
  const out: Record<string, Credential> = {}
  const root = doc.contents
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return out
  if (!isMap(root)) fail(root.range?.[0], 'expected a mapping of registry host to {username, password}')
  const pos = (n: Node | null | undefined, fallback: number | undefined): number | undefined =>
    n?.range?.[0] ?? fallback
  for (const pair of (root as { items: { key: Node | null; value: Node | null }[] }).items) {
    const keyNode = pair.key
    const at = pos(keyNode, undefined)
    if (!isScalar(keyNode) || typeof keyNode.value !== 'string' || keyNode.value.trim() === '') {
      fail(at, 'registry host must be a non-empty string')
    }
    const host = (keyNode as { value: string }).value.trim()
    if (
      /[\s/]/.test(
        host
          .replace(/^https?:\/\//, '')
          .replace(/\/+$/, '')
          .replace(/\/v[12]\/?$/, '')
      )
    ) {
      fail(at, `invalid registry host ${JSON.stringify(host)}`)
    }
    const v = pair.value
    if (!isMap(v)) fail(pos(v, at), `${host}: expected a mapping with username and password`)
    const fields: Record<string, string> = {}
    for (const f of (v as { items: { key: Node | null; value: Node | null }[] }).items) {
      const fk = isScalar(f.key) ? String(f.key.value) : ''
      const fat = pos(f.key, at)
      if (fk !== 'username' && fk !== 'password')
        fail(fat, `${host}: unknown key ${JSON.stringify(fk)} (expected username, password)`)
      if (!isScalar(f.value) || typeof f.value.value !== 'string') {
        fail(
          pos(f.value, fat),
          `${host}: ${fk} must be a string (quote it if it looks like a number or boolean)`
        )
      }
      fields[fk] = (f.value as { value: string }).value
    }
    if (!fields.username) fail(at, `${host}: missing username`)
    if (fields.password === undefined || fields.password === '') fail(at, `${host}: missing password`)
    const key = registryKey(host)
    if (key in out) fail(at, `${host}: duplicate entry for registry ${key}`)
    out[key] = { username: fields.username!, password: fields.password! }
  }
  return out
}
