/**
 * One set of TLS flags for every command, as skopeo spells them plus our older ones:
 * `--tls-verify=false` (every registry the command names), `--src-tls-verify=false` and
 * `--dest-tls-verify=false` (one side), `--insecure-registry HOST`, and `--ca-file HOST=FILE`
 * (one host) or `--ca-file FILE` (every registry the command names).
 */
import type { RegistryOptions } from '../registry/index.js'
import { registryKey } from '../oci/index.js'
import type { CommandHosts } from './credentials.js'
import { UsageError } from './usage-error.js'

/** `HOST=FILE`: a host has no slash, so `./a=b.pem` stays a file. */
function splitCaFile(v: string): { host?: string; file: string } {
  const eq = v.indexOf('=')
  if (eq < 0) return { file: v }
  const host = v.slice(0, eq)
  if (host.includes('/')) return { file: v }
  if (host === '' || eq === v.length - 1)
    throw new UsageError(`--ca-file wants FILE or HOST=FILE, got '${v}'`)
  return { host, file: v.slice(eq + 1) }
}

/** Per-registry TLS options from the flags, for the hosts the command names on each side. */
export function tlsFromFlags(
  values: Readonly<Record<string, unknown>>,
  hosts: CommandHosts
): Record<string, RegistryOptions> {
  const out: Record<string, RegistryOptions> = {}
  const merge = (host: string, o: RegistryOptions): void => {
    const k = registryKey(host)
    out[k] = { ...out[k], ...o }
  }
  const all = [...hosts.src, ...hosts.dst]
  if (values['tls-verify'] === false) for (const h of all) merge(h, { insecure: true })
  if (values['src-tls-verify'] === false) for (const h of hosts.src) merge(h, { insecure: true })
  if (values['dest-tls-verify'] === false) for (const h of hosts.dst) merge(h, { insecure: true })
  for (const h of (values['insecure-registry'] as string[] | undefined) ?? []) merge(h, { insecure: true })
  for (const v of (values['ca-file'] as string[] | undefined) ?? []) {
    const { host, file } = splitCaFile(v)
    for (const h of host ? [host] : all) merge(h, { caFile: file })
  }
  return out
}
