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
writeFileSync(join(dir, 'keys', 'other.json'), '{"tlogs": []}\n')
writeFileSync(
  join(dir, 'keys', 'root.json'),
  JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: [] })
)
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
    const policy = (key: string) => ({
      mode: 'enforce',
      keys: [join(dir, 'keys', key)],
      keyless: [],
      trustedRoot: 'auto',
      transparencyLog: 'optional'
    })
    expect(c.images.map(i => i.signatures)).toEqual([policy('vendor.pub'), policy('acme.pub'), undefined])
  })

  test('no signatures key: nothing is verified (default mode off)', () => {
    expect(
      parse('version: 1\nimages:\n  a.example/x:1: reg.example/x\n').images[0]!.signatures
    ).toBeUndefined()
  })

  test.each([
    [
      'an enforcing policy without keys or identities',
      '    verify: { mode: enforce, transparency-log: optional }',
      [
        '3:3: defaults.signatures.verify: mode enforce needs keys (PEM public keys) or keyless identities (issuer and subject)'
      ]
    ],
    [
      'a keyless identity without a subject',
      '    verify: { mode: enforce, keyless: [{ issuer: https://token.example }] }',
      [
        '4:40: defaults.signatures.verify.keyless[0]: needs both issuer (the OIDC issuer URL) and subject (a regular expression)'
      ]
    ],
    [
      'a subject that is no regular expression',
      "    verify: { mode: enforce, keyless: [{ issuer: https://token.example, subject: '^(acme' }] }",
      [
        expect.stringMatching(
          /^4:82: defaults\.signatures\.verify\.keyless\[0\]\.subject: not a regular expression: /
        )
      ]
    ],
    [
      'keyless given as a map, not a list',
      '    verify: { mode: enforce, keyless: { issuer: x, subject: y } }',
      ['4:39: defaults.signatures.verify.keyless: expected a non-empty list of {issuer, subject}, got a map']
    ],
    [
      'a missing trusted root file',
      '    verify: { mode: enforce, keys: [keys/vendor.pub], trusted-root: roots/nope.json }',
      [
        `4:69: defaults.signatures.verify.trusted-root: "roots/nope.json" does not exist (relative paths start at the config file's folder)`
      ]
    ],
    [
      'a trusted root that is some other JSON',
      '    verify: { mode: enforce, keys: [keys/vendor.pub], trusted-root: keys/other.json }',
      [
        '4:69: defaults.signatures.verify.trusted-root: "keys/other.json" is not a Sigstore trusted root (mediaType null); give a trusted_root.json such as `cosign trusted-root create` or the TUF repository writes'
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
    signatures: { verify: { mode: warn } }
`)
    ).toEqual([
      '5:5: images."a.example/one:1".signatures.verify: mode warn needs keys (PEM public keys) or keyless identities (issuer and subject)'
    ])
  })

  test("keyless identities and a trusted root file; an image naming its own signers does not inherit the defaults' identities", () => {
    const c = parse(`version: 1
defaults:
  target: reg.example/mirror
  signatures:
    verify:
      mode: enforce
      keyless:
        - issuer: https://token.actions.githubusercontent.com
          subject: '^https://github\\.com/acme/'
      trusted-root: keys/root.json
images:
  a.example/one:1: ~
  a.example/two:1:
    signatures: { verify: { keys: [keys/acme.pub], transparency-log: optional } }
`)
    const root = { file: join(dir, 'keys', 'root.json') }
    expect(c.images.map(i => i.signatures)).toEqual([
      {
        mode: 'enforce',
        keys: [],
        keyless: [
          { issuer: 'https://token.actions.githubusercontent.com', subject: '^https://github\\.com/acme/' }
        ],
        trustedRoot: root,
        transparencyLog: 'required'
      },
      {
        mode: 'enforce',
        keys: [join(dir, 'keys', 'acme.pub')],
        keyless: [],
        trustedRoot: root,
        transparencyLog: 'optional'
      }
    ])
  })
})
