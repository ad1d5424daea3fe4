// Where the CLI's credentials come from, as a skopeo user gives them, and a refusal that names the
// source the registry saw (or that none was found), never the secret. Real registries, the CLI as a
// child process from source.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'

interface Run {
  code: number
  stdout: string
  stderr: string
}

const work = mkdtempSync(join(tmpdir(), 'cli-auth-source-'))
let basic: StartedRegistry
let token: StartedRegistry

/** The CLI from source with no credentials of the machine in reach: HOME, Docker and XDG dirs are empty. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<Run> {
  return new Promise(resolve => {
    const child = execFile(
      process.execPath,
      ['--import', './scripts/ts-loader.mjs', 'src/cli.ts', ...args],
      {
        env: {
          ...process.env,
          HOME: work,
          DOCKER_CONFIG: work,
          XDG_RUNTIME_DIR: work,
          REGISTRY_AUTH_FILE: '',
          GITHUB_TOKEN: '',
          NODE_OPTIONS: '',
          ...env
        }
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? -1) : 0, stdout, stderr })
    )
    child.stdin?.end(input ?? '')
  })
}

const creds = (r: StartedRegistry): string => `${r.username}:${r.password}`

const authJson = (reg: StartedRegistry, password: string): string =>
  JSON.stringify({
    auths: { [reg.host]: { auth: Buffer.from(`${reg.username}:${password}`).toString('base64') } }
  })

beforeAll(async () => {
  ;[basic, token] = await Promise.all([startRegistry({ mode: 'basic' }), startRegistry({ mode: 'token' })])
  const image = buildImage({ seed: 'auth-source', platforms: ['linux/amd64'] })
  await Promise.all([pushImage(basic, 'a/app', 'v1', image), pushImage(token, 'a/app', 'v1', image)])
})

afterAll(async () => {
  await Promise.all([basic?.stop(), token?.stop()])
  rmSync(work, { recursive: true, force: true })
})

describe('credential sources on the command line', () => {
  const WRONG = 'wrong-secret-0123'
  test.each([
    ['basic', '--creds', /the registry refused the credentials from --creds \(status 401\)/],
    ['token', '--creds', /token server .* refused the credentials from --creds \(status 401\)/]
  ])('%s registry, wrong %s: the refusal names the flag, not the secret', async (mode, flag, message) => {
    const reg = mode === 'basic' ? basic : token
    const r = await cli(['tags', flag, `${reg.username}:${WRONG}`, `docker://${reg.host}/a/app`])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).not.toContain(WRONG)
  })

  // The token registry lets anyone pull; its anonymous refusals already say why the token was anonymous.
  test('basic registry, no credentials anywhere: the refusal says none were found', async () => {
    const r = await cli(['tags', `docker://${basic.host}/a/app`])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`no credentials were found for ${basic.host}, so the request carried none`)
  })

  test('REGISTRY_AUTH_FILE and the containers auth.json are read; a refusal names the file', async () => {
    const envFile = join(work, 'env-auth.json')
    writeFileSync(envFile, authJson(basic, basic.password!))
    const ok = await cli(['tags', `docker://${basic.host}/a/app`], { REGISTRY_AUTH_FILE: envFile })
    expect(ok.stderr).toBe('')
    expect([ok.code, ok.stdout]).toEqual([0, 'v1\n'])

    const xdg = join(work, 'run')
    mkdirSync(join(xdg, 'containers'), { recursive: true })
    writeFileSync(join(xdg, 'containers', 'auth.json'), authJson(basic, WRONG))
    const bad = await cli(['tags', `docker://${basic.host}/a/app`], { XDG_RUNTIME_DIR: xdg })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain(
      `refused the credentials from auth file ${join(xdg, 'containers', 'auth.json')}`
    )
    expect(bad.stderr).not.toContain(WRONG)
  })

  test('--credentials - reads the YAML from stdin; --authfile FILE works as in skopeo', async () => {
    const yaml = `${token.host}:\n  username: ${token.username}\n  password: "${token.password}"\n`
    const fromStdin = await cli(['tags', '--credentials', '-', `docker://${token.host}/a/app`], {}, yaml)
    expect([fromStdin.code, fromStdin.stdout, fromStdin.stderr]).toEqual([0, 'v1\n', ''])
    const authfile = join(work, 'skopeo-auth.json')
    writeFileSync(authfile, authJson(token, token.password!))
    const fromFile = await cli([
      'inspect',
      '--raw',
      '--authfile',
      authfile,
      `docker://${token.host}/a/app:v1`
    ])
    expect([fromFile.code, fromFile.stderr]).toEqual([0, ''])
  })

  test('copy within one registry: --src-creds and --dest-creds each reach their own side', async () => {
    const yaml = `${token.host}:\n  username: ${token.username}\n  password: "${WRONG}"\n`
    const r = await cli(
      [
        'copy',
        '--credentials',
        '-',
        '--src-creds',
        creds(token),
        '--dest-creds',
        `${token.username}:${WRONG}`,
        `docker://${token.host}/a/app:v1`,
        `docker://${token.host}/b/app:v1`
      ],
      {},
      yaml
    )
    // The source was read with --src-creds; only the destination saw the wrong password.
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/destination .*refused the credentials from --dest-creds/)
    expect(r.stderr).not.toMatch(/source docker:/)
    expect(r.stderr).not.toContain(WRONG)
  })
})
