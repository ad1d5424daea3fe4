// Credentials that survive any string: `-env` keys and the login inputs never parse a secret as
// YAML; a secret pasted into YAML is either read exactly or refused with the likely cause, never
// silently changed; an entry left empty by an unset secret is skipped with a warning.
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'
import { CredentialsFileError, parseCredentialsYaml } from '../../src/auth/index.js'
import { InputError, maskCredentialValues, readInputs } from '../../src/action/index.js'
import { HOSTILE_PASSWORDS } from '../fixtures/passwords.js'

const saved = { ...process.env }
function setInputs(inputs: Record<string, string>): void {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k]
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v
}
beforeEach(() => setInputs({}))
afterEach(() => {
  process.env = { ...saved }
})

describe('password-env', () => {
  test.each(HOSTILE_PASSWORDS.map(p => [p]))('%j is read exactly from the environment', password => {
    const env: Record<string, string> = { ACR_USER: 'me', ACR_PASSWORD: password }
    const got = parseCredentialsYaml(
      'registry.example:\n  username-env: ACR_USER\n  password-env: ACR_PASSWORD\n',
      'c',
      { env: n => env[n] }
    )
    expect(got).toEqual({ 'registry.example': { username: 'me', password } })
  })

  test.each(HOSTILE_PASSWORDS.map(p => [p]))('%j pasted into YAML is read exactly or refused', password => {
    for (const text of [
      `r.example:\n  username: me\n  password: ${password}\n`,
      `r.example:\n  username: me\n  password: "${password}"\n`
    ]) {
      let got: unknown
      try {
        got = parseCredentialsYaml(text, 'c')['r.example']?.password
      } catch (e) {
        expect(e).toBeInstanceOf(CredentialsFileError)
        expect((e as Error).message).not.toContain(password.trim())
        continue
      }
      // Plain YAML cannot hold surrounding spaces at all (the safe forms can); all else must be exact.
      expect(got).toBe(text.includes('"') ? password : password.trim())
    }
  })

  test.each<[string, RegExp]>([
    ['password: ab #cd', /password is followed by a # comment.*password-env/],
    ['password: 0123', /YAML read it as number.*digits become a number.*password-env/],
    ['password: true', /YAML read it as boolean/],
    ['password: "ab\\tcd"', /control character.*\\t is a tab/],
    ['password: "p@ss\\"w\\rd"', /control character/],
    ['password:', /missing password \(empty: is the secret set\?/]
  ])('a mangled %s names the likely cause', (line, want) => {
    expect(() => parseCredentialsYaml(`r.example:\n  username: me\n  ${line}\n`, 'c')).toThrow(want)
  })

  test('both values empty (unset secrets) is skipped with a warning naming the registry', () => {
    const warn = jest.fn<(m: string) => void>()
    const env: Record<string, string> = { HUB_PASSWORD: '' }
    const got = parseCredentialsYaml(
      'docker.io:\n  username:\n  password-env: HUB_PASSWORD\nquay.io: {username: q, password: p}\n',
      'c',
      { env: n => env[n], warn }
    )
    expect(got).toEqual({ 'quay.io': { username: 'q', password: 'p' } })
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^no credentials for docker\.io: anonymous/))
  })

  test.each<[string, RegExp]>([
    ['r.example: {username: me, password: x, password-env: P}', /set password or password-env, not both/],
    ['r.example: {username: me, password-env: "A B"}', /must name an environment variable/],
    ['r.example: {username: me, password-env: 12}', /must name an environment variable/]
  ])('%s is an error', (text, want) => {
    expect(() => parseCredentialsYaml(text, 'c', { env: () => 'x' })).toThrow(want)
  })
})

describe('action inputs', () => {
  test.each(HOSTILE_PASSWORDS.map(p => [p]))(
    'password input %j is taken exactly and masked first',
    password => {
      setInputs({ registry: 'r.example', username: 'me', password })
      const mask = jest.fn<(s: string) => void>()
      expect(readInputs({ mask, warn: () => {} }).credentials).toEqual({
        'r.example': { username: 'me', password }
      })
      expect(mask).toHaveBeenCalledWith(password.trim())
    }
  )

  test('password-env values are masked before anything is parsed, even when the YAML is broken', () => {
    const mask = jest.fn<(s: string) => void>()
    maskCredentialValues('r.example:\n  password-env: ACR_PASSWORD\n  username: [', mask, {
      ACR_PASSWORD: 'ab #cd'
    })
    expect(mask).toHaveBeenCalledWith('ab #cd')
    expect(mask).not.toHaveBeenCalledWith('ACR_PASSWORD')
  })

  test('readInputs resolves password-env from the step environment', () => {
    setInputs({ credentials: 'r.example:\n  username: me\n  password-env: ACR_PASSWORD\n' })
    process.env.ACR_PASSWORD = 'abc: def'
    const mask = jest.fn<(s: string) => void>()
    expect(readInputs({ mask, warn: () => {} }).credentials).toEqual({
      'r.example': { username: 'me', password: 'abc: def' }
    })
    expect(mask).toHaveBeenCalledWith('abc: def')
  })

  test('registry with empty username and password is anonymous with a warning', () => {
    setInputs({ registry: 'ghcr.io' })
    const warn = jest.fn<(m: string) => void>()
    expect(readInputs({ mask: () => {}, warn }).credentials).toEqual({})
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^no credentials for ghcr\.io: anonymous/))
  })

  test.each<[Record<string, string>, RegExp]>([
    [{ username: 'me' }, /Inputs 'username'\/'password': docker\.io: missing password/],
    [{ registry: 'r.example', password: 'x' }, /missing username/],
    [{ registry: 'bad host', username: 'u', password: 'p' }, /Input 'registry': invalid registry host/],
    [
      {
        registry: 'r.example',
        username: 'u',
        password: 'p',
        credentials: 'r.example: {username: a, password: b}'
      },
      /also has an entry in input 'credentials'/
    ]
  ])('%j is an input error', (inputs, want) => {
    setInputs(inputs)
    let err: unknown
    try {
      readInputs({ mask: () => {}, warn: () => {} })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toMatch(want)
  })
})
