/**
 * `mirror-action verify [--key FILE] [--certificate-identity-regexp RE --certificate-oidc-issuer URL]
 * [--trusted-root FILE] [--insecure-ignore-tlog] docker://REF` (cosign's flag names): resolves the
 * reference to a digest once and checks that digest's signatures (Sigstore bundles among its
 * referrers or in the `sha256-<hex>` tag, legacy `.sig` tags). Exit 0 verified, 1 not (the reason on
 * stderr), 2 usage.
 */
import type { RegistryClient } from '../registry/index.js'
import { formatRepository } from '../oci/index.js'
import { SignatureVerifier } from '../signatures/index.js'
import { parseDockerArg } from './inspect.js'
import { writeLines } from './print.js'
import { cliClient, parseRegistryCliArgs, reportError, UsageError } from './registry-cli.js'
import { DEBUG_USAGE, REGISTRY_ACCESS_USAGE, TIMEOUT_USAGE } from './options.js'
import { sigstoreCacheDir } from './sigstore-cache.js'
import { policyFromFlags, verifyFlags, verifyUsage } from './verify-flags.js'

const USAGE = `Usage: mirror-action verify [options] docker://REF

Check that an image is signed: a Sigstore bundle (cosign v3) among its referrers or in its
sha256-<hex> tag, or a legacy cosign signature in its sha256-<hex>.sig tag, verifying under a
key or a keyless identity. A multi-platform image passes when its index is signed, or when every
platform is. Prints what accepted it; exits 1 with the reason when nothing does.

Options:
${verifyUsage('key')}${REGISTRY_ACCESS_USAGE}${TIMEOUT_USAGE}${DEBUG_USAGE}  -h, --help                    Show this help
`

export async function verifyCommand(argv: string[]): Promise<number> {
  let client: RegistryClient | undefined
  try {
    const { values, positionals, timeouts, debug } = parseRegistryCliArgs(argv, [], [], verifyFlags('key'))
    if (values.help) {
      process.stdout.write(USAGE)
      return 0
    }
    if (positionals.length !== 1)
      throw new UsageError(`expected one image reference, got ${positionals.length}`)
    const ref = parseDockerArg(positionals[0]!, 'verify', true)
    const policy = policyFromFlags(values, 'key')
    if (!policy)
      throw new UsageError(
        'give --key FILE or --certificate-identity-regexp RE --certificate-oidc-issuer URL'
      )
    client = await cliClient({ values, registry: ref.registry, timeouts, debug })
    const digest =
      ref.digest ?? (await client.manifestHead(ref))?.digest ?? (await client.manifestGet(ref)).digest
    const name = `${formatRepository(ref.registry, ref.repository)}@${digest}`
    const v = await new SignatureVerifier(client, {
      tufCacheDir: sigstoreCacheDir(values['sigstore-cache'] as string | undefined)
    }).verifyImage(ref.registry, ref.repository, digest, policy, 'all')
    if (!v.verified) {
      writeLines(process.stderr, `mirror-action verify: ${name}: unverified: ${v.reason}`)
      return 1
    }
    writeLines(process.stdout, `Verified OK: ${name}: ${v.by}`)
    return 0
  } catch (e) {
    return reportError('verify', e)
  } finally {
    await client?.close()
  }
}
