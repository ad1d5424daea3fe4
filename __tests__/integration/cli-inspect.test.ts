// `mirror-action inspect` and `tags` as a user runs them: child processes against real registries,
// skopeo as the independent checker.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buildImage,
  pushImage,
  skopeoFlags,
  startRegistry,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import { sha256 } from './client-helpers.js'
import { hostPlatform } from '../../src/cli/index.js'

jest.setTimeout(120_000)

const work = mkdtempSync(join(tmpdir(), 'cli-inspect-'))
const credentials = join(work, 'credentials.yaml')

interface Run {
  code: number
  stdout: Buffer
  stderr: string
}

function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise(resolve => {
    execFile(cmd, args, { env, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({
        code: err ? Number((err as { code?: number }).code ?? 1) : 0,
        stdout,
        stderr: stderr.toString('utf8')
      })
    )
  })
}

/** The CLI from source, with an empty Docker config and no GitHub token in reach. */
function cli(args: string[], dockerConfig = work): Promise<Run> {
  const env = { ...process.env, DOCKER_CONFIG: dockerConfig, NODE_OPTIONS: '', GITHUB_TOKEN: '' }
  return exec(process.execPath, ['--import', './scripts/ts-loader.mjs', 'src/cli.ts', ...args], env)
}

const skopeoRaw = (reg: StartedRegistry, ref: string) =>
  exec('skopeo', ['inspect', '--raw', ...skopeoFlags(reg, ''), `docker://${reg.host}/${ref}`])

let tok: StartedRegistry
let tls: StartedRegistry
let multi: BuiltImage
let attested: BuiltImage
let docker: BuiltImage

beforeAll(async () => {
  ;[tok, tls] = await Promise.all([startRegistry({ mode: 'token' }), startRegistry({ mode: 'tls' })])
  writeFileSync(credentials, `${tok.host}:\n  username: ${tok.username}\n  password: "${tok.password}"\n`)
  multi = buildImage({ seed: 'cli-inspect', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] })
  attested = buildImage({
    seed: 'cli-attested',
    platforms: ['linux/amd64', 'linux/arm64'],
    attestations: true
  })
  docker = buildImage({ seed: 'cli-docker', format: 'docker' })
  await pushImage(tok, 'cli/app', 'v1', multi)
  await pushImage(tok, 'cli/app', 'v2', docker)
  await pushImage(tok, 'cli/attested', 'v1', attested)
  await pushImage(tls, 'cli/app', 'v1', docker)
})

afterAll(async () => {
  await Promise.all([tok?.stop(), tls?.stop()])
  rmSync(work, { recursive: true, force: true })
})

describe('mirror-action inspect', () => {
  test.each([
    ['index by tag', 'cli/app:v1'],
    ['docker manifest by tag', 'cli/app:v2'],
    ['child by digest', () => `cli/app@${multi.children[1]!.digest}`],
    ['index with attestations', 'cli/attested:v1']
  ])('--raw is byte-identical to skopeo inspect --raw: %s', async (_name, r) => {
    const ref = typeof r === 'function' ? r() : r
    const [ours, theirs] = await Promise.all([
      cli(['inspect', '--raw', '--credentials', credentials, `docker://${tok.host}/${ref}`]),
      skopeoRaw(tok, ref)
    ])
    expect(ours.stderr).toBe('')
    expect(ours.code).toBe(0)
    expect(theirs.code).toBe(0)
    expect(ours.stdout.length).toBeGreaterThan(0)
    expect(ours.stdout.equals(theirs.stdout)).toBe(true)
  })

  test('an index: digest, media type, platforms (attestations left out), tags', async () => {
    const r = await cli(['inspect', '--credentials', credentials, `docker://${tok.host}/cli/attested:v1`])
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout.toString('utf8'))
    expect(j).toMatchObject({
      Name: `${tok.host}/cli/attested`,
      Digest: attested.manifest.digest,
      MediaType: 'application/vnd.oci.image.index.v1+json',
      Platforms: ['linux/amd64', 'linux/arm64'],
      RepoTags: ['v1']
    })
    // Beside the index summary, skopeo's fields for this machine's platform image.
    const host = hostPlatform()
    expect([j.Os, j.Architecture]).toEqual([host.os, host.architecture])
    const arm = await cli([
      'inspect',
      '--override-arch',
      'arm64',
      '--config',
      '--credentials',
      credentials,
      `docker://${tok.host}/cli/attested:v1`
    ])
    expect(arm.code).toBe(0)
    expect(JSON.parse(arm.stdout.toString('utf8'))).toMatchObject({ architecture: 'arm64', os: 'linux' })
    const m = await cli(['inspect', '--no-tags', '--credentials', credentials, `${tok.host}/cli/app:v1`])
    const jm = JSON.parse(m.stdout.toString('utf8'))
    expect(jm.Platforms).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7'])
    expect(jm.RepoTags).toBeUndefined()
  })

  test('a single image agrees with skopeo inspect', async () => {
    const ref = `docker://${tok.host}/cli/app:v2`
    const [ours, theirs] = await Promise.all([
      cli(['inspect', '--credentials', credentials, ref]),
      exec('skopeo', ['inspect', ...skopeoFlags(tok, ''), ref])
    ])
    expect(ours.code).toBe(0)
    const a = JSON.parse(ours.stdout.toString('utf8'))
    const b = JSON.parse(theirs.stdout.toString('utf8'))
    expect(a.Digest).toBe(b.Digest)
    expect(a.Digest).toBe(docker.manifest.digest)
    expect(a.Layers).toEqual(b.Layers)
    expect([a.Os, a.Architecture, a.Created]).toEqual([b.Os, b.Architecture, b.Created])
    expect(a.RepoTags.sort()).toEqual(b.RepoTags.sort())
    expect(a.Platforms).toEqual([`${b.Os}/${b.Architecture}`])
    const cfg = await cli(['inspect', '--config', '--credentials', credentials, ref])
    const want = JSON.parse(docker.manifest.bytes.toString('utf8')).config.digest
    expect(sha256(cfg.stdout)).toBe(want)
  })

  test.each([
    [
      ['inspect', '--credentials', credentials, 'docker://HOST/cli/app:nope'],
      1,
      /^mirror-action inspect: not found: 127\.0\.0\.1:\d+\/cli\/app:nope/
    ],
    [['inspect', 'docker://HOST/Cli/App'], 2, /must be lowercase/],
    [['inspect', '--bogus', 'docker://HOST/cli/app'], 2, /bogus/],
    [['inspect'], 2, /expected one image reference/],
    [['inspect', '--tls-verify=maybe', 'docker://HOST/a'], 2, /--tls-verify takes true or false/],
    [
      ['inspect', 'oci-archive:/tmp/x'],
      2,
      /inspect reads docker:\/\/REF, oci:DIR\[:REF\], docker-archive:FILE and dir:DIR, not a oci-archive: reference/
    ],
    // One credentials loader for every command: an unreadable file is a usage error (exit 2),
    // as it always was for copy and sync.
    [
      ['inspect', '--credentials', join(work, 'missing.yaml'), 'docker://HOST/cli/app'],
      2,
      /cannot read credentials file/
    ],
    [['tags', 'docker://HOST/cli/app:v1'], 2, /without tag or digest/]
  ])('%j → exit %d', async (args, code, msg) => {
    const r = await cli(args.map(a => a.replace('HOST', tok.host)))
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(msg)
    expect(r.stdout.length).toBe(0)
  })

  test('a bad credentials file names file:line:col', async () => {
    const bad = join(work, 'bad.yaml')
    writeFileSync(bad, `${tok.host}:\n  username: u\n  pasword: p\n`)
    const r = await cli(['inspect', '--credentials', bad, `docker://${tok.host}/cli/app`])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`${bad}:3:3: ${tok.host}: unknown key "pasword"`)
  })

  test("credentials from Docker's config.json (auths) without --credentials", async () => {
    const dir = join(work, 'docker-config')
    mkdirSync(dir, { recursive: true })
    const auth = Buffer.from(`${tok.username}:${tok.password}`).toString('base64')
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [`http://${tok.host}`]: { auth } } }))
    const ref = `docker://${tok.host}/cli/app:v2`
    // This registry lets anyone pull: the token server's log shows whose credentials were used.
    tok.clearTokenRequests()
    const anon = await cli(['inspect', ref])
    expect(anon.code).toBe(0)
    expect(tok.tokenRequests().map(t => t.account)).not.toContain('mirror-user')
    tok.clearTokenRequests()
    const r = await cli(['inspect', ref], dir)
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout.toString('utf8')).Digest).toBe(docker.manifest.digest)
    expect(tok.tokenRequests().map(t => t.account)).toContain('mirror-user')
  })

  test('TLS: refused without the CA, works with --ca-file or --tls-verify=false', async () => {
    const ref = `docker://${tls.host}/cli/app:v1`
    const refused = await cli(['inspect', '--raw', ref])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/certificate verification failed/)
    for (const flags of [['--ca-file', tls.caFile!], ['--tls-verify=false']]) {
      const r = await cli(['inspect', '--raw', ...flags, ref])
      expect(r.code).toBe(0)
      expect(sha256(r.stdout)).toBe(docker.manifest.digest)
    }
  })
})

describe('--debug', () => {
  test('inspect --debug: each exchange on stderr with status, auth scheme and the credentials file; no password', async () => {
    const r = await cli([
      'inspect',
      '--debug',
      '--credentials',
      credentials,
      `docker://${tok.host}/cli/app:v1`
    ])
    expect(r.code).toBe(0)
    const lines = r.stderr.split('\n').filter(l => l.startsWith('debug: '))
    expect(lines).toContainEqual(
      expect.stringMatching(/^debug: http: GET \S+\/v2\/ → 401 in \d+ ms \(auth: none\)$/)
    )
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^debug: http: (GET|HEAD) \\S+/v2/cli/app/manifests/v1 → 200 in \\d+ ms \\(auth: bearer, credentials: --credentials ${credentials}\\)$`
        )
      )
    )
    expect(r.stderr + r.stdout.toString('utf8')).not.toContain(tok.password!)
  })

  test('tags with a wrong password: the 401 names the credentials file whose credentials were refused', async () => {
    const wrong = join(work, 'wrong.yaml')
    writeFileSync(wrong, `${tok.host}:\n  username: ${tok.username}\n  password: "not-the-Passw0rd"\n`)
    const r = await cli(['tags', '--debug', '--credentials', wrong, `docker://${tok.host}/cli/app`])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      `debug: auth: the token server of ${tok.host} answered 401: the credentials for ${tok.host} from --credentials ${wrong} were refused`
    )
    expect(r.stderr).not.toContain('not-the-Passw0rd')
  })
})

describe('mirror-action tags', () => {
  test('one tag per line; agrees with skopeo list-tags', async () => {
    const r = await cli(['tags', '--credentials', credentials, `docker://${tok.host}/cli/app`])
    expect(r.code).toBe(0)
    const ours = r.stdout.toString('utf8').split('\n').filter(Boolean).sort()
    const s = await exec('skopeo', ['list-tags', ...skopeoFlags(tok, ''), `docker://${tok.host}/cli/app`])
    const theirs = (JSON.parse(s.stdout.toString('utf8')) as { Tags: string[] }).Tags.sort()
    expect(ours).toEqual(theirs)
    expect(ours).toEqual(expect.arrayContaining(['v1', 'v2']))
  })

  test('a missing repository is exit 1 with "not found"', async () => {
    const r = await cli(['tags', '--credentials', credentials, `docker://${tok.host}/no/such`])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/not found: repository 127\.0\.0\.1:\d+\/no\/such/)
  })
})
