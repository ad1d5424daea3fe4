/**
 * Where registry credentials come from, first match wins: explicit ones (action input / CLI
 * flags and `--credentials` file), auth files in the same format (containers' auth.json), Docker's
 * config.json (auths, credHelpers, credsStore), then the GitHub token for ghcr.io. Every secret is
 * handed to `mask` as soon as it is known. Each credential found carries the name of its source
 * (never the secret), so a refusal can say which one the registry saw.
 */
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
  /**
   * How messages and debug lines name explicit credentials that carry no `source` of their own:
   * "input 'credentials'", a file's path.
   */
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
  /** Registry → where its credentials came from (never the secret), once looked up: for debug output. */
  private readonly sources = new Map<string, string>()

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

  /** Where the credentials for `registry` came from, or 'none'; undefined before any lookup. */
  sourceOf(registry: string): string | undefined {
    return this.sources.get(registryKey(registry))
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
    const found = await this.find(key)
    this.sources.set(key, found ? (found.source ?? 'unknown source') : 'none')
    return found
  }

  private async find(key: string): Promise<Credential | undefined> {
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
