/**
 * The keyless images of the keyless signature tests, pushed to a real registry as `kl/<case>:1`:
 * certificates from a private CA (the harness's TestSigstore standing in for Fulcio), log entries
 * signed by its log key (standing in for Rekor), and a trusted_root.json listing both in `dir`.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  buildImage,
  bundleReferrerImage,
  cosignSignatureImage,
  inTotoStatement,
  keylessBundle,
  keylessLegacy,
  makeTestSigstore,
  pushImage,
  simpleSigningPayload,
  type BuiltImage,
  type BuiltManifest,
  type KeylessSigner,
  type StartedRegistry
} from '../harness/index.js'

export const ISSUER = 'https://token.actions.example'
export const GOOD = 'https://git.example/acme/app/.github/workflows/release.yml@refs/tags/v1'

/**
 * bundle, legacy: valid; mismatch: another subject; untrusted: another CA; notlog: no log entry;
 * every: an unsigned index whose platforms are all signed; partly: one platform unsigned.
 */
export async function pushKeylessCases(src: StartedRegistry, dir: string) {
  const digests: Record<string, string> = {}
  const ts = await makeTestSigstore()
  const subjectOf = (m: BuiltManifest) => ({ digest: m.digest, size: m.bytes.length, mediaType: m.mediaType })
  const bundleFor = (m: BuiltManifest, s: KeylessSigner, o: { tlog?: boolean } = {}, t = ts) =>
    bundleReferrerImage(subjectOf(m), keylessBundle(t, inTotoStatement(m.digest), s, o))

  async function push(
    name: string,
    image: BuiltImage,
    sigs: { subject: BuiltManifest; image: BuiltImage }[]
  ) {
    digests[name] = await pushImage(src, `kl/${name}`, '1', image)
    for (const s of sigs) {
      const legacy = !JSON.parse(s.image.manifest.bytes.toString()).subject
      await pushImage(
        src,
        `kl/${name}`,
        legacy ? `${s.subject.digest.replace(':', '-')}.sig` : undefined,
        s.image
      )
    }
  }

  const stranger = await makeTestSigstore({ name: 'stranger' })
  writeFileSync(join(dir, 'trusted_root.json'), JSON.stringify(ts.trustedRoot))
  const signer = await ts.issue({ issuer: ISSUER, subject: GOOD })
  const evil = await ts.issue({
    issuer: ISSUER,
    subject: 'https://git.example/evil/app/.github/workflows/x.yml@refs/heads/main'
  })
  const foreign = await stranger.issue({ issuer: ISSUER, subject: GOOD })
  const img = (n: string, platforms?: string[]) => buildImage({ seed: `kl-${n}`, platforms })

  const bundle = img('bundle')
  await push('bundle', bundle, [{ subject: bundle.manifest, image: bundleFor(bundle.manifest, signer) }])
  const legacy = img('legacy')
  const l = keylessLegacy(ts, simpleSigningPayload(legacy.manifest.digest), signer)
  await push('legacy', legacy, [{ subject: legacy.manifest, image: cosignSignatureImage([l]) }])
  const mismatch = img('mismatch')
  await push('mismatch', mismatch, [
    { subject: mismatch.manifest, image: bundleFor(mismatch.manifest, evil) }
  ])
  const untrusted = img('untrusted')
  await push('untrusted', untrusted, [
    { subject: untrusted.manifest, image: bundleFor(untrusted.manifest, foreign, {}, stranger) }
  ])
  const notlog = img('notlog')
  await push('notlog', notlog, [
    { subject: notlog.manifest, image: bundleFor(notlog.manifest, signer, { tlog: false }) }
  ])
  // Multi-platform images whose index is not signed: every platform signed, or all but one.
  const every = img('every', ['linux/amd64', 'linux/arm64'])
  await push(
    'every',
    every,
    every.children.slice(0, 2).map(c => ({ subject: c, image: bundleFor(c, signer) }))
  )
  const partly = img('partly', ['linux/amd64', 'linux/arm64'])
  await push('partly', partly, [
    { subject: partly.children[0]!, image: bundleFor(partly.children[0]!, signer) }
  ])
  return { digests, ts, signer }
}

/** A config verifying `names` from `src` into `dst/<prefix>/`, against the private root in the config's folder. */
export function keylessYaml(src: StartedRegistry, dst: StartedRegistry) {
  return (prefix: string, names: string[], extra = '') => `version: 1
defaults:
  signatures:
    verify:
      mode: enforce
      keyless:
        - issuer: ${ISSUER}
          subject: '^https://git\\.example/acme/app/\\.github/workflows/release\\.yml@refs/tags/v'
      trusted-root: trusted_root.json
${extra}images:
${names.map(n => `  ${src.host}/kl/${n}:1: ${dst.host}/${prefix}/${n}:1`).join('\n')}
`
}
