// What a CLI run loads and sends before its real work, checked on the bundle users run: the
// start-up savings measured in bench/ must not come back unnoticed.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildImage, pushImage, startRegistry, makeTempDir, type StartedRegistry } from '../harness/index.js'
import { bundleCli, cliEnv, runCli } from './reliability-helpers.js'

let cli: string
let anon: StartedRegistry
let basic: StartedRegistry
let digest: string
const work = makeTempDir('cli-startup')
const modulesFile = join(work, 'modules.txt')
const hook = join(work, 'record-modules.mjs')

beforeAll(async () => {
  ;[cli, anon, basic] = await Promise.all([
    bundleCli(),
    startRegistry({ mode: 'anonymous' }),
    startRegistry({ mode: 'basic' })
  ])
  const image = buildImage({ seed: 'cli-startup' })
  digest = await pushImage(anon, 'lib/a', '1', image)
  await pushImage(basic, 'lib/a', '1', image)
  writeFileSync(
    hook,
    `process.on('exit', () => process.getBuiltinModule?.('node:fs').writeFileSync(${JSON.stringify(modulesFile)}, process.moduleLoadList.join('\\n')))\n`
  )
})

afterAll(async () => {
  await Promise.all([anon?.stop(), basic?.stop()])
})

describe('CLI start-up', () => {
  test('a registry command loads none of node:http, http2, child_process, v8 and vm', async () => {
    const { readFile } = await import('node:fs/promises')
    const r = await runCli(cli, ['inspect', `docker://${anon.host}/lib/a:1`], {
      ...cliEnv(),
      NODE_OPTIONS: `--import ${hook}`
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(digest)
    // process.getBuiltinModule exists from Node 20.16 and 22.3: older runtimes skip the check.
    if (!('getBuiltinModule' in process)) return
    const loaded = (await readFile(modulesFile, 'utf8')).split('\n')
    expect(loaded).toContain('NativeModule tls')
    for (const m of ['http', 'http2', 'child_process', 'v8', 'vm'])
      expect(loaded).not.toContain(`NativeModule ${m}`)
  })

  test('the compile cache goes to the user cache directory, created 0700', async () => {
    const { readdir, stat } = await import('node:fs/promises')
    const cache = join(work, 'xdg-cache')
    const r = await runCli(cli, ['inspect', `docker://${anon.host}/lib/a:1`], {
      ...cliEnv(),
      XDG_CACHE_HOME: cache
    })
    expect(r.code).toBe(0)
    const dir = join(cache, 'mirror-action', 'compile-cache')
    // Node 20 has no compile cache: nothing is created.
    if (!('enableCompileCache' in (await import('node:module')).default)) {
      await expect(stat(dir)).rejects.toThrow(/ENOENT/)
      return
    }
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
    expect((await readdir(dir)).length).toBeGreaterThan(0)
  })

  test('a plain-HTTP registry without credentials gets no GET /v2/ before the first request', async () => {
    await anon.clearAccessLog()
    const r = await runCli(cli, ['inspect', '--raw', `docker://${anon.host}/lib/a:1`])
    expect(r.code).toBe(0)
    const log = await anon.accessLog()
    expect(log.map(e => `${e.method} ${e.path}`)).toEqual([`GET /v2/lib/a/manifests/1`])
  })

  test('with credentials the registry is still pinged first, so one 401 teaches every request', async () => {
    const creds = join(work, 'credentials.yaml')
    writeFileSync(creds, `${basic.host}:\n  username: ${basic.username}\n  password: "${basic.password}"\n`)
    await basic.clearAccessLog()
    const r = await runCli(cli, [
      'inspect',
      '--raw',
      '--credentials',
      creds,
      `docker://${basic.host}/lib/a:1`
    ])
    expect(r.code).toBe(0)
    const log = (await basic.accessLog()).map(e => `${e.method} ${e.path} ${e.status}`)
    expect(log).toEqual(['GET /v2/ 401', 'GET /v2/lib/a/manifests/1 200'])
  })
})
