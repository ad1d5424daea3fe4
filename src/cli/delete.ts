/**
 * `mirror-action delete docker://REF`, as skopeo's: by digest it deletes the manifest (and every tag
 * on it); by tag it untags where the registry can (OCI 1.1), and otherwise deletes the tag's
 * manifest only when no other tag points at it, unless `--force`. Exit 0, 1 (refused or failed), 2 (usage).
 */
import { deleteRefusal, tagDigests, type RegistryClient } from '../registry/index.js'
import { formatReference } from '../oci/index.js'
import { parseDockerArg } from './inspect.js'
import { writeLines } from './print.js'
import { cliClient, parseRegistryCliArgs, reportError, UsageError } from './registry-cli.js'
import { DEBUG_USAGE, REGISTRY_ACCESS_USAGE, TIMEOUT_USAGE } from './options.js'

const USAGE = `Usage: mirror-action delete [options] docker://REF

Delete an image from a registry. By digest (docker://HOST/REPO@sha256:...), the manifest goes, and
with it every tag that points at it. By tag, only that tag goes: where the registry cannot delete a
tag alone (distribution 2.x), its manifest is deleted by digest, which is refused when other tags
point at the same digest (they are named) unless --force.

Options:
${REGISTRY_ACCESS_USAGE}${TIMEOUT_USAGE}${DEBUG_USAGE}  --force               Delete the tag's manifest even when other tags point at it (they go too)
  -h, --help            Show this help
`

export async function deleteCommand(argv: string[]): Promise<number> {
  let client: RegistryClient | undefined
  try {
    const { values, positionals, timeouts, debug } = parseRegistryCliArgs(argv, ['force'])
    if (values.help) {
      process.stdout.write(USAGE)
      return 0
    }
    if (positionals.length !== 1) throw new UsageError(`expected one image, got ${positionals.length}`)
    const ref = parseDockerArg(positionals[0]!, 'delete', false)
    if (ref.tag === undefined && ref.digest === undefined)
      throw new UsageError(
        `give a tag or a digest: docker://${ref.registry}/${ref.repository}:TAG or @sha256:...`
      )
    client = await cliClient({ values, timeouts, debug, registry: ref.registry })
    const { registry, repository } = ref
    const c = client
    const say = (m: string): void => writeLines(process.stdout, m)
    try {
      if (ref.digest !== undefined) {
        await c.manifestDelete({ registry, repository, digest: ref.digest })
        say(`deleted ${formatReference(ref)}`)
        return 0
      }
      const tag = ref.tag!
      const head = await c.manifestHead({ registry, repository, tag })
      if (!head) throw new Error(`not found: ${formatReference(ref)}`)
      if ((await c.tagDelete(registry, repository, tag)) === 'deleted') {
        say(`deleted tag ${formatReference(ref)}`)
        return 0
      }
      const others = ((await tagDigests(c, registry, repository)).get(head.digest) ?? []).filter(
        t => t !== tag
      )
      if (others.length > 0 && values.force !== true) {
        const list = others.map(t => `"${t}"`).join(', ')
        throw new Error(
          `${formatReference(ref)}: the registry cannot delete a tag alone, and its manifest ${head.digest} is also ` +
            `tagged ${list}; deleting it would delete those too. Nothing was deleted (--force deletes them all)`
        )
      }
      await c.manifestDelete({ registry, repository, digest: head.digest })
      const also = others.length ? ` and tag(s) ${others.join(', ')}` : ''
      say(`deleted ${formatReference(ref)} (manifest ${head.digest}${also})`)
      return 0
    } catch (e) {
      const why = deleteRefusal(e)
      if (why) throw new Error(`${formatReference(ref)}: not deleted: the registry refuses deletes: ${why}`)
      throw e
    }
  } catch (e) {
    return reportError('delete', e)
  } finally {
    await client?.close()
  }
}
