/**
 * Runs the bundled action the way the runner does: `node index.js` with INPUT_* variables (names
 * upper-cased, hyphens kept), GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP and GITHUB_WORKSPACE,
 * in an environment built from scratch so nothing of this machine (Docker config, Actions variables
 * of an outer CI job) leaks in.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawn } from 'node:child_process'
import { makeTempDir, removeTempDir, run, trackChild, type RunResult } from '../harness/index.js'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Bundles src/index.ts into a temp dir with the project's build script; returns the entry file. */
export async function buildAction(): Promise<{ entry: string; dir: string }> {
  const dir = makeTempDir('action-bundle-')
  const r = await run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--outdir', dir], {
    timeoutMs: 120_000
  })
  if (r.code !== 0) throw new Error(`build failed: ${r.stderr}`)
  return { entry: join(dir, 'index.js'), dir }
}

export interface Workspace {
  dir: string
  temp: string
  home: string
  write(rel: string, text: string): string
  remove(): void
}

/** A checked-out repository, a runner temp dir and an empty HOME (no ~/.docker/config.json). */
export function workspace(): Workspace {
  const root = makeTempDir('action-run-')
  const dir = join(root, 'workspace')
  const temp = join(root, 'runner-temp')
  const home = join(root, 'home')
  for (const d of [dir, temp, home]) mkdirSync(d, { recursive: true })
  return {
    dir,
    temp,
    home,
    write(rel, text) {
      const file = join(dir, rel)
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, text)
      return file
    },
    remove: () => removeTempDir(root)
  }
}

export interface ActionRun extends RunResult {
  outputs: Record<string, string>
  summary: string
  /** Raw GITHUB_OUTPUT file, for "the secret is nowhere" checks. */
  outputFile: string
}

/** Parses GITHUB_OUTPUT: `name<<DELIM\nvalue\nDELIM` blocks as @actions/core writes them. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!
  return out
}

let runCounter = 0

export async function runAction(
  entry: string,
  ws: Workspace,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {}
): Promise<ActionRun> {
  const n = ++runCounter
  const outputFile = join(ws.temp, '..', `output-${n}`)
  const summaryFile = join(ws.temp, '..', `summary-${n}`)
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: ws.home,
    LANG: 'C.UTF-8',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ws.dir,
    RUNNER_TEMP: ws.temp,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_RUN_ID: String(1000 + n),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_REPOSITORY: 'acme/mirrors',
    ...extraEnv
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v
  // The runner starts actions with the workspace as the working directory.
  const r = await runIn(ws.dir, process.execPath, [entry], env)
  const rawOutputs = readFileSync(outputFile, 'utf8')
  return {
    ...r,
    outputs: parseOutputs(rawOutputs),
    summary: readFileSync(summaryFile, 'utf8'),
    outputFile: rawOutputs
  }
}

/** Like the harness's `run`, with a working directory. */
function runIn(cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    trackChild(child)
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000)
    child.once('error', reject)
    child.once('close', code => {
      clearTimeout(timer)
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code: code ?? -1
      })
    })
  })
}

/** `::error file=F,line=L,...::message` lines. */
export function errorCommands(stdout: string): { props: Record<string, string>; message: string }[] {
  const out: { props: Record<string, string>; message: string }[] = []
  for (const line of stdout.split('\n')) {
    const m = /^::error(?: ([^:]*))?::(.*)$/.exec(line)
    if (!m) continue
    const props: Record<string, string> = {}
    for (const kv of (m[1] ?? '').split(',').filter(Boolean)) {
      const i = kv.indexOf('=')
      props[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1).replace(/%2C/g, ','))
    }
    out.push({ props, message: m[2]!.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%') })
  }
  return out
}
