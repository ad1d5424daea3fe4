import { parseArgs } from 'node:util'

/** Everything a bench run can be told; flags win over BENCH_* environment variables. */
export interface BenchOptions {
  repos: number
  tags: number
  baseBytes: number // base layer per repository and platform, shared by its tags
  topBytes: number // unique top layer per tag and platform
  iterations: number
  slowIterations: number
  delayMs: number // slow link: added to every request
  rateBytesPerSecond: number // slow link: cap per transfer
  slowProxy: 'bench' | 'harness'
  bigLayerBytes: number
  bigIterations: number
  sharedImages: number // scenario 5: images on one base in the cold run (one more is added later)
  uplinkBytesPerSecond: number // scenario 5: cap on all uploads together

  scenarios: Set<ScenarioGroup>
  outDir: string
  updateMd: boolean
  tiny: boolean
  concurrency?: number // passed to mirror-action sync --concurrency
  skopeoMode: 'yaml' | 'per-repo'
  mirrorCli?: string // an existing bundle (dist/cli.js); default: bundle src/ into a temp dir
  node: string // Node for mirror-action: current, a major version (fetched with npx) or a path
  compareNode: string // a second Node for scenario 2c, or none
  compareAlways: boolean // given explicitly: 2c runs even when both Nodes are the same version
  profile: boolean // node --cpu-prof for mirror-action runs
  tools: ('mirror-action' | 'skopeo')[] // both unless tuning one
  render?: string // re-render results.md (and BENCHMARKS.md with --update-md) from this results.json
  argv: string[]
}

export type ScenarioGroup = 'loopback' | 'slow' | 'big' | 'shared'
const GROUPS: ScenarioGroup[] = ['loopback', 'slow', 'big', 'shared']

const MiB = 1024 * 1024

export const USAGE = `npm run bench -- [options]   (each option also reads BENCH_<NAME> from the environment)
  --repos N            repositories in the catalog (3)
  --tags N             tags per repository, each with linux/amd64 + linux/arm64 (3)
  --base-mb X          base layer MiB, shared by the tags of a repository (8)
  --top-mb X           unique top layer MiB per tag and platform (2)
  --iterations N       runs per tool of scenarios 1-2, alternating A B B A (5)
  --slow-iterations N  runs per tool of scenario 3, whose skopeo runs take longest (2)
  --delay-ms N         slow link: delay per request (150)
  --rate-mbps X        slow link: MiB/s cap per transfer (20)
  --slow-proxy P       bench (caps uploads and downloads) or harness (downloads only)
  --big-mb X           scenario 4 layer size in MiB (1024)
  --big-iterations N   runs per tool of scenario 4 (1)
  --shared-images N    scenario 5: images on one base (--base-mb; own top layer --top-mb) synced
                       cold, then one more added in a later run (6)
  --uplink-mbps X      scenario 5: MiB/s cap on all uploads together, besides --rate-mbps per
                       connection and --delay-ms (10)
  --scenarios LIST     comma list of loopback,slow,big,shared (all)
  --concurrency N      mirror-action sync --concurrency (its default)
  --skopeo-mode M      yaml (one skopeo sync --src yaml) or per-repo (one skopeo sync per repository)
  --mirror-cli FILE    run this bundle instead of bundling src/ into a temp dir
  --node N             Node for mirror-action: a major version (npx -y node@N), current, or a path (24,
                       the action's runtime)
  --compare-node N     also time scenario 2 (with --state) under this Node, as 2c (default current,
                       when its version differs from --node's; none)
  --tools LIST         mirror-action,skopeo (both); one of them only when tuning
  --profile            write node --cpu-prof profiles of mirror-action runs under the output dir
  --out DIR            results directory (bench/results)
  --update-md          rewrite the generated section of BENCHMARKS.md
  --render FILE        only re-render the markdown from an earlier results.json
  --tiny               a catalog of a few KiB, one iteration, 20 ms delay: for the smoke test
`

function num(name: string, raw: string | undefined, fallback: number, min = 0): number {
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n < min)
    throw new Error(`bench: --${name} must be a number >= ${min}, got '${raw}'`)
  return n
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      repos: { type: 'string' },
      tags: { type: 'string' },
      'base-mb': { type: 'string' },
      'top-mb': { type: 'string' },
      iterations: { type: 'string' },
      'slow-iterations': { type: 'string' },
      'delay-ms': { type: 'string' },
      'rate-mbps': { type: 'string' },
      'slow-proxy': { type: 'string' },
      'big-mb': { type: 'string' },
      'big-iterations': { type: 'string' },
      'shared-images': { type: 'string' },
      'uplink-mbps': { type: 'string' },
      scenarios: { type: 'string' },
      concurrency: { type: 'string' },
      'skopeo-mode': { type: 'string' },
      'mirror-cli': { type: 'string' },
      node: { type: 'string' },
      'compare-node': { type: 'string' },
      profile: { type: 'boolean' },
      tools: { type: 'string' },
      out: { type: 'string' },
      'update-md': { type: 'boolean' },
      tiny: { type: 'boolean' },
      render: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    process.stdout.write(USAGE)
    process.exit(0)
  }
  const pick = (k: keyof typeof values & string): string | undefined => {
    const v = values[k]
    if (typeof v === 'string') return v
    return env[`BENCH_${k.toUpperCase().replace(/-/g, '_')}`]
  }
  const tiny = values.tiny === true || env.BENCH_TINY === '1'
  // Tiny: enough to exercise every code path (shared base, two platforms, reruns, proxy) in seconds.
  const d = tiny
    ? {
        repos: 2,
        tags: 2,
        base: 64 / 1024,
        top: 16 / 1024,
        it: 1,
        slowIt: 1,
        delay: 20,
        rate: 20,
        big: 2,
        shared: 3,
        uplink: 20
      }
    : {
        repos: 3,
        tags: 3,
        base: 8,
        top: 2,
        it: 5,
        slowIt: 2,
        delay: 150,
        rate: 20,
        big: 1024,
        shared: 6,
        uplink: 10
      }
  const scenarioList = (pick('scenarios') ?? GROUPS.join(',')).split(',').map(s => s.trim())
  for (const s of scenarioList) {
    if (!GROUPS.includes(s as ScenarioGroup))
      throw new Error(`bench: unknown scenario '${s}' (use ${GROUPS.join(',')})`)
  }
  const mode = pick('skopeo-mode') ?? 'yaml'
  if (mode !== 'yaml' && mode !== 'per-repo')
    throw new Error(`bench: --skopeo-mode is yaml or per-repo, got '${mode}'`)
  const slowProxy = pick('slow-proxy') ?? 'bench'
  if (slowProxy !== 'bench' && slowProxy !== 'harness') {
    throw new Error(`bench: --slow-proxy is bench or harness, got '${slowProxy}'`)
  }
  const tools = (pick('tools') ?? 'mirror-action,skopeo').split(',').map(t => t.trim())
  for (const t of tools) {
    if (t !== 'mirror-action' && t !== 'skopeo')
      throw new Error(`bench: unknown tool '${t}' (mirror-action, skopeo)`)
  }
  const conc = pick('concurrency')
  return {
    repos: num('repos', pick('repos'), d.repos, 1),
    tags: num('tags', pick('tags'), d.tags, 1),
    baseBytes: Math.round(num('base-mb', pick('base-mb'), d.base) * MiB),
    topBytes: Math.round(num('top-mb', pick('top-mb'), d.top) * MiB),
    iterations: num('iterations', pick('iterations'), d.it, 1),
    // --iterations alone sets both, so that `--iterations 1` means one run of everything.
    slowIterations: num('slow-iterations', pick('slow-iterations') ?? pick('iterations'), d.slowIt, 1),
    delayMs: num('delay-ms', pick('delay-ms'), d.delay),
    rateBytesPerSecond: Math.round(num('rate-mbps', pick('rate-mbps'), d.rate) * MiB),
    slowProxy,
    bigLayerBytes: Math.round(num('big-mb', pick('big-mb'), d.big) * MiB),
    bigIterations: num('big-iterations', pick('big-iterations'), 1, 1),
    sharedImages: num('shared-images', pick('shared-images'), d.shared, 1),
    uplinkBytesPerSecond: Math.round(num('uplink-mbps', pick('uplink-mbps'), d.uplink) * MiB),
    scenarios: new Set(scenarioList as ScenarioGroup[]),
    outDir: pick('out') ?? 'bench/results',
    updateMd: values['update-md'] === true,
    tiny,
    concurrency: conc === undefined ? undefined : num('concurrency', conc, 0, 1),
    skopeoMode: mode,
    mirrorCli: pick('mirror-cli'),
    // Tiny (the smoke test) stays on the running Node: no download, one tool run per scenario.
    node: pick('node') ?? (tiny ? 'current' : '24'),
    compareNode: pick('compare-node') ?? (tiny ? 'none' : 'current'),
    compareAlways: pick('compare-node') !== undefined,
    profile: values.profile === true || env.BENCH_PROFILE === '1',
    tools: tools as BenchOptions['tools'],
    render: typeof values.render === 'string' ? values.render : undefined,
    argv
  }
}
