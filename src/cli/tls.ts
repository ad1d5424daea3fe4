/**
 * One set of TLS flags for every command, as skopeo spells them plus our older ones:
 * `--tls-verify=false` (every registry the command names), `--src-tls-verify=false` and
 * `--dest-tls-verify=false` (one side), `--insecure-registry HOST`, and `--ca-file HOST=FILE`
 * (one host) or `--ca-file FILE` (every registry the command names), and skopeo's `--cert-dir DIR`
 * (`--src-cert-dir`, `--dest-cert-dir`): the CA in `DIR/*.crt`, a client certificate in
 * `DIR/*.cert` with its key in `DIR/*.key`.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
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

/** What a skopeo certificate directory holds, as our options; one CA and one client pair at most. */
export function certDirOptions(dir: string): RegistryOptions {
  let names: string[]
  try {
    names = readdirSync(dir).sort()
  } catch (e) {
    throw new UsageError(`cannot read certificate directory ${dir}: ${(e as Error).message}`, { cause: e })
  }
  const ext = (x: string): string[] => names.filter(n => n.endsWith(x))
  const [cas, certs] = [ext('.crt'), ext('.cert')]
  if (cas.length > 1 || certs.length > 1)
    throw new UsageError(
      `${dir} holds several ${cas.length > 1 ? 'CA (.crt)' : 'client (.cert)'} files; one is supported (or give --ca-file FILE)`
    )
  const out: RegistryOptions = {}
  if (cas[0]) out.caFile = join(dir, cas[0])
  if (certs[0]) {
    const key = certs[0].replace(/\.cert$/, '.key')
    if (!names.includes(key)) throw new UsageError(`${join(dir, certs[0])} has no key ${key} beside it`)
    out.certFile = join(dir, certs[0])
    out.keyFile = join(dir, key)
  }
  if (!out.caFile && !out.certFile) throw new UsageError(`${dir} holds no .crt, .cert or .key file`)
  return out
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
  const dirs: [unknown, string[]][] = [
    [values['cert-dir'], all],
    [values['src-cert-dir'], hosts.src],
    [values['dest-cert-dir'], hosts.dst]
  ]
  for (const [dir, on] of dirs) {
    if (typeof dir !== 'string') continue
    const o = certDirOptions(dir)
    for (const h of on) merge(h, o)
  }
  for (const v of (values['ca-file'] as string[] | undefined) ?? []) {
    const { host, file } = splitCaFile(v)
    for (const h of host ? [host] : all) merge(h, { caFile: file })
  }
  return out
}
