// mirror-action sync against skopeo sync --all on harness registries: see BENCHMARKS.md.
import { execFile } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, getPriority, loadavg, release, totalmem, type as osType } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startRegistry } from '../__tests__/harness/index.js'
import { seedBigImage, seedCatalog, seedSharedCatalog, PLATFORMS } from './catalog.js'
import { parseOptions, USAGE } from './options.js'
import { registryPid } from './procstat.js'
import { consoleTable, markdown, updateBenchmarksMd, type BenchReport, type Machine } from './report.js'
import { summarise, type RunRecord } from './results.js'
import { bigLayer, coldAndReruns, type BenchContext } from './scenarios.js'
import { sharedUplink } from './shared.js'
import { floorTool, mirrorActionTool, resolveNode, skopeoTool } from './tools.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const exec = promisify(execFile)
const MiB = 1024 * 1024
const mib = (b: number): string =>
  b >= MiB ? `${(b / MiB).toFixed(b % MiB ? 1 : 0)} MiB` : `${(b / 1024).toFixed(0)} KiB`

async function registryVersion(): Promise<string> {
  const { stdout } = await exec('docker-registry', ['--version']).catch(() => ({ stdout: 'unknown' }))
  return stdout.trim().split(/\s+/).pop() ?? 'unknown'
}

async function render(file: string, outDir: string, updateMd: boolean): Promise<number> {
  const report = JSON.parse(await readFile(file, 'utf8')) as BenchReport
  report.scenarios = summarise(report.runs) // targets as the bench defines them now
  const md = markdown(report)
  await writeFile(join(outDir, 'results.md'), md)
  if (updateMd) await updateBenchmarksMd(join(root, 'BENCHMARKS.md'), md)
  process.stdout.write(consoleTable(report.scenarios))
  return 0
}

/** The commit the bundle was built from; uncommitted changes under src/ are part of what ran. */
async function codeVersion(): Promise<string | undefined> {
  try {
    const head = (await exec('git', ['rev-parse', '--short', 'HEAD'], { cwd: root })).stdout.trim()
    const dirty = (await exec('git', ['status', '--porcelain', '--', 'src'], { cwd: root })).stdout.trim()
    return dirty ? `${head} + local changes in src/` : head
  } catch {
    return undefined
  }
}

async function main(): Promise<number> {
  let opts: ReturnType<typeof parseOptions>
  try {
    opts = parseOptions(process.argv.slice(2))
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (opts.render) {
    await mkdir(resolve(root, opts.outDir), { recursive: true })
    return render(resolve(opts.render), resolve(root, opts.outDir), opts.updateMd)
  }
  const started = Date.now()
  const [load1] = loadavg()
  if (load1 > cpus().length * 0.5) {
    process.stderr.write(
      `bench: warning: load average ${load1.toFixed(2)} on ${cpus().length} CPUs: other work will skew the times\n`
    )
  }
  const outDir = resolve(root, opts.outDir)
  await mkdir(outDir, { recursive: true })
  // Configs, state files and every tool's full output stay here for post-mortems.
  const workDir = join(outDir, 'logs')
  await rm(workDir, { recursive: true, force: true })
  await mkdir(workDir, { recursive: true })
  const log = (line: string): void => void process.stderr.write(line + '\n')

  log('bench: preparing tools')
  const node = await resolveNode(opts.node)
  const ma = await mirrorActionTool({
    root,
    cli: opts.mirrorCli,
    node,
    bundleDir: join(outDir, 'bundle'),
    concurrency: opts.concurrency,
    profileDir: opts.profile ? join(outDir, 'profiles') : undefined
  })
  // 2c: the same bundle on a second Node (by default the machine's own), when it is another version.
  const otherNode = opts.compareNode === 'none' ? undefined : await resolveNode(opts.compareNode)
  const compare =
    otherNode &&
    (opts.compareAlways || otherNode.version !== node.version) &&
    opts.tools.includes('mirror-action')
      ? await mirrorActionTool({ root, cli: ma.cli, node: otherNode, bundleDir: join(outDir, 'bundle') })
      : undefined
  const floor = opts.tools.includes('mirror-action')
    ? await floorTool({ root, node, bundleDir: join(outDir, 'bundle') })
    : undefined
  const sk = await skopeoTool({ mode: opts.skopeoMode })
  const machine: Machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: totalmem() / 1024 ** 3,
    os: `${osType()} ${release()}`,
    node: process.version,
    skopeo: sk.version,
    registry: await registryVersion(),
    mirrorAction: ma.version,
    mirrorActionCompare: compare?.version,
    loadAvg: { start: loadavg() },
    code: opts.mirrorCli ? undefined : await codeVersion()
  }

  const source = await startRegistry({ mode: 'anonymous' })
  const runs: RunRecord[] = []
  const ctx: BenchContext = {
    tools: [ma, sk].filter(t => opts.tools.includes(t.name)),
    compare,
    floor,
    source,
    sourcePid: await registryPid(source),
    workDir,
    runs,
    log
  }
  const setup: Record<string, unknown> = {
    iterations: opts.iterations,
    slowIterations: opts.slowIterations,
    slowLink:
      `${opts.delayMs} ms per request, ${mib(opts.rateBytesPerSecond)}/s per transfer ` +
      (opts.slowProxy === 'bench' ? '(uploads and downloads)' : '(downloads only)'),
    big: `one ${mib(opts.bigLayerBytes)} layer, ${opts.bigIterations} run(s) per tool`,
    skopeoMode: opts.skopeoMode,
    concurrency: opts.concurrency ?? 'default'
  }
  try {
    const needCatalog = opts.scenarios.has('loopback') || opts.scenarios.has('slow')
    if (needCatalog) {
      log(`bench: seeding ${opts.repos} repositories × ${opts.tags} tags × ${PLATFORMS.length} platforms`)
      const catalog = await seedCatalog(source, opts)
      setup.catalog =
        `${opts.repos} repositories × ${opts.tags} tags × ${PLATFORMS.length} platforms (base layer ${mib(opts.baseBytes)} shared per repository, ` +
        `top layer ${mib(opts.topBytes)} per tag): ${catalog.images} indexes, ${catalog.blobs} blobs, ${mib(catalog.bytes)}`
      log(`bench: ${setup.catalog}`)
      if (opts.scenarios.has('loopback')) {
        log('bench: scenarios 1-2, loopback')
        await coldAndReruns(ctx, catalog.repos, { iterations: opts.iterations })
      }
      if (opts.scenarios.has('slow')) {
        log(`bench: scenario 3, slow link (${setup.slowLink})`)
        const slow = { delayMs: opts.delayMs, bytesPerSecond: opts.rateBytesPerSecond, proxy: opts.slowProxy }
        await coldAndReruns(ctx, catalog.repos, { iterations: opts.slowIterations, slow })
      }
    }
    if (opts.scenarios.has('big')) {
      log(`bench: scenario 4, seeding ${setup.big}`)
      const big = await seedBigImage(source, opts.bigLayerBytes)
      await bigLayer(ctx, big, opts.bigIterations)
    }
    if (opts.scenarios.has('shared')) {
      const shared = await seedSharedCatalog(source, {
        images: opts.sharedImages,
        baseBytes: opts.baseBytes,
        topBytes: opts.topBytes
      })
      setup.shared =
        `${opts.sharedImages} images (+1 added later) on one base per platform (${mib(opts.baseBytes)}, top layer ` +
        `${mib(opts.topBytes)} each), ${PLATFORMS.length} platforms: unique ${mib(shared.coldBytes)} cold, ` +
        `${mib(shared.addedBytes)} added; link ${opts.delayMs} ms per request, ${mib(opts.rateBytesPerSecond)}/s ` +
        `per connection, ${mib(opts.uplinkBytesPerSecond)}/s for all uploads together`
      log(`bench: scenario 5, ${setup.shared}`)
      await sharedUplink(ctx, shared, {
        iterations: opts.slowIterations,
        link: {
          delayMs: opts.delayMs,
          bytesPerSecond: opts.rateBytesPerSecond,
          uplinkBytesPerSecond: opts.uplinkBytesPerSecond
        }
      })
    }
  } finally {
    await source.stop()
  }

  machine.loadAvg.end = loadavg()
  const scenarios = summarise(runs)
  const report: BenchReport = {
    startedAt: new Date(started).toISOString(),
    durationS: (Date.now() - started) / 1000,
    // A raised priority (run on a shared machine) is part of how the figures were taken.
    command: [
      ...(getPriority() ? [`nice -n ${getPriority()}`] : []),
      'npm run bench',
      ...(opts.argv.length ? ['--', ...opts.argv] : [])
    ].join(' '),
    machine,
    setup,
    scenarios,
    runs
  }
  const md = markdown(report)
  await writeFile(join(outDir, 'results.json'), JSON.stringify(report, null, 2) + '\n')
  await writeFile(join(outDir, 'results.md'), md)
  if (opts.updateMd) await updateBenchmarksMd(join(root, 'BENCHMARKS.md'), md)
  process.stdout.write(consoleTable(scenarios))
  log(
    `bench: wrote ${join(opts.outDir, 'results.json')} and results.md${opts.updateMd ? ', updated BENCHMARKS.md' : ''}`
  )
  const failed = runs.filter(r => r.problems.length > 0)
  for (const r of failed) log(`bench: FAILED #${r.seq} ${r.scenario} ${r.tool}: ${r.problems.join('; ')}`)
  return failed.length ? 1 : 0
}

process.exitCode = await main()
