/** cosign's verification flags on `verify` and `copy`: the policy they make, and the usage errors. */
import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseCopyArgs, policyFromFlags, UsageError } from '../../src/cli/index.js'
import { generateTestKey } from '../harness/index.js'

const dir = mkdtempSync(join(tmpdir(), 'cli-verify-flags-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const key = generateTestKey('p256')
const pub = join(dir, 'k.pub')
const priv = join(dir, 'k.key')
const root = join(dir, 'root.json')
writeFileSync(pub, key.publicPem)
writeFileSync(priv, key.privatePem)
writeFileSync(root, '{}')

describe('policyFromFlags', () => {
  test('keyed, keyless, trusted root, ignoring the log', () => {
    expect(
      policyFromFlags(
        {
          key: [pub],
          'certificate-identity-regexp': '^https://github\\.com/acme/',
          'certificate-oidc-issuer': 'https://token.actions.githubusercontent.com',
          'trusted-root': root,
          'insecure-ignore-tlog': true
        },
        'key'
      )
    ).toEqual({
      mode: 'enforce',
      keys: [pub],
      keyless: [
        { issuer: 'https://token.actions.githubusercontent.com', subject: '^https://github\\.com/acme/' }
      ],
      trustedRoot: { file: root },
      transparencyLog: 'optional'
    })
  })

  test('no flag: no policy; a key alone: the log required, the public-good root', () => {
    expect(policyFromFlags({}, 'key')).toBeUndefined()
    expect(policyFromFlags({ 'verify-key': [pub] }, 'verify-key')).toMatchObject({
      trustedRoot: 'auto',
      transparencyLog: 'required',
      keyless: []
    })
  })

  test.each([
    [{ 'certificate-identity-regexp': 'x' }, /go together: give both/],
    [{ 'certificate-oidc-issuer': 'https://x' }, /go together: give both/],
    [
      { 'certificate-identity-regexp': '(', 'certificate-oidc-issuer': 'https://x' },
      /^--certificate-identity-regexp: /
    ],
    [{ key: [priv] }, /is a private key; give the public key/],
    [{ key: [join(dir, 'nope.pub')] }, /does not exist/],
    [{ key: [root] }, /is not a PEM public key/],
    [{ key: [pub], 'trusted-root': join(dir, 'nope.json') }, /--trusted-root: .* does not exist/],
    [{ 'insecure-ignore-tlog': true }, /--insecure-ignore-tlog needs --key or --certificate-identity-regexp/]
  ])('%j is a usage error', (flags, message) => {
    expect(() => policyFromFlags(flags, 'key')).toThrow(UsageError)
    expect(() => policyFromFlags(flags, 'key')).toThrow(message)
  })
})

describe('copy --verify-key', () => {
  test('reads the policy into the parsed arguments', () => {
    const p = parseCopyArgs(['--verify-key', pub, 'docker://a.example/x:1', 'docker://b.example/x:1'])
    expect(p !== 'help' && p.verify?.keys).toEqual([pub])
  })
  test('refused for a source that is not a registry', () => {
    expect(() => parseCopyArgs(['--verify-key', pub, `oci:${dir}:x`, 'docker://b.example/x:1'])).toThrow(
      'signature verification reads a registry: give a docker:// source'
    )
  })
})
