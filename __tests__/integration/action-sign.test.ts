// The bundled action signs what it mirrors: keyless with the runner's OIDC token request
// (ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN, read by the action's context and passed down) against the
// harness's stand-in issuer, Fulcio and Rekor; and with an encrypted key and its password from the
// step's environment. Every secret is masked before it could be printed, and printed nowhere else.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import {
  buildImage,
  encryptedCosignKey,
  generateTestKey,
  pushImage,
  removeTempDir,
  startRegistry,
  startSigstoreStandIns,
  type SigstoreStandIns,
  type StartedRegistry
} from '../harness/index.js'
import { buildAction, runAction, workspace } from './action-helpers.js'
import { bundleReferrers, legacyLayers } from './sign-helpers.js'

jest.setTimeout(300_000)

let reg: StartedRegistry
let s: SigstoreStandIns
let entry: string
let bundleDir: string
let digest: string

beforeAll(async () => {
  const [built, r, st] = await Promise.all([
    buildAction(),
    startRegistry({ mode: 'anonymous' }),
    startSigstoreStandIns()
  ])
  ;({ entry, dir: bundleDir } = built)
  reg = r
  s = st
  digest = await pushImage(reg, 'lib/app', 'v1', buildImage({ seed: 'action-sign' }))
})

afterAll(async () => {
  await Promise.all([reg?.stop(), s?.stop()])
  if (bundleDir) removeTempDir(bundleDir)
})

/** Lines other than `::add-mask::` commands: what the log would show. */
const shown = (out: string) =>
  out
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n')

describe('the action signs the mirror', () => {
  test('keyless: the OIDC token request is masked, the certificate and Rekor entry land in the target, the summary lists them', async () => {
    const ws = workspace()
    try {
      const r = await runAction(
        entry,
        ws,
        {
          images: `version: 1
defaults:
  signatures:
    sign: { keyless: true, fulcio-url: "${s.fulcioUrl}", rekor-url: "${s.rekorUrl}" }
images:
  ${reg.host}/lib/app:v1: ${reg.host}/kl/app:v1
`
        },
        { ACTIONS_ID_TOKEN_REQUEST_URL: s.oidc.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: s.oidc.token }
      )
      expect([r.code, r.stderr]).toEqual([0, ''])
      expect(r.stdout).toContain(`::add-mask::${s.oidc.token}`)
      for (const t of s.tokens) expect(r.stdout).toContain(`::add-mask::${t}`)
      for (const secret of [s.oidc.token, ...s.tokens])
        expect(shown(r.stdout) + r.summary).not.toContain(secret)
      expect(r.summary).toMatch(/1 signature written/)
      expect(r.summary).toContain(`bundle: <code>${reg.host}/kl/app@sha256:`)
      const [b] = (await bundleReferrers(reg, 'kl/app', digest))!
      expect(b!.bundle.verificationMaterial.certificate?.rawBytes).toEqual(expect.any(String))
      expect(b!.bundle.verificationMaterial.tlogEntries).toHaveLength(1)
    } finally {
      ws.remove()
    }
  })

  test('keyed: an encrypted key and its password from the environment, both masked', async () => {
    const ws = workspace()
    const key = generateTestKey('p256')
    const pem = encryptedCosignKey(key.privateKey, 'pa ss')
    try {
      const r = await runAction(
        entry,
        ws,
        {
          images: `version: 1
defaults:
  signatures:
    sign: { key: env:MIRROR_COSIGN_KEY, password: env:MIRROR_COSIGN_PASSWORD, format: legacy }
images:
  ${reg.host}/lib/app:v1: ${reg.host}/keyed/app:v1
`
        },
        { MIRROR_COSIGN_KEY: pem, MIRROR_COSIGN_PASSWORD: 'pa ss' }
      )
      expect([r.code, r.stderr]).toEqual([0, ''])
      expect(r.stdout).toContain('::add-mask::pa ss')
      expect(r.stdout).toContain(`::add-mask::${pem.split('\n')[1]}`)
      expect(shown(r.stdout) + r.summary).not.toContain('pa ss')
      expect(r.summary).toContain(
        `legacy: <code>${reg.host}/keyed/app:${digest.replace(':', '-')}.sig</code>`
      )
      expect(await legacyLayers(reg, 'keyed/app', digest)).toHaveLength(1)
    } finally {
      ws.remove()
    }
  })
})
