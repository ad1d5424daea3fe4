/**
 * The registries a sync config names, per side, so that skopeo's sided flags (`--src-creds`,
 * `--dest-tls-verify=false`…) reach the hosts they mean on `sync` too.
 */
import type { CredentialStore } from '../auth/index.js'
import type { MirrorConfig } from '../config/index.js'
import { registryKey } from '../oci/index.js'
import type { RegistryOptions } from '../registry/index.js'
import { parseTransportRef } from '../transports/index.js'
import { credentialsFromFlags, loadCliCredentials, type CommandHosts } from './credentials.js'
import { UsageError } from './usage-error.js'

/** Source and target registries of every entry (file targets name none). */
export function configHosts(config: MirrorConfig): CommandHosts {
  const src = new Set<string>()
  const dst = new Set<string>()
  for (const e of config.images) {
    src.add(registryKey(e.sourceRef.registry))
    try {
      const t = parseTransportRef(e.target)
      if (t.transport === 'docker') dst.add(registryKey(t.ref.registry))
    } catch {
      // The config loader checked the target; a prefix without a repository names its host first.
      dst.add(registryKey(e.target.split('/')[0]!))
    }
  }
  return { src: [...src], dst: [...dst] }
}

/** The config's registry options with the flags' TLS options over them. */
export function mergeRegistries(
  config: Record<string, RegistryOptions>,
  flags: Record<string, RegistryOptions>
): Record<string, RegistryOptions> {
  const out = { ...config }
  for (const [k, v] of Object.entries(flags)) out[k] = { ...out[k], ...v }
  return out
}

/** The one loader, with `--src-creds` for the sources and `--dest-creds` for the targets. */
export async function syncCredentials(
  a: { credentials?: string; values: Readonly<Record<string, unknown>> },
  hosts: CommandHosts,
  warn: (m: string) => void
): Promise<CredentialStore> {
  const src = credentialsFromFlags(a.values, hosts.src, 'src')
  const dst = credentialsFromFlags(a.values, hosts.dst, 'dest')
  for (const h of hosts.src.filter(h => hosts.dst.includes(h))) {
    const side = (f: typeof src): string => JSON.stringify([f.flags[h] ?? null, f.anonymous.includes(h)])
    if (side(src) !== side(dst))
      throw new UsageError(
        `${h} is both a source and a target: --src-creds and --dest-creds cannot differ for it; use --credentials`
      )
  }
  const flags = { ...src.flags, ...dst.flags }
  return loadCliCredentials(
    {
      file: a.credentials,
      authfile: a.values.authfile as string | undefined,
      flags,
      anonymous: [...src.anonymous, ...dst.anonymous].filter(h => !(h in flags))
    },
    warn
  )
}
