// Independent clients beside skopeo read what we write: containerd (`ctr images import` of an archive
// and a layout we wrote, `ctr images pull` from a registry we copied to) and umoci (`umoci unpack` of
// an `oci:` layout we wrote, its rootfs holding the layers' files). containerd runs as a daemon of
// this test, with its root, state and sockets in a temp directory; it needs root, as CI runs.
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import {
  buildImage,
  pushImage,
  run,
  skopeo,
  startRegistry,
  trackChild,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import { cli } from './sync-helpers.js'

jest.setTimeout(240_000)
let src: StartedRegistry
let dst: StartedRegistry
let containerd: ChildProcess | undefined
const work = mkdtempSync(join(tmpdir(), 'clients-'))
const sock = join(work, 'containerd', 'c.sock')
const multi = buildImage({ seed: 'clients-multi', platforms: ['linux/amd64', 'linux/arm64'] })
const single = buildImage({ seed: 'clients-single', format: 'docker', layerSizes: [3000, 7000] })

async function ok(cmd: string, args: string[]): Promise<string> {
  const r = await run(cmd, args)
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr}`)
  return r.stdout
}
const ctr = (...args: string[]) => ok('ctr', ['--address', sock, '--namespace', 'mirror-test', ...args])

async function startContainerd(): Promise<void> {
  if (process.getuid?.() !== 0)
    throw new Error('containerd needs root: run the integration tests as root (CI does)')
  const dir = join(work, 'containerd')
  const config = join(dir, 'config.toml')
  rmSync(dir, { recursive: true, force: true })
  await ok('mkdir', ['-p', dir])
  writeFileSync(
    config,
    [
      'version = 2',
      `root = "${dir}/root"`,
      `state = "${dir}/state"`,
      '[grpc]',
      `  address = "${sock}"`,
      '[ttrpc]',
      `  address = "${dir}/t.sock"`,
      '[debug]',
      '  address = ""',
      '[metrics]',
      '  address = ""',
      ''
    ].join('\n')
  )
  let log = ''
  containerd = spawn('containerd', ['--config', config], { stdio: ['ignore', 'ignore', 'pipe'] })
  trackChild(containerd)
  containerd.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)))
  for (let i = 0; i < 200; i++) {
    if (existsSync(sock) && (await run('ctr', ['--address', sock, 'version'])).code === 0) return
    if (containerd.exitCode !== null) break
    await new Promise(r => setTimeout(r, 100))
  }
  throw new Error(`containerd did not start: ${log}`)
}

beforeAll(async () => {
  ;[src, dst] = await Promise.all([
    startRegistry({ mode: 'anonymous' }),
    startRegistry({ mode: 'anonymous' })
  ])
  await pushImage(src, 'src/multi', 'v1', multi)
  await pushImage(src, 'src/single', 'v1', single)
  await startContainerd()
})

afterAll(async () => {
  if (containerd && containerd.exitCode === null) {
    const exited = new Promise(r => containerd!.once('exit', r))
    containerd.kill('SIGTERM')
    await exited
  }
  await Promise.all([src?.stop(), dst?.stop()])
  rmSync(work, { recursive: true, force: true })
})

/** `ctr images check`: the image's digest, and whether all its content is there. */
async function ctrImage(name: string): Promise<{ digest: string; complete: boolean }> {
  const line = (await ctr('images', 'check')).split('\n').find(l => l.startsWith(`${name} `))
  if (!line) throw new Error(`ctr does not list ${name}`)
  return { digest: /sha256:[a-f0-9]{64}/.exec(line)![0], complete: /complete \((\d+)\/\1\)/.test(line) }
}

async function copy(from: string, to: string, ...flags: string[]): Promise<void> {
  const r = await cli(['copy', '-q', ...flags, from, to])
  if (r.code !== 0) throw new Error(`copy ${from} ${to}: ${r.stderr}`)
}

test('ctr images import of an oci: layout we wrote (tarred): every platform, digest kept', async () => {
  const layout = join(work, 'layout')
  await copy(`docker://${src.host}/src/multi:v1`, `oci:${layout}:v1`)
  await ok('tar', ['-C', layout, '-cf', join(work, 'layout.tar'), '.'])
  await ctr(
    'images',
    'import',
    '--all-platforms',
    '--base-name',
    'example.com/multi',
    join(work, 'layout.tar')
  )
  expect(await ctrImage('example.com/multi:v1')).toEqual({ digest: multi.manifest.digest, complete: true })
})

test('ctr images import of a docker-archive we wrote', async () => {
  const archive = join(work, 'single.tar')
  await copy(`docker://${src.host}/src/single:v1`, `docker-archive:${archive}:example.com/single:v1`)
  await ctr('images', 'import', archive)
  const got = await ctrImage('example.com/single:v1')
  expect(got.complete).toBe(true)
  // containerd names the image by the manifest the archive carries: ours, the source's own.
  expect(got.digest).toBe(single.manifest.digest)
})

test('ctr images pull from a registry we copied to: every platform, digest kept', async () => {
  await copy(`docker://${src.host}/src/multi:v1`, `docker://${dst.host}/mirror/multi:v1`)
  await ctr('images', 'pull', '--plain-http', '--all-platforms', `${dst.host}/mirror/multi:v1`)
  expect(await ctrImage(`${dst.host}/mirror/multi:v1`)).toEqual({
    digest: multi.manifest.digest,
    complete: true
  })
})

/** The files a built image's layers hold (one per layer), read from the layer tars. */
function layerFiles(img: BuiltImage): { name: string; data: Buffer }[] {
  const config = JSON.parse(img.manifest.bytes.toString('utf8')) as { layers: { digest: string }[] }
  return config.layers.map(l => {
    const tar = gunzipSync(img.blobs.find(b => b.digest === l.digest)!.data)
    const name = tar.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '')
    const size = Number.parseInt(tar.subarray(124, 136).toString('latin1'), 8)
    return { name, data: tar.subarray(512, 512 + size) }
  })
}

// umoci unpacks only OCI media types: a Docker-format registry image goes in with --format oci; a
// docker save archive becomes OCI by default, as skopeo writes it.
test.each([
  ['a Docker registry image, --format oci', 'registry', ['--format', 'oci']],
  ['a docker save archive (OCI by default, as skopeo)', 'saved', []]
])(
  'umoci unpacks an oci: layout we wrote from %s; the rootfs holds the layers files',
  async (_name, slug, flags) => {
    let from = `docker://${src.host}/src/single:v1`
    if (slug === 'saved') {
      // skopeo writes archives as `docker save` does: layers uncompressed, no manifest.
      from = `docker-archive:${join(work, 'saved.tar')}`
      const r = await skopeo(['copy', `docker://${src.host}/src/single:v1`, from], { reg: src })
      expect([r.code, r.stderr]).toEqual([0, ''])
    }
    const layout = join(work, `umoci-${slug}`)
    const bundle = join(work, `bundle-${slug}`)
    await copy(from, `oci:${layout}:v1`, ...flags)
    await ok('umoci', ['unpack', '--rootless', '--image', `${layout}:v1`, bundle])
    for (const f of layerFiles(single)) {
      expect(readFileSync(join(bundle, 'rootfs', f.name)).equals(f.data)).toBe(true)
    }
  }
)
