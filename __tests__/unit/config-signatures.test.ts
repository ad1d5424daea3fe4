/** `signatures.verify` in the config: keyed policies merge per image; what is not implemented is refused by name. */
import { afterAll, describe, expect, test } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigErrors, parseConfig, type MirrorConfig } from '../../src/config/index.js'
import { generateTestKey } from '../harness/index.js'

const dir = mkdtempSync(join(tmpdir(), 'config-signatures-'))
mkdirSync(join(dir, 'keys'))
const vendor = generateTestKey('p256')
writeFileSync(join(dir, 'keys', 'vendor.pub'), vendor.publicPem)
writeFileSync(join(dir, 'keys', 'acme.pub'), generateTestKey('ed25519').publicPem)
writeFileSync(join(dir, 'keys', 'vendor.key'), vendor.privatePem)
writeFileSync(join(dir, 'keys', 'garbage.pub'), 'not a key\n')
const p521 = generateKeyPairSync('ec', { namedCurve: 'secp521r1' }).publicKey
writeFileSync(join(dir, 'keys', 'p521.pub'), p521.export({ type: 'spki', format: 'pem' }).toString())
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

describe('signatures.verify', () => {
  test('defaults apply to every image; key paths start at the config file; an image overrides keys only', () => {
    const c = parse(`version: 1
defaults:
  target: reg.example/mirror
  signatures:
    verify: { mode: enforce, keys: [keys/vendor.pub], transparency-log: optional }
images:
  a.example/one:1: ~
  a.example/two:1:
    signatures: { verify: { keys: [keys/acme.pub] } }
  a.example/three:1:
    signatures: { verify: { mode: off } }
`)
    expect(c.images.map(i => i.signatures)).toEqual([
      { mode: 'enforce', keys: [join(dir, 'keys', 'vendor.pub')], transparencyLog: 'optional' },
      { mode: 'enforce', keys: [join(dir, 'keys', 'acme.pub')], transparencyLog: 'optional' },
      undefined
    ])
  })

  test('no signatures key: nothing is verified (default mode off)', () => {
    expect(
      parse('version: 1\nimages:\n  a.example/x:1: reg.example/x\n').images[0]!.signatures
    ).toBeUndefined()
  })

  test.each([
    [
      'transparency-log left at its default (required) is refused: no proof is checked yet',
      '    verify: { mode: enforce, keys: [keys/vendor.pub] }',
      [
        '3:3: defaults.signatures.verify: transparency-log proofs are not verified yet, so transparency-log: required cannot be honoured; set transparency-log: optional to verify with keys alone'
      ]
    ],
    [
      'keyless identities are not supported yet',
      '    verify: { mode: enforce, keys: [keys/vendor.pub], transparency-log: optional, keyless: [{ issuer: x, subject: y }] }',
      [
        '4:83: defaults.signatures.verify.keyless: keyless verification (certificates, Fulcio, Rekor, trusted roots) is not supported yet; verify with keys'
      ]
    ],
    [
      'a trusted root is keyless material, not supported yet',
      '    verify: { mode: warn, keys: [keys/vendor.pub], transparency-log: optional, trusted-root: auto }',
      [
        '4:80: defaults.signatures.verify.trusted-root: keyless verification (certificates, Fulcio, Rekor, trusted roots) is not supported yet; verify with keys'
      ]
    ],
    [
      'an enforcing policy without keys',
      '    verify: { mode: enforce, transparency-log: optional }',
      [
        '3:3: defaults.signatures.verify: mode enforce needs keys (PEM public keys); keyless verification is not supported yet'
      ]
    ],
    [
      'a missing key file',
      '    verify: { mode: enforce, keys: [keys/nope.pub], transparency-log: optional }',
      [
        `4:37: defaults.signatures.verify.keys: "keys/nope.pub" does not exist (relative paths start at the config file's folder)`
      ]
    ],
    [
      'a private key',
      '    verify: { mode: enforce, keys: [keys/vendor.key], transparency-log: optional }',
      [
        '4:37: defaults.signatures.verify.keys: "keys/vendor.key" is a private key; give the public key (cosign public-key --key … > key.pub)'
      ]
    ],
    [
      'a file that is no key',
      '    verify: { mode: enforce, keys: [keys/garbage.pub], transparency-log: optional }',
      [
        expect.stringMatching(
          /^4:37: defaults\.signatures\.verify\.keys: "keys\/garbage\.pub" is not a PEM public key: /
        )
      ]
    ],
    [
      'a key type cosign keys do not use here',
      '    verify: { mode: enforce, keys: [keys/p521.pub], transparency-log: optional }',
      [
        '4:37: defaults.signatures.verify.keys: "keys/p521.pub" is a ECDSA secp521r1 key; supported: ECDSA P-256 or P-384, Ed25519, RSA'
      ]
    ],
    [
      'an unknown mode',
      '    verify: { mode: strict, keys: [keys/vendor.pub], transparency-log: optional }',
      ['4:21: defaults.signatures.verify.mode: expected enforce, warn, off, got a string ("strict")']
    ]
  ])('%s', (_name, verify, expected) => {
    const yaml = `version: 1
defaults:
  signatures:
${verify}
  target: reg.example/mirror
images:
  a.example/one:1: ~
  a.example/two:1: ~
`
    // One error however many images inherit the defaults.
    expect(errorsOf(yaml)).toEqual(expected)
  })

  test("an image's own incomplete policy is reported at the image", () => {
    expect(
      errorsOf(`version: 1
images:
  a.example/one:1:
    target: reg.example/one
    signatures: { verify: { mode: warn, keys: [keys/vendor.pub] } }
`)
    ).toEqual([
      '5:5: images."a.example/one:1".signatures.verify: transparency-log proofs are not verified yet, so transparency-log: required cannot be honoured; set transparency-log: optional to verify with keys alone'
    ])
  })
})
