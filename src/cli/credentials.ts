/**
 * The CLI's one credentials loader, for every command, first match wins: the flags (`--creds`,
 * `--src-creds`, `--dest-creds`), `--credentials FILE|-`, `--authfile FILE` or REGISTRY_AUTH_FILE,
 * containers' auth.json (`$XDG_RUNTIME_DIR/containers/auth.json`, then
 * `~/.config/containers/auth.json`, where podman and skopeo login write), Docker's config.json
 * with its helpers, then GITHUB_TOKEN for ghcr.io. So `copy` and `sync` find what `inspect` finds,
 * and a skopeo user's login works unchanged.
 */
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { CredentialStore, parseCredentialsYaml, type Credential } from '../auth/index.js'
import { registryKey } from '../oci/index.js'
import { writeLines } from './print.js'
import { UsageError } from './usage-error.js'

const warnStderr = (m: string): void => writeLines(process.stderr, `warning: ${m}`)

export interface CliCredentialOptions {
  /** `--credentials FILE`, or `-` for stdin. */
  file?: string
  /** `--authfile FILE`: must exist. */
  authfile?: string
  /** From the flags, keyed by registry; each carries its flag's name as `source`. */
  flags?: Record<string, Credential>
  /** `--no-creds`: these registries are accessed anonymously. */
  anonymous?: string[]
}

/** The hosts each side of a command names, for flags that apply to a side or to every registry. */
export interface CommandHosts {
  src: string[]
  dst: string[]
}

/** What the flags say for one side: a credential per host, or anonymous hosts. */
export interface CliCredentialFlags {
  flags: Record<string, Credential>
  anonymous: string[]
}

/** `USER:PASS` as skopeo takes it; the user may not be empty, the password may hold colons. */
function parseCreds(v: string, flag: string): Credential {
  const colon = v.indexOf(':')
  if (colon < 0)
    throw new UsageError(`--${flag} wants USER:PASSWORD (a prompt for the password is not supported)`)
  if (colon === 0) throw new UsageError(`--${flag}: the user name is empty`)
  return { username: v.slice(0, colon), password: v.slice(colon + 1), source: `--${flag}` }
}

/**
 * The credentials the flags give for one side (`src` or `dst`): the side's own flag, else
 * `--creds` (every registry the command names). Hosts with `--[src-|dest-]no-creds` go anonymous.
 */
export function credentialsFromFlags(
  values: Readonly<Record<string, unknown>>,
  hosts: string[],
  side?: 'src' | 'dest'
): CliCredentialFlags {
  const out: CliCredentialFlags = { flags: {}, anonymous: [] }
  const sided = side ? values[`${side}-creds`] : undefined
  const raw = (sided ?? values.creds) as string | undefined
  const flag = sided !== undefined ? `${side}-creds` : 'creds'
  const anonymous = values['no-creds'] === true || (side !== undefined && values[`${side}-no-creds`] === true)
  if (raw !== undefined && anonymous) throw new UsageError(`--${flag} and --no-creds exclude each other`)
  for (const h of hosts) {
    if (raw !== undefined) out.flags[registryKey(h)] = parseCreds(raw, flag)
    else if (anonymous) out.anonymous.push(registryKey(h))
  }
  return out
}

/** Stdin is read once: a copy whose two sides need two stores asks for it twice. */
let stdinText: Promise<string> | undefined
const readStdinOnce = (): Promise<string> => (stdinText ??= readStdin())

async function readStdin(limit = 1 << 20): Promise<string> {
  const parts: Buffer[] = []
  let n = 0
  for await (const c of process.stdin) {
    n += (c as Buffer).length
    if (n > limit) throw new UsageError(`--credentials -: more than ${limit} bytes on stdin`)
    parts.push(c as Buffer)
  }
  return Buffer.concat(parts).toString('utf8')
}

/** Containers' auth files, in the order podman and skopeo read them. */
function containersAuthFiles(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = []
  if (env.XDG_RUNTIME_DIR) out.push(join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'))
  out.push(join(env.HOME || homedir(), '.config', 'containers', 'auth.json'))
  return out
}

/**
 * The store for a command. An unreadable `--credentials` or `--authfile` is a usage error:
 * nothing has been tried yet. (A string is taken as `--credentials FILE`, the older signature.)
 */
export async function loadCliCredentials(
  opts: CliCredentialOptions | string | undefined,
  warn: (m: string) => void = warnStderr
): Promise<CredentialStore> {
  const o: CliCredentialOptions = typeof opts === 'string' || opts === undefined ? { file: opts } : opts
  const explicit: Record<string, Credential> = {}
  if (o.file !== undefined) {
    const name = o.file === '-' ? '--credentials - (stdin)' : `--credentials ${o.file}`
    let text: string
    try {
      text = o.file === '-' ? await readStdinOnce() : await readFile(o.file, 'utf8')
    } catch (e) {
      if (e instanceof UsageError) throw e
      throw new UsageError(`cannot read credentials file ${o.file}: ${(e as Error).message}`, { cause: e })
    }
    // The CLI's environment is the user's own shell: `password-env` reads it.
    const parsed = parseCredentialsYaml(text, o.file === '-' ? 'stdin' : o.file, {
      env: n => process.env[n],
      warn
    })
    for (const [h, c] of Object.entries(parsed)) explicit[h] = { ...c, source: name }
  }
  // The flags win over the file: they were typed for this one run.
  Object.assign(explicit, o.flags ?? {})
  const authFiles: { file: string; required?: boolean }[] = []
  if (o.authfile !== undefined) authFiles.push({ file: o.authfile, required: true })
  else if (process.env.REGISTRY_AUTH_FILE) authFiles.push({ file: process.env.REGISTRY_AUTH_FILE })
  for (const file of containersAuthFiles(process.env)) authFiles.push({ file })
  try {
    return await CredentialStore.load({
      explicit,
      authFiles,
      anonymous: o.anonymous,
      githubToken: process.env.GITHUB_TOKEN,
      warn
    })
  } catch (e) {
    throw new UsageError((e as Error).message, { cause: e })
  }
}
