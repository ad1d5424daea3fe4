import { spawn } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'

/** One timed child process: wall time from our clock, CPU and peak RSS from GNU time. */
export interface Timed {
  code: number
  wallMs: number
  userS?: number
  sysS?: number
  maxRssKiB?: number
  stdout: string
  stderr: string
}

const TIME = '/usr/bin/time'

/** Parses `/usr/bin/time -v` output; fields absent on other implementations stay undefined. */
export function parseTimeV(text: string): Pick<Timed, 'userS' | 'sysS' | 'maxRssKiB'> {
  const field = (label: string): number | undefined => {
    const m = new RegExp(`^\\s*${label}:\\s*([0-9.]+)\\s*$`, 'm').exec(text)
    return m ? Number(m[1]) : undefined
  }
  return {
    userS: field('User time \\(seconds\\)'),
    sysS: field('System time \\(seconds\\)'),
    maxRssKiB: field('Maximum resident set size \\(kbytes\\)')
  }
}

/**
 * Runs `cmd args` under `/usr/bin/time -v` (when installed) and keeps the tails of its output;
 * `logFile`, when given, receives the full stdout/stderr for post-mortems.
 */
export async function runTimed(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; logFile?: string } = {}
): Promise<Timed> {
  const timeFile = `${opts.logFile ?? `/tmp/bench-time-${process.pid}-${Date.now()}`}.time`
  const useTime = existsSync(TIME)
  const argv = useTime ? ['-v', '-o', timeFile, cmd, ...args] : args
  const started = process.hrtime.bigint()
  const child = spawn(useTime ? TIME : cmd, argv, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout.on('data', (b: Buffer) => out.push(b))
  child.stderr.on('data', (b: Buffer) => err.push(b))
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (c, signal) => resolve(c ?? (signal ? 128 : 1)))
  })
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6
  const stdout = Buffer.concat(out).toString('utf8')
  const stderr = Buffer.concat(err).toString('utf8')
  let usage: ReturnType<typeof parseTimeV> = {}
  if (useTime) {
    const text = await readFile(timeFile, 'utf8').catch(() => '')
    usage = parseTimeV(text)
    await rm(timeFile, { force: true })
  }
  if (opts.logFile) {
    await writeFile(
      opts.logFile,
      `$ ${cmd} ${args.join(' ')}\n--- exit ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`
    )
  }
  return { code, wallMs, ...usage, stdout: tail(stdout), stderr: tail(stderr) }
}

function tail(s: string, max = 4000): string {
  return s.length > max ? '…' + s.slice(-max) : s
}
