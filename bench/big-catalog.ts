/**
 * Big catalogs (issue 18's targets): how long a plan takes, and how much memory, when the config or
 * one repository is large.
 *
 *   node --import ./scripts/ts-loader.mjs bench/big-catalog.ts [--entries 2000] [--tags 20000] [--iterations 3]
 *     [--auth anonymous|token] [--only plan|tags]
 *
 * (a) plan-2000: a config of N entries (one tag each) against a loopback registry, dry run, no state:
 *     `mirror-action sync --dry-run` next to `skopeo sync --dry-run` over the same catalog.
 *     skopeo's dry run (1.9) sends no request at all for images named with their tags (it prints
 *     "would have copied" from the YAML alone), so its YAML lists the N repositories with an empty
 *     tag list instead: it then reads each repository's tag list, the most it does in a dry run.
 *     mirror-action resolves every source to a digest (HEAD) and HEADs every target (empty: all
 *     new), which skopeo's dry run does not.
 *     Each tool's first run is also counted in the registries' access logs (and, with `--auth token`,
 *     at the token server), so the table says what each side asked for.
 * (b) tags-20000: one repository with T tags: `mirror-action tags` (every page read and printed),
 *     and a sync dry run whose filter (`semver` + `latest: 5`) selects 5 of the T tags; peak RSS
 *     (target: at most 150 MB). `skopeo list-tags` of the same repository for comparison.
 *
 * Seeding is cheap and independent of the tool under test: one image is pushed through the API, and
 * the other repositories and tags are written straight into the registry's filesystem storage as the
 * registry itself lays them out (link files pointing at the one manifest and its blobs).
 * Runs alternate tool by tool (A B B A …); the table shows medians. Prints a Markdown table.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../__tests__/harness/index.js'
import { runTimed, type Timed } from './exec.js'

const exec = promisify(execFile)
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '2000' },
    tags: { type: 'string', default: '20000' },
    iterations: { type: 'string', default: '3' },
    // token: both registries behind the harness's token server (anonymous pulls get tokens too).
    auth: { type: 'string', default: 'anonymous' },
    // plan: only scenario (a); tags: only scenario (b), whose seeding is then one repository.
    only: { type: 'string' }
  }
})
const ENTRIES = Number(values.entries)
const TAGS = Number(values.tags)
const ITERATIONS = Number(values.iterations)
const AUTH = values.auth === 'token' ? 'token' : 'anonymous'
if (values.only !== undefined && values.only !== 'plan' && values.only !== 'tags')
  throw new Error(`--only: expected plan or tags, got ${values.only}`)
const PLAN = values.only !== 'tags'
const TAGS_SCENARIO = values.only !== 'plan'

/** The registry's storage path of a repository (docker/distribution's filesystem layout). */
const repoDir = (reg: StartedRegistry, repo: string): string =>
  join(reg.storageDir, 'docker', 'registry', 'v2', 'repositories', repo)

async function link(file: string, digest: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, digest)
}

/** Runs `fn` over `items`, `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!)
    })
  )
}

interface Seed {
  manifest: string
  blobs: string[]
}

/** `repo` gets the seed image's blobs and manifest, and `tags` pointing at it, in storage only. */
async function seedRepo(reg: StartedRegistry, repo: string, seed: Seed, tags: string[]): Promise<void> {
  const dir = repoDir(reg, repo)
  const hex = (d: string): string => d.slice('sha256:'.length)
  for (const b of seed.blobs) await link(join(dir, '_layers', 'sha256', hex(b), 'link'), b)
  await link(join(dir, '_manifests', 'revisions', 'sha256', hex(seed.manifest), 'link'), seed.manifest)
  await pool(tags, 32, async tag => {
    const t = join(dir, '_manifests', 'tags', tag)
    await link(join(t, 'current', 'link'), seed.manifest)
    await link(join(t, 'index', 'sha256', hex(seed.manifest), 'link'), seed.manifest)
  })
}

interface Row {
  scenario: string
  tool: string
  runs: Timed[]
  note?: string
  /** Requests each registry served during the first run, from its access log. */
  requests?: string
}

/** What the registries' access logs show of one run: requests by kind, source and target apart. */
async function served(regs: { name: string; reg: StartedRegistry }[]): Promise<string> {
  const parts: string[] = []
  for (const { name, reg } of regs) {
    const kinds = new Map<string, number>()
    for (const e of await reg.accessLog()) {
      const what = `${e.method} ${e.path === '/v2/' ? '/v2/' : e.path.replace(/^\/v2\/.+\/(manifests|tags)\/.*$/, '…/$1/…')}`
      kinds.set(what, (kinds.get(what) ?? 0) + 1)
    }
    const tokens = reg.mode === 'token' ? `, ${reg.tokenRequests().length} token requests` : ''
    const list = [...kinds].map(([k, n]) => `${n} ${k}`).join(', ') || 'no request'
    parts.push(`${name}: ${list}${tokens}`)
  }
  return parts.join('; ')
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

function check(r: Timed, what: string): Timed {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr.slice(-2000)}`)
  return r
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'bench-big-'))
  const log = (s: string): void => void process.stderr.write(`bench: ${s}\n`)
  await exec(process.execPath, ['scripts/build.mjs', '--outdir', join(work, 'bundle')], { cwd: root })
  const cli = join(work, 'bundle', 'cli.js')
  const [src, dst] = await Promise.all([startRegistry({ mode: AUTH }), startRegistry({ mode: AUTH })])
  const rows: Row[] = []
  try {
    const image = buildImage({ seed: 'bench-big-catalog', layerSizes: [1024] })
    const manifest = await pushImage(src, 'bench/seed', 'v1', image)
    const seed: Seed = { manifest, blobs: image.blobs.map(b => b.digest) }

    const names = PLAN ? Array.from({ length: ENTRIES }, (_, i) => `bench/c${i}`) : []
    log(`seeding ${names.length} repositories${TAGS_SCENARIO ? ` and one with ${TAGS} tags` : ''}`)
    await pool(names, 16, n => seedRepo(src, n, seed, ['v1']))
    // 1.<minor>.<patch>: 100 patches per minor; the filter selects the newest 5.
    const tags = Array.from({ length: TAGS }, (_, i) => `1.${Math.floor(i / 100)}.${i % 100}`)
    if (TAGS_SCENARIO) await seedRepo(src, 'bench/many', seed, tags)

    const host = `"${src.host}": { insecure: true }\n  "${dst.host}": { insecure: true }`
    const planConfig = join(work, 'plan.yaml')
    await writeFile(
      planConfig,
      `version: 1\nregistries:\n  ${host}\ndefaults:\n  referrers: false\nimages:\n` +
        names.map(n => `  "${src.host}/${n}:v1": "${dst.host}/mirror/${n.slice(6)}:v1"\n`).join('')
    )
    const skopeoYaml = join(work, 'plan.skopeo.yaml')
    await writeFile(
      skopeoYaml,
      `"${src.host}":\n  tls-verify: false\n  images:\n` + names.map(n => `    "${n}": []\n`).join('')
    )
    const filterConfig = join(work, 'filter.yaml')
    await writeFile(
      filterConfig,
      `version: 1\nregistries:\n  ${host}\ndefaults:\n  referrers: false\nimages:\n` +
        `  "${src.host}/bench/many":\n    target: "${dst.host}/mirror/many"\n    semver: ">=1.0.0"\n    latest: 5\n`
    )

    const ma = (args: string[], label: string) =>
      runTimed(process.execPath, [cli, ...args], { logFile: join(work, `${label}.log`) })
    const sk = (args: string[], label: string) =>
      runTimed('skopeo', args, { logFile: join(work, `${label}.log`) })
    const planMa: Row = {
      scenario: `plan of ${ENTRIES} entries (dry run, no state)`,
      tool: 'mirror-action',
      runs: []
    }
    const planSk: Row = { scenario: planMa.scenario, tool: 'skopeo sync --dry-run', runs: [] }
    for (let i = 0; PLAN && i < ITERATIONS; i++) {
      const order = i % 2 === 0 ? [planMa, planSk] : [planSk, planMa]
      for (const row of order) {
        log(`${row.scenario}: ${row.tool} #${i + 1}`)
        await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
        src.clearTokenRequests()
        dst.clearTokenRequests()
        const r =
          row === planMa
            ? await ma(['sync', '--config', planConfig, '--dry-run'], `plan-ma-${i}`)
            : await sk(
                [
                  'sync',
                  '--dry-run',
                  '--src',
                  'yaml',
                  '--dest',
                  'docker',
                  '--dest-tls-verify=false',
                  skopeoYaml,
                  `${dst.host}/mirror`
                ],
                `plan-sk-${i}`
              )
        row.runs.push(check(r, `${row.tool} plan`))
        row.requests ??= await served([
          { name: 'source', reg: src },
          { name: 'target', reg: dst }
        ])
      }
    }
    if (PLAN) {
      const planned = /(\d+) planned/.exec(planMa.runs[0]!.stdout)?.[1]
      planMa.note = `${planned ?? '?'} planned`
      planSk.note = "lists each repository's tags; resolves no digest"
      rows.push(planMa, planSk)
    }

    const tagsMa: Row = {
      scenario: `tags of a repository with ${TAGS} tags`,
      tool: 'mirror-action tags',
      runs: []
    }
    const tagsSk: Row = { scenario: tagsMa.scenario, tool: 'skopeo list-tags', runs: [] }
    const filt: Row = {
      scenario: `sync plan, filter selecting 5 of ${TAGS} tags`,
      tool: 'mirror-action',
      runs: []
    }
    for (let i = 0; TAGS_SCENARIO && i < ITERATIONS; i++) {
      log(`tags and filtered plan #${i + 1}`)
      const t = check(
        await ma(['tags', '--tls-verify=false', `docker://${src.host}/bench/many`], `tags-ma-${i}`),
        'tags'
      )
      // runTimed keeps only the output's tail; its log file has all of it.
      const full = await readFile(join(work, `tags-ma-${i}.log`), 'utf8')
      const printed = full.split('--- stdout\n')[1]?.split('\n--- stderr')[0]?.trim().split('\n').length
      tagsMa.note = `${printed} tags printed`
      tagsMa.runs.push(t)
      tagsSk.runs.push(
        check(
          await sk(['list-tags', '--tls-verify=false', `docker://${src.host}/bench/many`], `tags-sk-${i}`),
          'skopeo list-tags'
        )
      )
      filt.runs.push(
        check(await ma(['sync', '--config', filterConfig, '--dry-run'], `filter-ma-${i}`), 'filtered plan')
      )
    }
    if (TAGS_SCENARIO) {
      filt.note = /(\d+) planned/.exec(filt.runs[0]!.stdout)?.[0]
      rows.push(tagsMa, tagsSk, filt)
    }
    // Before teardown: removing 60,000 link files takes minutes on a loaded machine.
    const load = loadavg()
      .map(l => l.toFixed(1))
      .join(' ')
    const out = [
      `load average at the end: ${load}`,
      '',
      '| Scenario | Tool | Time (median) | CPU user+sys (median) | Peak RSS (median) | Peak RSS (range) | Runs | Note |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
      ...rows.map(r => {
        const t = median(r.runs.map(x => x.wallMs)) / 1000
        const rsses = r.runs.map(x => (x.maxRssKiB ?? 0) / 1024)
        const rss = median(rsses)
        // The peak moves with garbage-collection timing from run to run: the spread is shown.
        const spread = `${Math.min(...rsses).toFixed(0)}–${Math.max(...rsses).toFixed(0)} MiB`
        const cpu = median(r.runs.map(x => (x.userS ?? 0) + (x.sysS ?? 0)))
        return `| ${r.scenario} | ${r.tool} | ${t.toFixed(2)} s | ${cpu.toFixed(2)} s | ${rss.toFixed(0)} MiB | ${spread} | ${r.runs.length} | ${r.note ?? ''} |`
      }),
      '',
      ...rows.filter(r => r.requests).map(r => `- ${r.tool}: requests served (first run): ${r.requests}`)
    ]
    process.stdout.write(out.join('\n') + '\n')
  } finally {
    await Promise.all([src.stop(), dst.stop()])
    await rm(work, { recursive: true, force: true })
  }
}

await main()
