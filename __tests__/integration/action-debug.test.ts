// RUNNER_DEBUG=1 (a re-run with debug logging): the bundled action logs every HTTP exchange as a
// `::debug::` line with method, status, auth scheme and credential source, says why a 401 happened,
// and never prints a password.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import {
  buildImage,
  pushImage,
  removeTempDir,
  startRegistry,
  type StartedRegistry
} from '../harness/index.js'
import { buildAction, runAction, workspace } from './action-helpers.js'

jest.setTimeout(180_000)

let reg: StartedRegistry // Bearer tokens from the harness token server
let entry: string
let bundleDir: string

beforeAll(async () => {
  const [built, r] = await Promise.all([buildAction(), startRegistry({ mode: 'token' })])
  ;({ entry, dir: bundleDir } = built)
  reg = r
  await pushImage(reg, 'lib/app', 'v1', buildImage({ seed: 'action-debug' }))
})

afterAll(async () => {
  await reg?.stop()
  if (bundleDir) removeTempDir(bundleDir)
})

const debugLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(l => l.startsWith('::debug::'))
    .map(l => l.slice('::debug::'.length))

async function mirror(password: string, env: Record<string, string>) {
  const ws = workspace()
  ws.write('.github/mirror.yaml', `version: 1\nimages:\n  ${reg.host}/lib/app:v1: ${reg.host}/copy/app:v1\n`)
  const r = await runAction(
    entry,
    ws,
    {
      credentials: `"${reg.host}":\n  username: ${reg.username}\n  password: "${password}"\n`,
      cache: 'false'
    },
    env
  )
  ws.remove()
  return r
}

describe('RUNNER_DEBUG=1', () => {
  test('every exchange is a debug line with method, status, auth scheme and credential source; no password anywhere', async () => {
    const r = await mirror(reg.password!, { RUNNER_DEBUG: '1' })
    expect(r.code).toBe(0)
    const lines = debugLines(r.stdout)
    const host = reg.host.replace(/\./g, '\\.')
    // The first request goes out without credentials and learns the scheme from the 401.
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^http: GET https?://${host}/v2/\\S* → 401 in \\d+ ms \\(auth: none\\)$`)
      )
    )
    // The token request carries the registry's credentials to the token server (Basic).
    expect(lines).toContainEqual(
      expect.stringMatching(/^http: GET \S+ → 200 in \d+ ms \(auth: basic, credentials: /)
    )
    // Registry requests with the token, naming where the credentials came from.
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^http: (HEAD|GET) https?://${host}/v2/lib/app/manifests/v1 → 200 in \\d+ ms \\(auth: bearer, credentials: input 'credentials'\\)$`
        )
      )
    )
    expect(lines).toContainEqual(expect.stringMatching(/^http: PUT \S+\/v2\/copy\/app\/manifests\/v1 → 201 /))
    const everything = [
      r.stdout
        .split('\n')
        .filter(l => !l.startsWith('::add-mask::'))
        .join('\n'),
      r.stderr,
      r.summary,
      r.outputFile
    ].join('\n')
    expect(everything).not.toContain(reg.password!)
  })

  test('a refused password: the debug log says the credentials from the input were refused', async () => {
    const wrong = 'wrong-Passw0rd-x'
    const r = await mirror(wrong, { RUNNER_DEBUG: '1' })
    expect(r.code).toBe(1)
    const lines = debugLines(r.stdout)
    if (process.env.SHOW_DEBUG) console.log(lines.join('\n'))
    expect(lines).toContainEqual(
      `auth: the token server of ${reg.host} answered 401: the credentials for ${reg.host} from input 'credentials' were refused`
    )
    expect(lines).toContainEqual(
      expect.stringMatching(/^http: GET \S+ → 401 in \d+ ms \(auth: basic, credentials: /)
    )
    const shown = r.stdout
      .split('\n')
      .filter(l => !l.startsWith('::add-mask::'))
      .join('\n')
    expect(shown + r.stderr).not.toContain(wrong)
  })

  test('without RUNNER_DEBUG there are no debug lines', async () => {
    const r = await mirror(reg.password!, {})
    expect(r.code).toBe(0)
    expect(debugLines(r.stdout)).toEqual([])
  })
})
