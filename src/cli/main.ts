/** The CLI's commands behind one `main(argv)`; src/cli.ts is the executable's entry. */
import { copyCommand } from './copy.js'
import { inspectCommand } from './inspect.js'
import { syncCommand } from './sync.js'
import { tagsCommand } from './tags.js'

const HELP = `mirror-action — mirror container images between registries without Docker

Usage: mirror-action <command> [options]

Commands:
  sync     Mirror every image of a config file   (sync --config FILE [--dry-run] [--state FILE] ...)
  copy     Copy one image                          (copy [--platform P]... SRC DST)
  inspect  Show an image's digest, media type and platforms (inspect [--raw] docker://REF)
  tags     List the tags of a repository           (tags docker://REPO)

Transports: docker://REF, oci:DIR[:REF], docker-archive:FILE[:NAME:TAG], dir:DIR
Common options:
  --credentials FILE   YAML: registry host -> {username, password}
  -h, --help           Show help (mirror-action COMMAND --help for a command's options)

Exit codes: 0 success, 1 an image failed, 2 a config or usage error.
`

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(HELP)
    return 0
  }
  switch (command) {
    case 'sync':
      return syncCommand(rest)
    case 'copy':
      return copyCommand(rest)
    case 'inspect':
      return inspectCommand(rest)
    case 'tags':
      return tagsCommand(rest)
    default:
      process.stderr.write(`mirror-action: unknown command '${command}'\n${HELP}`)
      return 2
  }
}
