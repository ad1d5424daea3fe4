/** skopeo, the independent checker, with the flags each harness registry needs added for the caller. */
import type { StartedRegistry } from './registry.js'
import { run, type RunResult } from './util.js'

/** Flags that let skopeo reach `reg`; `side` is '' (inspect, list-tags, delete) or 'src-'/'dest-'. */
export function skopeoFlags(reg: StartedRegistry, side: '' | 'src-' | 'dest-'): string[] {
  const flags = reg.certDir ? [`--${side}cert-dir=${reg.certDir}`] : [`--${side}tls-verify=false`]
  if (reg.username) flags.push(`--${side}creds=${reg.username}:${reg.password}`)
  else flags.push(`--${side}no-creds`)
  return flags
}

const mentions = (arg: string | undefined, reg: StartedRegistry): boolean =>
  arg !== undefined && (arg.startsWith(`docker://${reg.host}/`) || arg.startsWith(`${reg.host}/`))

/**
 * Run skopeo with `args` (subcommand first, image references last). For each registry given, flags
 * are inserted after the subcommand: for `copy`/`sync` on the side(s) whose reference names it.
 */
export function skopeo(
  args: string[],
  opts: { reg?: StartedRegistry | StartedRegistry[]; timeoutMs?: number } = {}
): Promise<RunResult> {
  const regs = opts.reg === undefined ? [] : Array.isArray(opts.reg) ? opts.reg : [opts.reg]
  const [sub, ...rest] = args
  const extra: string[] = []
  for (const reg of regs) {
    if (sub === 'copy' || sub === 'sync') {
      const src = rest[rest.length - 2]
      const dest = rest[rest.length - 1]
      if (mentions(src, reg)) extra.push(...skopeoFlags(reg, 'src-'))
      if (mentions(dest, reg)) extra.push(...skopeoFlags(reg, 'dest-'))
    } else {
      extra.push(...skopeoFlags(reg, ''))
    }
  }
  const full = sub === undefined ? [] : [sub, ...extra, ...rest]
  return run('skopeo', full, { timeoutMs: opts.timeoutMs ?? 120_000 })
}
