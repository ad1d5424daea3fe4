import { execFile } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { TARGET_NAMESPACE, type CatalogRepo } from './catalog.js'
import { runTimed, type Timed } from './exec.js'

const exec = promisify(execFile)

export type ToolName = 'mirror-action' | 'skopeo'
export const TOOLS: ToolName[] = ['mirror-action', 'skopeo']

/** One sync of `repos` from `source` to `<target>/mirror/<name>` with every tag and platform. */
export interface SyncJob {
  source: string // host:port of the source registry
  target: string // host:port the tool talks to (the registry, or the slow proxy in front of it)
  repos: CatalogRepo[]
  workDir: string // per-run scratch: configs, reports, logs
  label: string // file name stem for logs, e.g. 'loopback-cold-1'
  state?: string // mirror-action --state FILE (ignored by skopeo, which keeps no state)
}

export interface SyncOutcome extends Timed {
  command: string
  summary?: Record<string, number> // mirror-action's report totals
}

export interface Tool {
  name: ToolName
  version: string
  sync(job: SyncJob): Promise<SyncOutcome>
}

export interface NodeBinary {
  path: string
  version: string
}

/**
 * `current` (the Node running the bench), a major version (`24`: fetched and cached by npx, as
 * .ci/run gets the action's runtime), or the path of a node binary.
 */
export async function resolveNode(spec: string): Promise<NodeBinary> {
  if (spec === 'current') return { path: process.execPath, version: process.version }
  let path = resolve(spec)
  if (/^\d+$/.test(spec)) {
    try {
      path = (await exec('npx', ['-y', `node@${spec}`, '-p', 'process.execPath'])).stdout.trim()
    } catch (e) {
      throw new Error(
        `bench: cannot get Node ${spec} with npx (${(e as Error).message.split('\n')[0]}); try --node current`
      )
    }
  }
  return { path, version: (await exec(path, ['--version'])).stdout.trim() }
}

/** mirror-action as users run it: the esbuild bundle of src/cli.ts (built fresh unless given). */
export async function mirrorActionTool(opts: {
  root: string
  cli?: string
  node: NodeBinary
  bundleDir: string
  concurrency?: number
  profileDir?: string
}): Promise<Tool & { cli: string }> {
  let cli = opts.cli ? resolve(opts.cli) : undefined
  if (!cli) {
    await exec(process.execPath, ['scripts/build.mjs', '--outdir', opts.bundleDir], { cwd: opts.root })
    cli = join(opts.bundleDir, 'cli.js')
  }
  if (!existsSync(cli)) throw new Error(`bench: mirror-action bundle not found at ${cli}`)
  const pkg = JSON.parse(await readFile(join(opts.root, 'package.json'), 'utf8')) as { version: string }
  const node = opts.node.path
  const nodeVersion = opts.node.version
  const nodeArgs = opts.profileDir ? ['--cpu-prof', '--cpu-prof-dir', opts.profileDir] : []
  if (opts.profileDir) await mkdir(opts.profileDir, { recursive: true })
  return {
    name: 'mirror-action',
    cli,
    version: `${pkg.version} (node ${nodeVersion})`,
    async sync(job) {
      const config = join(job.workDir, `${job.label}.mirror.yaml`)
      await writeFile(config, mirrorConfig(job))
      const report = join(job.workDir, `${job.label}.report.json`)
      const args = [...nodeArgs, cli, 'sync', '--config', config, '--report', report]
      if (job.state) args.push('--state', job.state)
      if (opts.concurrency) args.push('--concurrency', String(opts.concurrency))
      const r = await runTimed(node, args, {
        logFile: join(job.workDir, `${job.label}.mirror.log`)
      })
      let summary: Record<string, number> | undefined
      try {
        const rep = JSON.parse(await readFile(report, 'utf8')) as { totals?: Record<string, number> }
        summary = rep.totals
      } catch {
        // no report: the exit code and the log say why
      }
      return { ...r, command: `node cli.js ${args.slice(nodeArgs.length + 1).join(' ')}`, summary }
    }
  }
}

/**
 * Scenario 2d, the floor: bench/floor.ts bundled like the CLI, sending only the source requests a
 * rerun with state needs. Recorded in the mirror-action column of its own scenario.
 */
export async function floorTool(opts: { root: string; node: NodeBinary; bundleDir: string }): Promise<Tool> {
  const dir = join(opts.bundleDir, 'floor')
  await exec(process.execPath, ['scripts/build.mjs', '--outdir', dir, '--entry', 'floor=bench/floor.ts'], {
    cwd: opts.root
  })
  return {
    name: 'mirror-action',
    version: `floor script (node ${opts.node.version})`,
    async sync(job) {
      const args = [join(dir, 'floor.js'), job.source, ...job.repos.map(r => r.repo)]
      const r = await runTimed(opts.node.path, args, { logFile: join(job.workDir, `${job.label}.floor.log`) })
      return { ...r, command: `node floor.js ${args.slice(1).join(' ')}` }
    }
  }
}

/** The equivalent mirror-action config: every tag of each repository, all platforms, plain HTTP. */
export function mirrorConfig(job: Pick<SyncJob, 'source' | 'target' | 'repos'>): string {
  const lines = ['version: 1', 'registries:']
  for (const host of new Set([job.source, job.target])) lines.push(`  "${host}": { insecure: true }`)
  lines.push('images:')
  for (const r of job.repos) {
    lines.push(`  "${job.source}/${r.repo}":`)
    lines.push(`    target: "${job.target}/${TARGET_NAMESPACE}/${r.name}"`)
    lines.push(`    tags: ["*"]`)
  }
  return lines.join('\n') + '\n'
}

/** skopeo sync --all, in one process over a sync YAML or one process per repository. */
export async function skopeoTool(opts: { mode: 'yaml' | 'per-repo' }): Promise<Tool> {
  const { stdout } = await exec('skopeo', ['--version'])
  const version = stdout.trim().replace(/^skopeo version /, '')
  return {
    name: 'skopeo',
    version,
    async sync(job) {
      const dest = `${job.target}/${TARGET_NAMESPACE}`
      const logFile = join(job.workDir, `${job.label}.skopeo.log`)
      if (opts.mode === 'yaml') {
        const file = join(job.workDir, `${job.label}.skopeo.yaml`)
        await writeFile(file, skopeoYaml(job))
        const args = [
          'sync',
          '--all',
          '--src',
          'yaml',
          '--dest',
          'docker',
          '--dest-tls-verify=false',
          file,
          dest
        ]
        return { ...(await runTimed('skopeo', args, { logFile })), command: `skopeo ${args.join(' ')}` }
      }
      // One process per repository, as a shell loop in a CI step would run it; times add up.
      const acc: SyncOutcome = {
        code: 0,
        wallMs: 0,
        userS: 0,
        sysS: 0,
        maxRssKiB: 0,
        stdout: '',
        stderr: '',
        command: ''
      }
      for (const r of job.repos) {
        const args = ['sync', '--all', '--src', 'docker', '--dest', 'docker', '--src-tls-verify=false']
        args.push('--dest-tls-verify=false', `${job.source}/${r.repo}`, dest)
        const one = await runTimed('skopeo', args, { logFile: `${logFile}.${r.name}` })
        acc.wallMs += one.wallMs
        acc.userS = (acc.userS ?? 0) + (one.userS ?? 0)
        acc.sysS = (acc.sysS ?? 0) + (one.sysS ?? 0)
        acc.maxRssKiB = Math.max(acc.maxRssKiB ?? 0, one.maxRssKiB ?? 0)
        acc.stderr += one.stderr
        acc.command = `skopeo ${args.join(' ')} (per repository)`
        if (one.code !== 0) return { ...acc, code: one.code }
      }
      return acc
    }
  }
}

export function skopeoYaml(job: Pick<SyncJob, 'source' | 'repos'>): string {
  const lines = [`"${job.source}":`, '  tls-verify: false', '  images:']
  // An empty tag list means every tag of the repository.
  for (const r of job.repos) lines.push(`    "${r.repo}": []`)
  return lines.join('\n') + '\n'
}
