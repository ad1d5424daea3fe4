/** `mirror-action tags docker://REPO`: one tag per line, all pages. Exit 0, 1 (runtime error), 2 (usage). */
import type { RegistryClient } from '../registry/index.js'
import { parseDockerArg } from './inspect.js'
import { linesFor } from './print.js'
import { cliClient, maxTagsArg, parseRegistryCliArgs, reportError, UsageError } from './registry-cli.js'
import { DEBUG_USAGE, REGISTRY_ACCESS_USAGE, TIMEOUT_USAGE } from './options.js'

const USAGE = `Usage: mirror-action tags [options] docker://REPO

List the tags of a repository, one per line.

Options:
${REGISTRY_ACCESS_USAGE}${TIMEOUT_USAGE}${DEBUG_USAGE}  --max-tags N          Read at most N tags (default 100000); a longer list is an error
  -h, --help            Show this help
`

export async function tagsCommand(argv: string[]): Promise<number> {
  let client: RegistryClient | undefined
  try {
    const { values, positionals, timeouts, debug } = parseRegistryCliArgs(argv, [], ['max-tags'])
    if (values.help) {
      process.stdout.write(USAGE)
      return 0
    }
    if (positionals.length !== 1) throw new UsageError(`expected one repository, got ${positionals.length}`)
    const ref = parseDockerArg(positionals[0]!, 'tags', false)
    if (ref.tag !== undefined || ref.digest !== undefined) {
      throw new UsageError(
        `give a repository without tag or digest, e.g. docker://${ref.registry}/${ref.repository}`
      )
    }
    client = await cliClient({
      values,
      timeouts,
      debug,
      registry: ref.registry,
      maxTags: maxTagsArg(values['max-tags'])
    })
    const tags = await client.tagList(ref.registry, ref.repository)
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(linesFor(process.stdout, tags), e => (e ? reject(e) : resolve()))
    )
    return 0
  } catch (e) {
    return reportError('tags', e)
  } finally {
    await client?.close()
  }
}
