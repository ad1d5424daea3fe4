// skopeo invocations, flags spelled as skopeo spells them, run through our CLI and through skopeo on
// the same real registries: the same exit codes, the same digests written, the same bytes read.
// Each tool writes to its own repository, so neither finds the other's work.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buildImage,
  pushImage,
  run,
  skopeo,
  startRegistry,
  type RunResult,
  type StartedRegistry
} from '../harness/index.js'

const work = mkdtempSync(join(tmpdir(), 'skopeo-golden-'))
let token: StartedRegistry
let basic: StartedRegistry
let tls: StartedRegistry
const multi = buildImage({ seed: 'golden', platforms: ['linux/amd64', 'linux/arm64'] })

/** Our CLI from source; no credentials of the machine in reach, as for skopeo below. */
function ours(args: string[]): Promise<RunResult> {
  return run(process.execPath, ['--import', './scripts/ts-loader.mjs', 'src/cli.ts', ...args], {
    env: { ...process.env, ...isolated(), NODE_OPTIONS: '' }
  })
}

const isolated = (): NodeJS.ProcessEnv => ({
  HOME: work,
  DOCKER_CONFIG: work,
  XDG_RUNTIME_DIR: work,
  REGISTRY_AUTH_FILE: join(work, 'none.json'),
  GITHUB_TOKEN: ''
})

function theirs(args: string[]): Promise<RunResult> {
  return run('skopeo', args, { env: { ...process.env, ...isolated() } })
}

const creds = (r: StartedRegistry): string => `${r.username}:${r.password}`

/** The digest of what a tag holds, read by skopeo (the independent checker). */
async function digestAt(reg: StartedRegistry, ref: string): Promise<string | undefined> {
  const r = await skopeo(['inspect', '--raw', `docker://${reg.host}/${ref}`], { reg })
  if (r.code !== 0) return undefined
  return `sha256:${createHash('sha256').update(r.stdout, 'utf8').digest('hex')}`
}

beforeAll(async () => {
  ;[token, basic, tls] = await Promise.all([
    startRegistry({ mode: 'token' }),
    startRegistry({ mode: 'basic' }),
    startRegistry({ mode: 'tls' })
  ])
  await pushImage(token, 'golden/multi', 'v1', multi)
  await pushImage(token, 'golden/multi', 'v2', multi)
})

afterAll(async () => {
  await Promise.all([token?.stop(), basic?.stop(), tls?.stop()])
  rmSync(work, { recursive: true, force: true })
})

/** `TOOL` in a destination is replaced by `ours` or `skopeo`; `DIGESTFILE` by a file per tool. */
interface CopyCase {
  name: string
  args: (tool: string) => string[]
  /** Where the copy lands, to compare the digests the two tools wrote there. */
  dest?: (tool: string) => [StartedRegistry, string]
  /** What skopeo exits with: 0, 1 (a failure), or 'usage' (skopeo 1; we exit 2, as documented). */
  exit: 0 | 1 | 'usage'
}

const digestfile = (tool: string): string => join(work, `${tool}.digest`)

const COPIES: CopyCase[] = [
  {
    name: 'copy --all with --src-creds, --dest-creds, --*-tls-verify=false, --digestfile',
    args: tool => [
      'copy',
      '--all',
      `--src-creds=${creds(token)}`,
      '--src-tls-verify=false',
      '--dest-creds',
      creds(basic),
      '--dest-tls-verify=false',
      '--digestfile',
      digestfile(tool),
      `docker://${token.host}/golden/multi:v1`,
      `docker://${basic.host}/${tool}/all:v1`
    ],
    dest: tool => [basic, `${tool}/all:v1`],
    exit: 0
  },
  {
    name: 'copy --multi-arch system: the host platform as a plain manifest',
    args: tool => [
      'copy',
      '--multi-arch',
      'system',
      '--src-creds',
      creds(token),
      '--dest-creds',
      creds(basic),
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      '--digestfile',
      digestfile(tool),
      `docker://${token.host}/golden/multi:v1`,
      `docker://${basic.host}/${tool}/system:v1`
    ],
    dest: tool => [basic, `${tool}/system:v1`],
    exit: 0
  },
  {
    name: 'copy --multi-arch all --preserve-digests --retry-times to a TLS registry, --dest-no-creds',
    args: tool => [
      'copy',
      '--multi-arch=all',
      '--preserve-digests',
      '--retry-times',
      '2',
      '--src-creds',
      creds(token),
      '--src-tls-verify=false',
      '--dest-no-creds',
      '--dest-tls-verify=false',
      `docker://${token.host}/golden/multi:v2`,
      `docker://${tls.host}/${tool}/tls:v2`
    ],
    dest: tool => [tls, `${tool}/tls:v2`],
    exit: 0
  },
  {
    name: 'copy to a TLS registry trusting its CA with --dest-cert-dir (verification on)',
    args: tool => [
      'copy',
      '--all',
      '--src-creds',
      creds(token),
      '--src-tls-verify=false',
      '--dest-no-creds',
      `--dest-cert-dir=${tls.certDir!}`,
      `docker://${token.host}/golden/multi:v1`,
      `docker://${tls.host}/${tool}/certdir:v1`
    ],
    dest: tool => [tls, `${tool}/certdir:v1`],
    exit: 0
  },
  {
    name: 'copy with a wrong --dest-creds fails',
    args: tool => [
      'copy',
      '--all',
      '--src-creds',
      creds(token),
      '--src-tls-verify=false',
      '--dest-creds',
      `${basic.username}:wrong`,
      '--dest-tls-verify=false',
      `docker://${token.host}/golden/multi:v1`,
      `docker://${basic.host}/${tool}/denied:v1`
    ],
    dest: tool => [basic, `${tool}/denied:v1`],
    exit: 1
  },
  {
    name: 'copy of a tag that does not exist fails',
    args: tool => [
      'copy',
      '--all',
      '--src-tls-verify=false',
      '--src-creds',
      creds(token),
      '--dest-tls-verify=false',
      '--dest-creds',
      creds(basic),
      `docker://${token.host}/golden/multi:nope`,
      `docker://${basic.host}/${tool}/nope:v1`
    ],
    dest: tool => [basic, `${tool}/nope:v1`],
    exit: 1
  },
  {
    name: 'copy with an unknown flag is a usage error',
    args: () => ['copy', '--src-cred', 'a:b', 'docker://h/a:1', 'docker://h/b:1'],
    exit: 'usage'
  }
]

describe('skopeo copy invocations, run by both', () => {
  test.each(COPIES.map(c => [c.name, c] as const))('%s', async (_name, c) => {
    const [a, b] = [await ours(c.args('ours')), await theirs(c.args('skopeo'))]
    const [want, theirWant] = c.exit === 'usage' ? [2, 1] : [c.exit, c.exit]
    expect({ ours: a.code, skopeo: b.code, stderr: a.stderr.split('\n').slice(-3) }).toMatchObject({
      ours: want,
      skopeo: theirWant
    })
    if (c.exit === 'usage') {
      expect(a.stderr).toMatch(/unknown flag --src-cred \(did you mean --src-creds\?\)/)
      return
    }
    if (!c.dest) return
    const [reg, ref] = c.dest('ours')
    const [theirReg, theirRef] = c.dest('skopeo')
    const [mine, skopeos] = [await digestAt(reg, ref), await digestAt(theirReg, theirRef)]
    expect(mine).toBe(skopeos)
    if (b.code === 0) {
      expect(mine).toMatch(/^sha256:/)
      const file = digestfile('skopeo')
      if (c.args('skopeo').includes(file)) {
        expect(readFileSync(digestfile('ours'), 'utf8')).toBe(readFileSync(file, 'utf8'))
        expect(readFileSync(file, 'utf8')).toBe(skopeos)
        rmSync(file)
        rmSync(digestfile('ours'))
      }
    } else {
      expect(mine).toBeUndefined()
      expect(existsSync(digestfile('ours'))).toBe(false)
    }
  })
})

describe('skopeo inspect --raw and list-tags, run by both', () => {
  const READS: [string, 0 | 1, () => string[]][] = [
    [
      'inspect --raw --creds --tls-verify=false',
      0,
      () => [
        'inspect',
        '--raw',
        '--creds',
        creds(token),
        '--tls-verify=false',
        `docker://${token.host}/golden/multi:v1`
      ]
    ],
    [
      // What skopeo wrote in the --dest-cert-dir copy above.
      'inspect --raw --cert-dir of a TLS registry',
      0,
      () => ['inspect', '--raw', '--cert-dir', tls.certDir!, `docker://${tls.host}/skopeo/certdir:v1`]
    ],
    [
      'inspect --raw of a missing tag',
      1,
      () => [
        'inspect',
        '--raw',
        `--creds=${creds(token)}`,
        '--tls-verify=false',
        `docker://${token.host}/golden/multi:gone`
      ]
    ],
    [
      'inspect --raw with a wrong password',
      1,
      () => [
        'inspect',
        '--raw',
        '--creds',
        `${token.username}:nope`,
        '--tls-verify=false',
        `docker://${token.host}/golden/multi:v1`
      ]
    ],
    [
      "inspect of an index: this machine's image, skopeo's fields",
      0,
      () => [
        'inspect',
        '--creds',
        creds(token),
        '--tls-verify=false',
        `docker://${token.host}/golden/multi:v1`
      ]
    ],
    [
      'inspect --override-arch arm64 of an index',
      0,
      () => [
        'inspect',
        '--override-arch',
        'arm64',
        '--override-os=linux',
        '--creds',
        creds(token),
        '--tls-verify=false',
        `docker://${token.host}/golden/multi:v1`
      ]
    ],
    [
      'inspect of a single image by digest',
      0,
      () => [
        'inspect',
        '--creds',
        creds(token),
        '--tls-verify=false',
        `docker://${token.host}/golden/multi@${multi.children[1]!.digest}`
      ]
    ],
    [
      'inspect --override-arch of a platform the index lacks',
      1,
      () => [
        'inspect',
        '--override-arch',
        's390x',
        '--creds',
        creds(token),
        '--tls-verify=false',
        `docker://${token.host}/golden/multi:v1`
      ]
    ],
    [
      'list-tags --creds --tls-verify=false',
      0,
      () => [
        'list-tags',
        '--creds',
        creds(token),
        '--tls-verify=false',
        `docker://${token.host}/golden/multi`
      ]
    ]
  ]
  test.each(READS)('%s: skopeo and we exit %d', async (_name, exit, args) => {
    const [a, b] = [await ours(args()), await theirs(args())]
    expect({ ours: a.code, skopeo: b.code, stderr: a.stderr }).toMatchObject({ ours: exit, skopeo: exit })
    if (b.code !== 0) return
    if (args()[0] === 'list-tags') {
      // skopeo prints JSON; we print a tag per line: the same tags.
      expect(a.stdout.trim().split('\n').sort()).toEqual(
        (JSON.parse(b.stdout) as { Tags: string[] }).Tags.sort()
      )
    } else if (args().includes('--raw')) {
      expect(a.stdout).toBe(b.stdout)
    } else {
      const [mine, theirs] = [JSON.parse(a.stdout), JSON.parse(b.stdout)] as Record<string, unknown>[]
      const FIELDS = ['Name', 'Digest', 'Created', 'Architecture', 'Os', 'Layers', 'Env', 'Labels']
      const pick = (j: Record<string, unknown>) => Object.fromEntries(FIELDS.map(f => [f, j[f]]))
      expect(pick(mine!)).toEqual(pick(theirs!))
      expect(mine!.Layers).toBeInstanceOf(Array)
      // skopeo 1.9 has no LayersData yet (1.10 added it): ours must list the same layers.
      if (theirs!.LayersData !== undefined) expect(mine!.LayersData).toEqual(theirs!.LayersData)
      expect((mine!.LayersData as { Digest: string }[]).map(l => l.Digest)).toEqual(theirs!.Layers)
      expect((mine!.RepoTags as string[]).sort()).toEqual((theirs!.RepoTags as string[]).sort())
    }
  })
})
