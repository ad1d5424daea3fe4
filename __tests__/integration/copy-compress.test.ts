// Uncompressed layers of a docker-archive or dir: source are gzip-compressed on the way to a
// registry (the digest changes, and the copy says so); preserveDigests keeps them as they are.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { CopyEngine, type CopyOptions, type CopyResult } from '../../src/copy/index.js'
import type { RegistryClient } from '../../src/registry/index.js'
import { openDestination, openSource, parseTransportRef } from '../../src/transports/index.js'
import { buildImage, pushImage, skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'
import { blobPuts, clientFor } from './copy-helpers.js'
import { cli } from './sync-helpers.js'

jest.setTimeout(120_000)
let reg: StartedRegistry
let client: RegistryClient
let closeClient: () => Promise<void>
const work = mkdtempSync(join(tmpdir(), 'copy-compress-'))
const image = buildImage({ seed: 'compress-me', format: 'docker', layerSizes: [30000, 5000] })
const UNCOMPRESSED = 'application/vnd.docker.image.rootfs.diff.tar'
const GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip'
const sources: Record<string, string> = {}

async function sk(args: string[]): Promise<string> {
  const r = await skopeo(args, { reg })
  if (r.code !== 0) throw new Error(`skopeo ${args.join(' ')} failed: ${r.stderr}`)
  return r.stdout
}

interface Layer {
  mediaType: string
  digest: string
}
const layersAt = async (ref: string): Promise<Layer[]> =>
  (JSON.parse(await sk(['inspect', '--raw', `docker://${reg.host}/${ref}`])) as { layers: Layer[] }).layers

beforeAll(async () => {
  reg = await startRegistry({ mode: 'basic' })
  ;({ client, done: closeClient } = await clientFor([reg]))
  await pushImage(reg, 'src/app', 'v1', image)
  // skopeo writes archives with the layers uncompressed, as `docker save` does.
  sources['docker-archive'] = `docker-archive:${join(work, 'app.tar')}:src/app:v1`
  await sk(['copy', `docker://${reg.host}/src/app:v1`, sources['docker-archive']])
  // skopeo's dir: from an archive names the layers .tar.gzip whatever they hold: ours keeps the truth.
  sources.dir = `dir:${join(work, 'app-dir')}`
  await copy(sources['docker-archive'], sources.dir, { tag: null })
})

afterAll(async () => {
  await closeClient?.()
  await reg?.stop()
  rmSync(work, { recursive: true, force: true })
})

async function copy(
  from: string,
  to: string,
  opts: Partial<CopyOptions> & { tag?: null } = {}
): Promise<CopyResult> {
  const src = await openSource(parseTransportRef(from), { client })
  try {
    const dst = await openDestination(parseTransportRef(to), { client })
    try {
      const { tag, ...o } = opts
      return await new CopyEngine().copy(src, dst, tag === null ? undefined : 'v1', o)
    } finally {
      await dst.close()
    }
  } finally {
    await src.close()
  }
}

describe.each(['docker-archive', 'dir'])('%s source into a registry', kind => {
  test('layers go gzip-compressed; skopeo reads the image; its layers unpack to the diff_ids', async () => {
    const from = sources[kind]!
    expect((await layersAt('src/app:v1')).length).toBe(2)
    await reg.clearAccessLog()
    const warnings: string[] = []
    const r = await copy(from, `${reg.host}/gz-${kind}/app:v1`, { onWarning: w => warnings.push(w) })
    expect(r.digestChanged).toBe(true)
    expect(warnings.join('\n')).toMatch(/digest changed: .*\(2 uncompressed layer\(s\) gzip-compressed/)
    const layers = await layersAt(`gz-${kind}/app:v1`)
    expect(layers.map(l => l.mediaType)).toEqual([GZIP, GZIP])
    // What crossed the link is what the manifest names, nothing uncompressed.
    const puts = blobPuts(await reg.accessLog())
    for (const l of layers) expect(puts).toContain(l.digest)
    expect(puts).toHaveLength(3)

    const out = join(work, `pulled-${kind}`)
    await sk(['copy', `docker://${reg.host}/gz-${kind}/app:v1`, `dir:${out}`])
    const config = JSON.parse(
      await sk(['inspect', '--config', `docker://${reg.host}/gz-${kind}/app:v1`])
    ) as {
      rootfs: { diff_ids: string[] }
    }
    const unpacked = layers.map(
      l =>
        'sha256:' +
        createHash('sha256')
          .update(gunzipSync(readFileSync(join(out, l.digest.slice(7)))))
          .digest('hex')
    )
    expect(unpacked).toEqual(config.rootfs.diff_ids)

    // gzip without a timestamp is deterministic: a rerun writes the same image and no blob.
    await reg.clearAccessLog()
    const again = await copy(from, `${reg.host}/gz-${kind}/app:v1`)
    expect(again.digest).toBe(r.digest)
    expect(blobPuts(await reg.accessLog())).toEqual([])
  })

  test('preserveDigests keeps the layers uncompressed and the digest', async () => {
    const r = await copy(sources[kind]!, `${reg.host}/keep-${kind}/app:v1`, { preserveDigests: true })
    expect(r.digestChanged).toBe(false)
    expect((await layersAt(`keep-${kind}/app:v1`)).map(l => l.mediaType)).toEqual([
      UNCOMPRESSED,
      UNCOMPRESSED
    ])
  })
})

test('the CLI: copy gzips by default and says so; --preserve-digests keeps the layers', async () => {
  const credentials = join(work, 'credentials.yaml')
  writeFileSync(credentials, `${reg.host}:\n  username: ${reg.username}\n  password: ${reg.password}\n`)
  const archive = sources['docker-archive']!
  const gz = await cli(['copy', '--credentials', credentials, archive, `${reg.host}/cli-gz/app:v1`])
  expect(gz.code).toBe(0)
  expect(gz.stdout + gz.stderr).toMatch(/gzip-compressed/)
  expect((await layersAt('cli-gz/app:v1')).map(l => l.mediaType)).toEqual([GZIP, GZIP])
  const kept = await cli([
    'copy',
    '--preserve-digests',
    '--credentials',
    credentials,
    archive,
    `${reg.host}/cli-keep/app:v1`
  ])
  expect(kept.code).toBe(0)
  expect((await layersAt('cli-keep/app:v1')).map(l => l.mediaType)).toEqual([UNCOMPRESSED, UNCOMPRESSED])
})

describe('docker-archive → oci: (--format)', () => {
  interface Ml {
    mediaType: string
    config: Layer
    layers: Layer[]
  }
  const layout = (dir: string, ref = 'v1'): Ml => {
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      manifests: { digest: string; annotations?: Record<string, string> }[]
    }
    const d = index.manifests.find(m => m.annotations?.['org.opencontainers.image.ref.name'] === ref)!
    return JSON.parse(readFileSync(join(dir, 'blobs', 'sha256', d.digest.slice(7)), 'utf8')) as Ml
  }
  const diffIds = (dir: string, m: Ml): string[] =>
    m.layers.map(l => {
      const data = readFileSync(join(dir, 'blobs', 'sha256', l.digest.slice(7)))
      const tar = l.mediaType.endsWith('gzip') ? gunzipSync(data) : data
      return 'sha256:' + createHash('sha256').update(tar).digest('hex')
    })

  test('by default written as OCI with gzip layers, as skopeo writes it', async () => {
    const ours = join(work, 'oci-ours')
    const theirs = join(work, 'oci-skopeo')
    const r = await cli(['copy', sources['docker-archive']!, `oci:${ours}:v1`])
    expect([r.code, r.stderr]).toEqual([0, expect.stringMatching(/digest changed: .*converted to OCI/)])
    await sk(['copy', sources['docker-archive']!, `oci:${theirs}:v1`])
    const [a, b] = [layout(ours), layout(theirs)]
    const types = (m: Ml) => [m.mediaType, m.config.mediaType, ...m.layers.map(l => l.mediaType)]
    expect(types(a)).toEqual(types(b))
    expect(types(a)).toEqual([
      'application/vnd.oci.image.manifest.v1+json',
      'application/vnd.oci.image.config.v1+json',
      'application/vnd.oci.image.layer.v1.tar+gzip',
      'application/vnd.oci.image.layer.v1.tar+gzip'
    ])
    // The same image: the config is untouched, the layers unpack to the same tars.
    expect(a.config.digest).toBe(b.config.digest)
    expect(diffIds(ours, a)).toEqual(diffIds(theirs, b))
    // skopeo reads what we wrote.
    expect(JSON.parse(await sk(['inspect', '--raw', `oci:${ours}:v1`]))).toEqual(a)
  })

  test('--format v2s2 keeps Docker types; --preserve-digests keeps the archive as it is', async () => {
    const v2 = join(work, 'oci-v2s2')
    expect((await cli(['copy', '--format', 'v2s2', sources['docker-archive']!, `oci:${v2}:v1`])).code).toBe(0)
    expect(layout(v2).mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
    const kept = join(work, 'oci-kept')
    const r = await cli(['copy', '--preserve-digests', sources['docker-archive']!, `oci:${kept}:v1`])
    expect(r.code).toBe(0)
    expect(layout(kept).layers.map(l => l.mediaType)).toEqual([UNCOMPRESSED, UNCOMPRESSED])
  })
})
