/** The CLI's commands behind one `main(argv)`; src/cli.ts is the executable's entry. */
import { copyCommand } from './copy.js'
import { deleteCommand } from './delete.js'
import { inspectCommand } from './inspect.js'
import { syncCommand } from './sync.js'
import { tagsCommand } from './tags.js'
import { verifyCommand } from './verify.js'
import { VERSION } from '../registry/index.js'
import { didYouMean } from '../config/index.js'

const HELP = `mirror-action — mirror container images between registries without Docker

Usage: mirror-action <command> [options]

Commands:
  sync     Mirror every image of a config file   (sync --config FILE [--dry-run] [--state FILE] ...)
  copy     Copy one image                          (copy [--platform P]... SRC DST)
  inspect  Show an image's digest, media type and platforms (inspect [--raw] docker://REF)
  tags     List the tags of a repository           (tags docker://REPO)
  delete   Delete a tag or a manifest              (delete [--force] docker://REF)
  verify   Check an image's cosign signatures      (verify --key FILE | --certificate-identity-regexp RE
                                                    --certificate-oidc-issuer URL docker://REF)

Transports: docker://REF, oci:DIR[:REF], docker-archive:FILE[:NAME:TAG], dir:DIR
Common options (skopeo's names and meaning; see each command's --help):
  --creds USER:PASS    Credentials (copy and sync: --src-creds, --dest-creds)
  --credentials FILE|- YAML: registry host -> {username, password} ('-': stdin)
  --authfile FILE      An auth.json / config.json (default: REGISTRY_AUTH_FILE, containers'
                       auth.json, then Docker's config.json; GITHUB_TOKEN for ghcr.io)
  --tls-verify=false   Skip TLS verification (copy and sync: --src-/--dest-tls-verify=false)
  --retry-times N      Retry a failed request N times
  --connect-timeout DUR, --response-timeout DUR  Deadlines for each request (default 10s, 30s)
  --debug              Log every HTTP exchange to stderr (never a secret); also before the command
  --version            Print the version
  -h, --help           Show help (mirror-action help COMMAND for a command's options)

Exit codes: 0 success, 1 an image failed, 2 a config or usage error.
`

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  sync: syncCommand,
  copy: copyCommand,
  inspect: inspectCommand,
  tags: tagsCommand,
  delete: deleteCommand,
  verify: verifyCommand,
  // skopeo's name for it
  'list-tags': tagsCommand
}

export async function main(argv: string[]): Promise<number> {
  // skopeo takes `--debug` before the command too: it is handed to the command, which logs.
  let args = argv
  let debug = false
  while (args[0] === '--debug') {
    debug = true
    args = args.slice(1)
  }
  const [command, ...rest] = args
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`mirror-action version ${VERSION}\n`)
    return 0
  }
  if (command === 'help' && rest.length > 0) return main([rest[0]!, '--help'])
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(HELP)
    return 0
  }
  const run = COMMANDS[command]
  if (run) return run(debug ? ['--debug', ...rest] : rest)
  const guess = didYouMean(command, Object.keys(COMMANDS))
  process.stderr.write(
    `mirror-action: unknown command '${command}'${guess ? ` (did you mean '${guess}'?)` : ''}\n${HELP}`
  )
  return 2
}
