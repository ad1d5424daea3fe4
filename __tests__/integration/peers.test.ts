// Other projects' own test fixtures (__tests__/fixtures/peers, see its README), each read through
// every transport: copied into oci:, dir: and a real registry, and inspected. The table says what is
// expected of each: copied with its digest kept, or refused with a given message everywhere.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseCopyArgs } from '../../src/cli/index.js'
import { CopyEngine } from '../../src/copy/index.js'
import type { RegistryClient } from '../../src/registry/index.js'
import { openDestination, openSource, parseTransportRef } from '../../src/transports/index.js'
import { skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'
import { clientFor } from './copy-helpers.js'
import { cli } from './sync-helpers.js'

jest.setTimeout(300_000)
const PEERS = join(process.cwd(), '__tests__', 'fixtures', 'peers')
const work = mkdtempSync(join(tmpdir(), 'peers-'))
let reg: StartedRegistry
let client: RegistryClient
let done: () => Promise<void>

const ggcr = (p: string) => join(PEERS, 'go-containerregistry', 'pkg', 'v1', p)
const regclient = (p: string) => join(PEERS, 'regclient', 'testdata', p)
const cimage = (p: string) => join(PEERS, 'containers-image', p)

/** A manifest-only fixture, served as a dir: image (blobs absent: what it is refused for comes first). */
function manifestDir(file: string): string {
  const dir = join(work, 'manifest-only', file.replace(/[^a-z0-9.-]/gi, '_'))
  mkdirSync(dir, { recursive: true })
  copyFileSync(file, join(dir, 'manifest.json'))
  return `dir:${dir}`
}

/** `registry`: how a real registry (distribution) answers, where that differs from the rest. */
type Outcome = ({ kept: string } | { archive: true } | { refused: RegExp }) & { registry?: RegExp }
const SCHEMA1 =
  /is Docker schema 1 \(application\/vnd\.docker\.distribution\.manifest\.v1\+(prettyjws|json)\)/

const CASES: [string, () => string, Outcome][] = [
  // go-containerregistry: layouts (an entry typed as a plain descriptor, a Docker list in an OCI
  // layout, an untagged single image) and docker save archives.
  [
    'ggcr test_index:1 (image)',
    () => `oci:${ggcr('layout/testdata/test_index')}:1`,
    { kept: 'sha256:eebff607b1628d67459b0596643fc07de70d702eccf030f0bc7bb6fc2b278650' }
  ],
  [
    'ggcr test_index:2 (entry typed as a descriptor)',
    () => `oci:${ggcr('layout/testdata/test_index')}:2`,
    { kept: 'sha256:32589985702551b6c56033bb3334432a0a513bf9d6aceda0f67c42b003850720' }
  ],
  [
    'ggcr test_index:3 (OCI index)',
    () => `oci:${ggcr('layout/testdata/test_index')}:3`,
    { kept: 'sha256:05f95b26ed10668b7183c1e2da98610e91372fa9f510046d4ce5812addad86b5' }
  ],
  [
    'ggcr test_index:4 (Docker list)',
    () => `oci:${ggcr('layout/testdata/test_index')}:4`,
    // Its list has no mediaType and an OCI entry: distribution refuses it as a Docker list.
    {
      kept: 'sha256:2b29a2b8dea3af91ea7d0154be1da0c92d55ddd098540930fc8d3db7de377fdb',
      registry: /answered 400 \(MANIFEST_INVALID/
    }
  ],
  [
    'ggcr test_index_one_image (untagged)',
    () => `oci:${ggcr('layout/testdata/test_index_one_image')}`,
    { kept: 'sha256:98ceaf93e482fe91b9bfd6bba07137c098e49ee2d55e69f09fb6c951e75e0e46' }
  ],
  [
    'ggcr test_index_media_type',
    () => `oci:${ggcr('layout/testdata/test_index_media_type')}`,
    { kept: 'sha256:b544f71ecd82372bc9a3c0dbef378abfd2734fe437df81ff6e242a0d720d8e3e' }
  ],
  [
    'ggcr hello-world-v25.tar (Docker 25+ archive)',
    () => `docker-archive:${ggcr('tarball/testdata/hello-world-v25.tar')}`,
    { archive: true }
  ],
  [
    'ggcr test_image_1.tar (classic archive)',
    () => `docker-archive:${ggcr('tarball/testdata/test_image_1.tar')}`,
    { archive: true }
  ],
  [
    'ggcr test_bundle.tar, its second image',
    () => `docker-archive:${ggcr('tarball/testdata/test_bundle.tar')}:@1`,
    { archive: true }
  ],
  [
    'ggcr test_bundle.tar, no image chosen',
    () => `docker-archive:${ggcr('tarball/testdata/test_bundle.tar')}`,
    { refused: /the archive holds 2 images; choose one with/ }
  ],
  [
    'ggcr no_manifest.tar',
    () => `docker-archive:${ggcr('tarball/testdata/no_manifest.tar')}`,
    { refused: /not a docker-archive \(no manifest\.json\)/ }
  ],
  [
    'ggcr null_manifest.tar',
    () => `docker-archive:${ggcr('tarball/testdata/null_manifest.tar')}`,
    { refused: /manifest\.json: expected a JSON array of images/ }
  ],
  // containers/image: layouts (one whose config descriptor has the wrong size, as skopeo too
  // refuses) and schema 1 manifests.
  [
    'c/image delete_image_only_one_image (config size wrong)',
    () => `oci:${cimage('oci/layout/fixtures/delete_image_only_one_image')}`,
    { refused: /is 740 bytes on disk, the descriptor says 585/ }
  ],
  [
    'c/image delete_image_multiple_images:latest (index)',
    () => `oci:${cimage('oci/layout/fixtures/delete_image_multiple_images')}:latest`,
    { kept: 'sha256:a2f798327b3f25e3eff54badcb769953de235e62e3e32051d57a5e66246de4a1' }
  ],
  [
    'c/image delete_image_multiple_images:3 (image)',
    () => `oci:${cimage('oci/layout/fixtures/delete_image_multiple_images')}:3`,
    { kept: 'sha256:93cbd11a4f41467a0409b975499ae711bc6f8222de38d9f1b5a4097583195ad5' }
  ],
  [
    'c/image v2s1.manifest.json (signed schema 1)',
    () => manifestDir(cimage('internal/manifest/testdata/v2s1.manifest.json')),
    { refused: SCHEMA1 }
  ],
  [
    'c/image v2s1-unsigned.manifest.json',
    () => manifestDir(cimage('internal/manifest/testdata/v2s1-unsigned.manifest.json')),
    { refused: SCHEMA1 }
  ],
  // skopeo: its dir: fixture has no version file (read, as skopeo does) and is schema 1.
  [
    'skopeo uncompressed-image-s1 (dir:, no version file)',
    () => `dir:${join(PEERS, 'skopeo', 'integration', 'fixtures', 'uncompressed-image-s1')}`,
    { refused: SCHEMA1 }
  ],
  // regclient: multi-platform indexes with referrers, artifacts, Docker media types in a layout.
  ...(
    [
      ['v1', 'sha256:7ceb9b6bcc274697d0c38be6214b50cec79d601bc61708747d3f6cb772f6c6fa'],
      ['v2', 'sha256:dfae8f425735a5e3a72e40d6609e03079995511d48157c74d54801ff4430491e'],
      ['v3', 'sha256:6fe828b32b9b4572f32b16c1c0a4d675660b19ec207d010724309374252c2d6d'],
      ['a-docker', 'sha256:43089316cfeec5c2f7897591f5925167afda21932cf71a1a1264684930e7b40a'],
      ['a-docker-oci', 'sha256:d910434391624641a9398ec921067e2dbd9a76aac69f120257906f811f0eecb8'],
      ['a1', 'sha256:0484e93c23cddf24a8400547119558312023295af241d4cd1eaf1b27145c5026'],
      ['ai', 'sha256:df85221e1519ae86965f239606c33730d51602836dc45ad48e15b26383c648e4'],
      ['child', 'sha256:8e54c6754f08d22f85c7552bb1951b228b8194d29b14a1639dbe50868da0273e'],
      ['loop', 'sha256:d69399e05204fac05b0184eef72e984538cdc9c5854a6484e8852e4357c543cb'],
      ['mirror', 'sha256:0514ce64171e869a0b065fa1ce1b533e82808c9228d5b97ea6e3ef2e026d9aed'],
      ['a-example', 'sha256:905693978d033f94767ce99edd9a3b285853343c148a4057cf00d47c67f9fb83'],
      ['b1', 'sha256:119b4a63feeda91d4874578e7883994fc45772dd912aa49ba380f87507f6ad07']
    ] as const
  ).map(([tag, kept]): [string, () => string, Outcome] => [
    `regclient testrepo:${tag}`,
    () => `oci:${regclient('testrepo')}:${tag}`,
    { kept }
  ]),
  [
    'regclient external:a3',
    () => `oci:${regclient('external')}:a3`,
    { kept: 'sha256:30cc0c708132298dd05b03e22eab4ecf99aa0ed0ce9c4904c2b5895707381576' }
  ],
  [
    'regclient external:a4',
    () => `oci:${regclient('external')}:a4`,
    { kept: 'sha256:c46d306320ae27079061660f74ec841b25d9a423fbaddeebe641b3d66f3e1206' }
  ]
]

beforeAll(async () => {
  reg = await startRegistry({ mode: 'anonymous' })
  ;({ client, done } = await clientFor([reg]))
})

afterAll(async () => {
  await done?.()
  await reg?.stop()
  rmSync(work, { recursive: true, force: true })
})

/** Copy with the options `mirror-action copy SRC DST` would use; the digest written, or the error. */
async function copy(from: string, to: string, tag: string | undefined): Promise<string | Error> {
  const parsed = parseCopyArgs([from, to])
  if (parsed === 'help') throw new Error('help')
  try {
    const src = await openSource(parseTransportRef(from), { client })
    try {
      const dst = await openDestination(parseTransportRef(to), { client })
      try {
        return (await new CopyEngine(parsed.options).copy(src, dst, tag, parsed.options)).digest
      } finally {
        await dst.close()
      }
    } finally {
      await src.close()
    }
  } catch (e) {
    return e as Error
  }
}

describe.each(CASES)('%s', (name, ref, outcome) => {
  const slug = name
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
  const targets = (): [string, string, string | undefined, string][] => [
    ['oci:', `oci:${join(work, 'oci', slug)}:x`, 'x', `oci:${join(work, 'oci', slug)}:x`],
    ['dir:', `dir:${join(work, 'dir', slug)}`, undefined, `dir:${join(work, 'dir', slug)}`],
    ['registry', `${reg.host}/peers/${slug}:x`, 'x', `docker://${reg.host}/peers/${slug}:x`]
  ]

  test.each(['oci:', 'dir:', 'registry'])('copied into %s as the table says', async target => {
    const [, to, tag, readBack] = targets().find(t => t[0] === target)!
    const got = await copy(ref(), to, tag)
    const refused =
      target === 'registry' && outcome.registry
        ? outcome.registry
        : 'refused' in outcome
          ? outcome.refused
          : undefined
    if (refused) {
      expect(got).toBeInstanceOf(Error)
      expect((got as Error).message).toMatch(refused)
      return
    }
    if (got instanceof Error) throw got
    if ('kept' in outcome) expect(got).toBe(outcome.kept)
    // skopeo reads what we wrote, and finds the digest we report. skopeo 1.9 finds a Docker-typed
    // entry of a layout only without its name (and only when it is the layout's one image).
    let r = await skopeo(['inspect', '--raw', readBack], { reg })
    if (r.code !== 0 && target === 'oci:')
      r = await skopeo(['inspect', '--raw', readBack.replace(/:x$/, '')], { reg })
    expect([r.code, r.stderr]).toEqual([0, ''])
    const digest = `sha256:${createHash('sha256').update(r.stdout).digest('hex')}`
    expect(digest).toBe(got)
  })

  test('inspect', async () => {
    const full = await cli(['inspect', ref()])
    if ('refused' in outcome) {
      // The same reason, in one line (schema 1 in inspect's words).
      const why = outcome.refused === SCHEMA1 ? /is a Docker schema 1 manifest/ : outcome.refused
      expect({ code: full.code, lines: full.stderr.trim().split('\n').length }).toEqual({ code: 1, lines: 1 })
      expect(full.stderr).toMatch(why)
      return
    }
    expect([full.code, full.stderr]).toEqual([0, ''])
    const digest = (JSON.parse(full.stdout) as { Digest: string }).Digest
    if ('kept' in outcome) expect(digest).toBe(outcome.kept)
    else expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/)
  })
})
