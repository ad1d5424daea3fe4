/**
 * CPU seconds used by the harness's registry processes, from /proc: on a 2-core machine the
 * registries compete with the tool under test, and their CPU time tells whether a figure is
 * limited by our CPU, the registry's, or by waiting. Linux only; elsewhere every value is undefined.
 */
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { StartedRegistry } from '../__tests__/harness/index.js'

const TICKS = 100 // USER_HZ: fixed at 100 on Linux for /proc/PID/stat

/** The docker-registry process serving `reg`, found by the config file next to its storage dir. */
export async function registryPid(reg: StartedRegistry): Promise<number | undefined> {
  const config = join(dirname(reg.storageDir), 'config.json')
  const entries = await readdir('/proc').catch(() => [] as string[])
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue
    const cmd = await readFile(`/proc/${e}/cmdline`, 'utf8').catch(() => '')
    const argv = cmd.split('\0')
    if (argv.some(a => a.endsWith('docker-registry')) && argv.includes(config)) return Number(e)
  }
  return undefined
}

/** User + system CPU seconds of `pid` so far. */
export async function cpuSeconds(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
  if (!stat) return undefined
  // Fields after the parenthesised command name, which may itself contain spaces.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) / TICKS
}
