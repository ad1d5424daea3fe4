/**
 * Peak RSS of `mirror-action copy` for a 1 GiB layer, next to the same copy of a 1 MiB layer:
 * blobs stream, so both should need about the same memory (target: under 150 MB).
 *
 *   node --import ./scripts/ts-loader.mjs bench/rss-1g.ts [--mib 1024] [--skopeo]
 *
 * `--skopeo` also times `skopeo copy` of the same image, for comparison.
 *
 * Starts two loopback registries from the test harness, pushes a one-layer image of random bytes
 * to the first (streamed from a temp file), bundles the CLI into a temp dir and runs
 * `node cli.js copy docker://A/… docker://B/…` under `/usr/bin/time -v`. Prints one line per size:
 * peak RSS, and for mirror-action the peak of `arrayBuffers` (bench/memsample.mjs, preloaded).
 */
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { failure, regRequest, startRegistry, type StartedRegistry } from '../__tests__/harness/index.js'
import { pushBlob } from './biglayer.js'

const { values } = parseArgs({
  options: { mib: { type: 'string', default: '1024' }, skopeo: { type: 'boolean', default: false } }
})
const bigMiB = Number(values.mib)
const memsample = join(dirname(fileURLToPath(import.meta.url)), 'memsample.mjs')

function sh(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
    const chunks: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => chunks.push(b))
    child.stderr.on('data', (b: Buffer) => chunks.push(b))
    child.on('error', reject)
    child.on('close', code => resolve({ code: code ?? 1, out: Buffer.concat(chunks).toString('utf8') }))
  })
}

/** Random bytes to a file, hashed on the way: the bench process never holds the layer either. */
async function makeLayer(file: string, bytes: number): Promise<string> {
  const hash = createHash('sha256')
  const out = createWriteStream(file)
  const chunk = 1024 * 1024
  for (let done = 0; done < bytes; done += chunk) {
    const b = randomBytes(Math.min(chunk, bytes - done))
    hash.update(b)
    if (!out.write(b)) await new Promise<void>(r => out.once('drain', () => r()))
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
  return 'sha256:' + hash.digest('hex')
}

async function pushImage(
  reg: StartedRegistry,
  repo: string,
  tag: string,
  layerFile: string,
  layerDigest: string,
  size: number
): Promise<string> {
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [layerDigest] }
    })
  )
  const configDigest = 'sha256:' + createHash('sha256').update(config).digest('hex')
  await pushBlob(reg, repo, layerDigest, size, layerFile)
  await pushBlob(reg, repo, configDigest, config.length, config)
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length
      },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layerDigest, size }]
    })
  )
  const put = await regRequest(reg, {
    method: 'PUT',
    path: `/v2/${repo}/manifests/${tag}`,
    repo,
    headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    body: manifest
  })
  if (put.statusCode !== 201) throw await failure('PUT manifest', put)
  await put.body.dump()
  return 'sha256:' + createHash('sha256').update(manifest).digest('hex')
}

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time is missing (apt-get install time)')
  const work = mkdtempSync(join(tmpdir(), 'mirror-rss-'))
  const regs: StartedRegistry[] = []
  try {
    const build = await sh(process.execPath, ['scripts/build.mjs', '--outdir', join(work, 'dist')])
    if (build.code !== 0) throw new Error(`build failed:\n${build.out}`)
    const cli = join(work, 'dist', 'cli.js')
    const src = await startRegistry({ mode: 'anonymous' })
    regs.push(src)
    const dst = await startRegistry({ mode: 'anonymous' })
    regs.push(dst)
    console.log(`node ${process.version}; source ${src.host}, destination ${dst.host}`)
    for (const mib of [1, bigMiB]) {
      const size = mib * 1024 * 1024
      const file = join(work, `layer-${mib}`)
      const layerDigest = await makeLayer(file, size)
      const digest = await pushImage(src, 'bench/rss', `${mib}m`, file, layerDigest, size)
      rmSync(file)
      console.log(`image ${mib} MiB: ${digest}`)
      const tools: [string, string, string[]][] = [
        ['mirror-action', process.execPath, ['--import', memsample, cli, 'copy', '--quiet']],
        ...(values.skopeo
          ? [
              ['skopeo', 'skopeo', ['copy', '--src-tls-verify=false', '--dest-tls-verify=false']] as [
                string,
                string,
                string[]
              ]
            ]
          : [])
      ]
      for (const [tool, cmd, pre] of tools) {
        const timeFile = join(work, `time-${mib}-${tool}`)
        const sampleFile = join(work, `memsample-${mib}-${tool}`)
        const target = `docker://${dst.host}/bench/${tool}:${mib}m`
        const started = process.hrtime.bigint()
        const run = await sh(
          '/usr/bin/time',
          ['-v', '-o', timeFile, cmd, ...pre, `docker://${src.host}/bench/rss:${mib}m`, target],
          { MIRROR_BENCH_MEMSAMPLE: sampleFile }
        )
        const seconds = Number(process.hrtime.bigint() - started) / 1e9
        if (run.code !== 0)
          throw new Error(`${tool}: copy of ${mib} MiB failed (exit ${run.code}):\n${run.out}`)
        if (tool === 'mirror-action' && !run.out.includes(digest)) {
          throw new Error(`copy output does not name ${digest}:\n${run.out}`)
        }
        const rssKiB = Number(
          /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'))?.[1]
        )
        const peaks = existsSync(sampleFile)
          ? (JSON.parse(readFileSync(sampleFile, 'utf8')) as { arrayBuffers: number })
          : undefined
        const buffers = peaks ? `, peak array buffers ${(peaks.arrayBuffers / 2 ** 20).toFixed(1)} MiB` : ''
        console.log(
          `${tool.padEnd(13)} layer ${String(mib).padStart(5)} MiB: peak RSS ${(rssKiB / 1024).toFixed(1)} MiB (${rssKiB} KiB)${buffers}, ${seconds.toFixed(1)} s`
        )
      }
    }
  } finally {
    for (const r of regs) await r.stop()
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
