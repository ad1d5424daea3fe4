/** `signatures.sign` in the config: a key (file or env:VAR) or keyless, the format, per-image overrides, refusals. */
import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigErrors, parseConfig, type MirrorConfig } from '../../src/config/index.js'
import { encryptedCosignKey, generateTestKey } from '../harness/index.js'

const dir = mkdtempSync(join(tmpdir(), 'config-sign-'))
mkdirSync(join(dir, 'keys'))
const k = generateTestKey('p256')
writeFileSync(
  join(dir, 'keys', 'cosign.key'),
  encryptedCosignKey(k.privateKey, 'pw', { N: 1024, r: 8, p: 1 })
)
writeFileSync(join(dir, 'keys', 'plain.key'), k.privatePem)
writeFileSync(join(dir, 'keys', 'cosign.pub'), k.publicPem)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const FILE = join(dir, 'mirror.yaml')
const parse = (yaml: string): MirrorConfig => parseConfig(yaml, FILE)
function errorsOf(yaml: string): string[] {
  try {
    parse(yaml)
  } catch (e) {
    if (e instanceof ConfigErrors) return e.errors.map(x => `${x.line}:${x.col}: ${x.text}`)
    throw e
  }
  return []
}
const withSign = (sign: string, images = '  a.example/one:1: ~\n') => `version: 1
defaults:
  target: reg.example/mirror
  signatures:
    sign: ${sign}
images:
${images}`

describe('signatures.sign', () => {
  test('defaults apply to every image; an image overrides the format, the signer, or opts out', () => {
    const c = parse(
      withSign(
        '{ key: keys/cosign.key, password: env:MIRROR_PW }',
        `  a.example/one:1: ~
  a.example/two:1:
    signatures: { sign: { format: legacy } }
  a.example/three:1:
    signatures: { sign: { keyless: true, rekor-url: "http://127.0.0.1:9/" } }
  a.example/four:1:
    signatures: { sign: false }
`
      )
    )
    const at = `${FILE}:5:5`
    expect(c.images.map(i => i.sign)).toEqual([
      { key: { file: join(dir, 'keys', 'cosign.key') }, passwordEnv: 'MIRROR_PW', format: 'bundle', at },
      {
        key: { file: join(dir, 'keys', 'cosign.key') },
        passwordEnv: 'MIRROR_PW',
        format: 'legacy',
        at: `${FILE}:9:19`
      },
      {
        keyless: { fulcioUrl: 'https://fulcio.sigstore.dev', rekorUrl: 'http://127.0.0.1:9' },
        passwordEnv: 'MIRROR_PW',
        format: 'bundle',
        at: `${FILE}:11:19`
      },
      undefined
    ])
  })

  test('a key from the environment; the password variable defaults to COSIGN_PASSWORD; an unencrypted key file is accepted', () => {
    expect(parse(withSign('{ key: env:MIRROR_KEY, format: both }')).images[0]!.sign).toMatchObject({
      key: { env: 'MIRROR_KEY' },
      passwordEnv: 'COSIGN_PASSWORD',
      format: 'both'
    })
    expect(parse(withSign('{ key: keys/plain.key }')).images[0]!.sign?.key).toEqual({
      file: join(dir, 'keys', 'plain.key')
    })
  })

  test('no sign key: nothing is signed', () => {
    expect(parse('version: 1\nimages:\n  a.example/x:1: reg.example/x\n').images[0]!.sign).toBeUndefined()
  })

  test.each([
    [
      'neither key nor keyless',
      '{ format: both }',
      [
        '5:5: defaults.signatures.sign: needs key (a cosign private key file or env:VARIABLE) or keyless: true'
      ]
    ],
    [
      'both key and keyless',
      '{ key: keys/cosign.key, keyless: true }',
      ['5:35: defaults.signatures.sign: key and keyless: true exclude each other; choose one']
    ],
    [
      'a password written into the config',
      '{ key: keys/cosign.key, password: hunter2 }',
      [
        '5:45: defaults.signatures.sign.password: expected env:VARIABLE (the password is read from the environment, never from the config)'
      ]
    ],
    [
      'a public key given to sign with',
      '{ key: keys/cosign.pub }',
      [
        '5:18: defaults.signatures.sign.key: "keys/cosign.pub" is not a private key (expected a cosign key from cosign generate-key-pair, or a PKCS#8 PEM private key)'
      ]
    ],
    [
      'a missing key file',
      '{ key: keys/nope.key }',
      [
        `5:18: defaults.signatures.sign.key: "keys/nope.key" does not exist (relative paths start at the config file's folder)`
      ]
    ],
    [
      'a bad variable name',
      '{ key: "env:1X" }',
      ['5:18: defaults.signatures.sign.key: "env:1X" is not env:VARIABLE with a valid variable name']
    ],
    [
      'an unknown format',
      '{ key: keys/cosign.key, format: cosign }',
      ['5:43: defaults.signatures.sign.format: expected bundle, legacy, both, got a string ("cosign")']
    ],
    [
      'an unknown key',
      '{ key: keys/cosign.key, formats: both }',
      [
        expect.stringMatching(
          /^5:35: unknown key "formats" in defaults\.signatures\.sign \(did you mean "format"\?\)/
        )
      ]
    ],
    [
      'sign: true',
      'true',
      ['5:11: defaults.signatures.sign: expected a map (key or keyless, format) or false, got true']
    ],
    [
      'a URL that is not one',
      '{ keyless: true, fulcio-url: fulcio.example }',
      ['5:40: defaults.signatures.sign.fulcio-url: expected an http(s) URL, got "fulcio.example"']
    ]
  ])('refused: %s (one error, however many images inherit it)', (_name, sign, expected) => {
    expect(errorsOf(withSign(sign, '  a.example/one:1: ~\n  a.example/two:1: ~\n'))).toEqual(expected)
  })
})
