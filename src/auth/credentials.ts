/**
 * Where registry credentials come from, first match wins: explicit ones (action input / CLI
 * `--credentials` file), Docker's config.json (auths, credHelpers, credsStore), then the GitHub
 * token for ghcr.io. Every secret is handed to `mask` as soon as it is known.
 */
import { registryKey } from '../oci/index.js'
import {
  credentialFromEntry,
  credentialFromHelper,
  defaultDockerConfigDir,
  findAuthEntry,
  helperServerUrl,
  readDockerConfig,
  type DockerConfig
} from './docker-config.js'

import type { Credential } from './types.js'

export type { Credential } from './types.js'

export interface CredentialStoreOptions {
  explicit?: Record<string, Credential>
  /** Directory holding config.json; default `$DOCKER_CONFIG` or `~/.docker`. */
  dockerConfigDir?: string
  githubToken?: string
  mask?: (secret: string) => void
  warn?: (message: string) => void
  /** How debug output names the explicit credentials: "input 'credentials'", a file's path. */
  explicitName?: string
}

export class CredentialStore {
  private readonly cache = new Map<string, Promise<Credential | undefined>>()
  /** Registry → where its credentials came from (never the secret), once looked up: for debug output. */
  private readonly sources = new Map<string, string>()
  private explicitName = 'explicit credentials'

  private constructor(
    private readonly explicit: Map<string, Credential>,
    private readonly docker: DockerConfig | undefined,
    private readonly githubToken: string | undefined,
    private readonly mask: (secret: string) => void,
    private readonly warn: (message: string) => void
  ) {}

  static async load(opts: CredentialStoreOptions = {}): Promise<CredentialStore> {
    const mask = opts.mask ?? (() => {})
    const explicit = new Map<string, Credential>()
    for (const [host, c] of Object.entries(opts.explicit ?? {})) {
      mask(c.password)
      explicit.set(registryKey(host), c)
    }
    const docker = await readDockerConfig(opts.dockerConfigDir ?? defaultDockerConfigDir())
    if (docker) {
      // Mask file-based secrets up front: they may surface before any registry asks for them.
      for (const [k, e] of Object.entries(docker.auths)) {
        if (typeof e.auth === 'string' && e.auth !== '') mask(e.auth)
        const c = credentialFromEntry(e, docker.file, k)
        if (c) mask(c.password)
      }
    }
    const githubToken = opts.githubToken || undefined
    if (githubToken) mask(githubToken)
    const store = new CredentialStore(explicit, docker, githubToken, mask, opts.warn ?? (() => {}))
    if (opts.explicitName) store.explicitName = opts.explicitName
    return store
  }

  /** Where the credentials for `registry` came from, or 'none'; undefined before any lookup. */
  sourceOf(registry: string): string | undefined {
    return this.sources.get(registryKey(registry))
  }

  /** An empty store: anonymous everywhere. */
  static empty(): CredentialStore {
    return new CredentialStore(
      new Map(),
      undefined,
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
    this.sources.set(key, found?.source ?? 'none')
    return found?.credential
  }

  private async find(key: string): Promise<{ credential: Credential; source: string } | undefined> {
    const explicit = this.explicit.get(key)
    if (explicit) return { credential: explicit, source: this.explicitName }
    const d = this.docker
    if (d) {
      const helper = d.credHelpers[key]
      if (helper) {
        const c = await this.fromHelper(helper, key)
        if (c) return { credential: c, source: `credential helper ${helper} (${d.file})` }
      } else {
        const found = findAuthEntry(d, key)
        const c = found && credentialFromEntry(found[1], d.file, found[0])
        if (c) return { credential: c, source: `${d.file} auths "${found[0]}"` }
        const s = d.credsStore ? await this.fromHelper(d.credsStore, key) : undefined
        if (s) return { credential: s, source: `credential store ${d.credsStore} (${d.file})` }
      }
    }
    if (key === 'ghcr.io' && this.githubToken) {
      // GHCR accepts any user name with a GitHub token.
      return {
        credential: { username: 'x-access-token', password: this.githubToken },
        source: 'github-token'
      }
    }
    return undefined
  }

  private async fromHelper(helper: string, key: string): Promise<Credential | undefined> {
    try {
      const c = await credentialFromHelper(helper, helperServerUrl(key))
      if (c) this.mask(c.password)
      return c
    } catch (e) {
      this.warn(
        `credential helper '${helper}' for ${key}: ${(e as Error).message}; continuing without credentials`
      )
      return undefined
    }
  }
}
