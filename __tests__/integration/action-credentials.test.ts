// Any password reaches the registry exactly (issue 16): through the `password` input and through
// `password-env` in the credentials YAML, to an htpasswd (Basic) registry and a token registry
// whose users hold exactly these passwords. A wrong password is refused by both, so a success
// means the registry received that string. An entry emptied by unset secrets is anonymous.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import {
  pushImage,
  buildImage,
  removeTempDir,
  startRegistry,
  type StartedRegistry
} from '../harness/index.js'
import { buildAction, runAction, workspace } from './action-helpers.js'
import { HOSTILE_PASSWORDS } from '../fixtures/passwords.js'

jest.setTimeout(300_000)

let basic: StartedRegistry
let token: StartedRegistry
let anon: StartedRegistry
let entry: string
let bundleDir: string
const image = buildImage({ seed: 'action-credentials' })
const users = HOSTILE_PASSWORDS.map((password, i) => ({ username: `user-${i}`, password }))

beforeAll(async () => {
  const [built, b, t, a] = await Promise.all([
    buildAction(),
    startRegistry({ mode: 'basic', extraUsers: users }),
    startRegistry({ mode: 'token', extraUsers: users }),
    startRegistry({ mode: 'anonymous' })
  ])
  ;({ entry, dir: bundleDir } = built)
  basic = b
  token = t
  anon = a
  await pushImage(basic, 'lib/app', 'v1', image)
  await pushImage(token, 'lib/app', 'v1', image)
  await pushImage(anon, 'lib/app', 'v1', image)
})

afterAll(async () => {
  await Promise.all([basic?.stop(), token?.stop(), anon?.stop()])
  if (bundleDir) removeTempDir(bundleDir)
})

/**
 * Copies basic → token and token → basic in one run: `viaInput` gets the `password` input, the
 * other registry `password-env`.
 */
async function mirrorWith(i: number, password: string, viaInput: StartedRegistry, viaEnv: StartedRegistry) {
  const ws = workspace()
  const r = await runAction(
    entry,
    ws,
    {
      images: `version: 1\nimages:\n  ${basic.host}/lib/app:v1: ${token.host}/pw/app:v${i}\n  ${token.host}/lib/app:v1: ${basic.host}/pw/app:v${i}\n`,
      registry: viaInput.host,
      username: `user-${i}`,
      password,
      credentials: `"${viaEnv.host}":\n  username: user-${i}\n  password-env: MIRROR_PASSWORD\n`,
      cache: 'false'
    },
    { MIRROR_PASSWORD: password }
  )
  ws.remove()
  return r
}

describe('hostile passwords', () => {
  test.each(users.map((u, i) => [u.password, i] as const))(
    '%j reaches both registries exactly',
    async (password, i) => {
      const [viaInput, viaEnv] = i % 2 === 0 ? [basic, token] : [token, basic]
      const r = await mirrorWith(i, password, viaInput, viaEnv)
      expect(r.stdout).not.toMatch(/^::error/m)
      expect(r.code).toBe(0)
      expect(r.outputs.mirrored).toBe('2')
      // The token server issued tokens to exactly this user: it compared the password byte for byte.
      const granted = token.tokenRequests().filter(t => t.account === `user-${i}` && t.status === 200)
      expect(granted.length).toBeGreaterThan(0)
      // A secret is handed to the masker and printed nowhere else (short ones like "true" are words).
      if (password.trim().length >= 8) {
        const shown = r.stdout.split('\n').filter(l => !l.startsWith('::add-mask::'))
        expect([...shown, r.stderr, r.summary].join('\n')).not.toContain(password.trim())
      }
    }
  )

  test.each([
    ['password input to Basic', () => basic, () => token],
    ['password input to token', () => token, () => basic]
  ])('a wrong password is refused (%s)', async (_name, viaInput, viaEnv) => {
    // Differs from user-0's password in its first byte, so even bcrypt's 72-byte limit sees it.
    const r = await runAction(
      entry,
      workspace(),
      {
        images: `version: 1\nimages:\n  ${viaInput().host}/lib/app:v1: ${viaInput().host}/wrong/app:v1\n`,
        registry: viaInput().host,
        username: 'user-0',
        password: 'Xb #cd',
        credentials: `"${viaEnv().host}":\n  username: user-0\n  password-env: MIRROR_PASSWORD\n`,
        cache: 'false'
      },
      { MIRROR_PASSWORD: 'ab #cd' }
    )
    expect(r.code).not.toBe(0)
    expect(r.outputs.failed).toBe('1')
  })
})

describe('unset secrets', () => {
  test('an entry whose username and password are both empty is anonymous, with a warning naming it', async () => {
    const ws = workspace()
    const r = await runAction(
      entry,
      ws,
      {
        images: `version: 1\nimages:\n  ${anon.host}/lib/app:v1: ${anon.host}/copy/app:v1\n`,
        // What `${{ secrets.X }}` leaves when X is not set: empty values.
        credentials: `"${anon.host}":\n  username: \n  password-env: UNSET_SECRET\n`,
        registry: 'docker.io',
        username: '',
        password: '',
        cache: 'false'
      },
      { UNSET_SECRET: '' }
    )
    ws.remove()
    expect(r.code).toBe(0)
    expect(r.outputs.mirrored).toBe('1')
    const warnings = r.stdout.split('\n').filter(l => l.startsWith('::warning'))
    expect(warnings.some(l => l.includes(`no credentials for ${anon.host}: anonymous`))).toBe(true)
    expect(warnings.some(l => l.includes('no credentials for docker.io: anonymous'))).toBe(true)
  })
})
