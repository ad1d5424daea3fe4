/**
 * `mirror-action copy [options] SRC DST`: one image (all platforms by default) between any two
 * transports. Exit 0 on success, 1 when the copy fails, 2 on a usage error.
 */
import { writeFile } from 'node:fs/promises'
import { CopyEngine } from '../copy/index.js'
import { RegistryClient } from '../registry/index.js'
import { createSigner, SignatureVerifier, type MirrorSigner } from '../signatures/index.js'
import { registryKey } from '../oci/index.js'
import {
  cleanUpFailedCopy,
  destinationExists,
  formatTransportRef,
  openDestination,
  openSource,
  type TransportRef
} from '../transports/index.js'
import { COPY_USAGE, parseCopyArgs, sourceTag, type ParsedCopyArgs } from './copy-args.js'
import { CopyReporter } from './copy-output.js'
import { writeLines } from './print.js'
import { loadCliCredentials, UsageError } from './options.js'

export { parseCopyArgs, resolveDestination, type ParsedCopyArgs } from './copy-args.js'

/** The tag to write, or undefined to write by digest only (`dir:` holds one image, untagged). */
export function destinationTag(src: TransportRef, dst: TransportRef): string | undefined {
  switch (dst.transport) {
    case 'docker':
      return dst.ref.tag
    case 'oci':
    case 'docker-archive':
      return dst.ref ?? sourceTag(src)
    default:
      return undefined
  }
}

type Clients = { src: RegistryClient; dst: RegistryClient; close(): Promise<void> }

/**
 * The registry clients of a copy: one, unless the two sides name the same registry with different
 * credentials (`--src-creds` and `--dest-creds` for one host), where each side needs its own.
 */
async function clientsFor(p: ParsedCopyArgs): Promise<Clients> {
  const warn = (m: string): void => writeLines(process.stderr, `warning: ${m}`)
  const make = async (flags: ParsedCopyArgs['srcCreds']): Promise<RegistryClient> =>
    new RegistryClient({
      credentials: await loadCliCredentials(
        { file: p.credentialsFile, authfile: p.authfile, flags: flags.flags, anonymous: flags.anonymous },
        warn
      ),
      registries: p.registries,
      retry: p.retryAttempts === undefined ? undefined : { attempts: p.retryAttempts },
      timeouts: p.timeouts,
      debug: p.debug,
      warn
    })
  const sideOf = (f: ParsedCopyArgs['srcCreds'], host: string) =>
    JSON.stringify([f.flags[host] ?? null, f.anonymous.includes(host)])
  const host = hostsNamed(p.src).find(h => hostsNamed(p.dst).includes(h))
  if (host !== undefined && sideOf(p.srcCreds, host) !== sideOf(p.dstCreds, host)) {
    const [src, dst] = [await make(p.srcCreds), await make(p.dstCreds)]
    return { src, dst, close: async () => void (await Promise.all([src.close(), dst.close()])) }
  }
  const flags = { ...p.srcCreds.flags, ...p.dstCreds.flags }
  const anonymous = [...p.srcCreds.anonymous, ...p.dstCreds.anonymous].filter(h => !(h in flags))
  const client = await make({ flags, anonymous })
  return { src: client, dst: client, close: () => client.close() }
}

const hostsNamed = (r: TransportRef): string[] =>
  r.transport === 'docker' ? [registryKey(r.ref.registry)] : []

export async function copyCommand(args: string[]): Promise<number> {
  let parsed: ParsedCopyArgs | 'help'
  let clients: Clients
  let signer: MirrorSigner | undefined
  try {
    parsed = parseCopyArgs(args)
    if (parsed === 'help') {
      process.stdout.write(COPY_USAGE)
      return 0
    }
    for (const d of parsed.deprecations) writeLines(process.stderr, `warning: ${d}`)
    clients = await clientsFor(parsed)
    // The key is opened before anything is copied: a wrong password writes nothing.
    if (parsed.sign && !parsed.dryRun)
      signer = await createSigner(clients.dst, [parsed.sign], { env: name => process.env[name] })
  } catch (e) {
    writeLines(process.stderr, `mirror-action copy: ${(e as Error).message}`)
    if (e instanceof UsageError) {
      process.stderr.write(`Run 'mirror-action copy --help' for usage.\n`)
    }
    return 2
  }
  const { dst: dstRef, options } = parsed
  let srcRef = parsed.src
  const reporter = new CopyReporter(process.stderr, { quiet: parsed.quiet })
  const engine = new CopyEngine({ ...options, retry: clients.dst.retryPolicy })
  const platform = options.platforms === 'all' ? undefined : options.platforms
  // A failed or interrupted copy removes what it leaves in an oci: layout (temp files, a layout it
  // created that names no image) and says so.
  const existed = destinationExists(dstRef)
  const cleanUp = (): void => {
    const note = parsed.dryRun ? undefined : cleanUpFailedCopy(dstRef, existed)
    if (note) writeLines(process.stderr, `mirror-action copy: ${note}`)
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    cleanUp()
    process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    if (parsed.verify && srcRef.transport === 'docker') {
      // Resolve once, verify that digest, copy exactly it: a tag moved in between changes nothing.
      const r = srcRef.ref
      const digest =
        r.digest ?? (await clients.src.manifestHead(r))?.digest ?? (await clients.src.manifestGet(r)).digest
      const v = await new SignatureVerifier(clients.src, { tufCacheDir: parsed.sigstoreCache }).verifyImage(
        r.registry,
        r.repository,
        digest,
        parsed.verify,
        options.platforms ?? 'all'
      )
      if (!v.verified) {
        writeLines(
          process.stderr,
          `mirror-action copy: ${formatTransportRef(srcRef)} (${digest}): unverified: ${v.reason}`
        )
        return 1
      }
      if (!parsed.quiet) writeLines(process.stderr, `Verified ${digest}: ${v.by}`)
      srcRef = { ...srcRef, ref: { ...r, digest } }
    }
    const src = await openSource(srcRef, { client: clients.src, platform })
    try {
      if (parsed.dryRun) {
        const d = await src.resolve()
        writeLines(
          process.stdout,
          `dry run: would copy ${src.name} (${d.digest}) to ${formatTransportRef(dstRef)}; nothing written`
        )
        return 0
      }
      const dst = await openDestination(dstRef, { client: clients.dst })
      try {
        const hooks = reporter.hooks(dst.name, `copying ${src.name} to ${dst.name}`)
        const result = await engine.copy(src, dst, destinationTag(srcRef, dstRef), hooks)
        reporter.finish()
        // skopeo writes the bare digest, no newline: scripts read the file as is.
        if (parsed.digestFile) await writeFile(parsed.digestFile, result.digest)
        writeLines(process.stdout, ...reporter.summary(src.name, dst.name, result).trimEnd().split('\n'))
        if (signer && parsed.sign && dstRef.transport === 'docker') {
          const { registry, repository } = dstRef.ref
          try {
            const written = await signer.sign(parsed.sign, { registry, repository, digest: result.digest })
            const lines = written.map(w => `Signed (${w.format}): ${w.where}`)
            writeLines(process.stdout, ...(lines.length ? lines : [`Already signed: ${result.digest}`]))
          } catch (e) {
            writeLines(
              process.stderr,
              `mirror-action copy: copied, but signing failed: ${(e as Error).message}`
            )
            return 1
          }
        }
        return 0
      } finally {
        await dst.close()
      }
    } finally {
      await src.close()
    }
  } catch (e) {
    reporter.finish()
    // CopyError messages already start with the side and the ref ('source docker://…: …').
    writeLines(process.stderr, `mirror-action copy: failed: ${(e as Error).message}`)
    cleanUp()
    return 1
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await clients.close()
  }
}
