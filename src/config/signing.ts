/**
 * `signatures: { sign: { key | keyless, password, format, fulcio-url, rekor-url } }` under
 * `defaults:` and per image: how the mirror signs what it wrote to a target. Only names are read
 * here (a key file's path, an environment variable's name): the secrets themselves are read when a
 * run starts, by the caller that owns the environment, so the config never holds one.
 */
import { resolve } from 'node:path'
import type { Entry, NodeReader } from './nodes.js'
import { readPemFile } from './pem-file.js'
import type { SignFormat, SignPolicy } from './types.js'

const SIGN_KEYS = ['key', 'keyless', 'password', 'format', 'fulcio-url', 'rekor-url'] as const
const FORMATS: readonly SignFormat[] = ['bundle', 'legacy', 'both']
export const DEFAULT_PASSWORD_ENV = 'COSIGN_PASSWORD'
export const DEFAULT_FULCIO_URL = 'https://fulcio.sigstore.dev'
export const DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev'
/** A cosign private key file is well under 1 KiB; anything this large is not one. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** What one level wrote; `false` is `sign: false` (an image opting out of the defaults' signing). */
export type PartialSign =
  | false
  | {
      key?: SignPolicy['key']
      keyless?: boolean
      passwordEnv?: string
      format?: SignFormat
      fulcioUrl?: string
      rekorUrl?: string
      /** `file:line:col` of the level's `sign:`, for errors found when the run starts. */
      at: string
      offset: number
      /** `defaults.signatures.sign` or the image's, for messages. */
      name: string
      /** Something in it was refused already: no second error about what the merge lacks. */
      refused?: boolean
    }

/** Reads `sign:`; problems go to r.errors. Key paths start at `dir` (the config file's folder). */
export function readSign(r: NodeReader, e: Entry, name: string, dir: string): PartialSign | undefined {
  if (r.kind(e.value) === 'boolean') {
    if (r.bool(e, name) === false) return false
    r.errors.at(r.valueOffset(e), `${name}: expected a map (key or keyless, format) or false, got true`)
    return undefined
  }
  if (r.kind(e.value) !== 'map') {
    r.typeError(e, name, 'a map (key or keyless, format) or false')
    return undefined
  }
  const { line, col } = r.errors.pos(e.offset)
  const before = r.errors.count
  const out: Exclude<PartialSign, false> = { at: `${r.errors.file}:${line}:${col}`, offset: e.offset, name }
  const known = r.known(r.entries(e.value, name), SIGN_KEYS, name)
  const key = known.get('key')
  if (key) {
    const text = r.string(key, `${name}.key`)
    if (text !== undefined) out.key = readKeyRef(r, key, text, `${name}.key`, dir)
  }
  const keyless = known.get('keyless')
  if (keyless) {
    const b = r.bool(keyless, `${name}.keyless`)
    if (b !== undefined) out.keyless = b
  }
  if (key && keyless && out.keyless)
    r.errors.at(keyless.offset, `${name}: key and keyless: true exclude each other; choose one`)
  const password = known.get('password')
  if (password) {
    const text = r.string(password, `${name}.password`)
    const v = text?.startsWith('env:') ? text.slice(4) : undefined
    if (v !== undefined && ENV_NAME.test(v)) out.passwordEnv = v
    else if (text !== undefined)
      // A password written into the config would be a secret in the repository: refused, not read.
      r.errors.at(
        r.valueOffset(password),
        `${name}.password: expected env:VARIABLE (the password is read from the environment, never from the config)`
      )
  }
  const format = known.get('format')
  if (format) {
    const f = r.kind(format.value) === 'string' ? r.text(format.value) : undefined
    if (f !== undefined && (FORMATS as readonly string[]).includes(f)) out.format = f as SignFormat
    else r.typeError(format, `${name}.format`, FORMATS.join(', '))
  }
  for (const [k, field] of [
    ['fulcio-url', 'fulcioUrl'],
    ['rekor-url', 'rekorUrl']
  ] as const) {
    const x = known.get(k)
    if (!x) continue
    const text = r.string(x, `${name}.${k}`)
    if (text === undefined) continue
    if (!/^https?:\/\/[^/\s]+/.test(text))
      r.errors.at(r.valueOffset(x), `${name}.${k}: expected an http(s) URL, got "${text}"`)
    else out[field] = text.replace(/\/+$/, '')
  }
  if (r.errors.count > before) out.refused = true
  return out
}

/** `env:VAR` or a file path (checked now: it exists, it is small, it is a private key). */
function readKeyRef(
  r: NodeReader,
  e: Entry,
  text: string,
  name: string,
  dir: string
): SignPolicy['key'] | undefined {
  const at = r.valueOffset(e)
  if (text.startsWith('env:')) {
    const v = text.slice(4)
    if (ENV_NAME.test(v)) return { env: v }
    r.errors.at(at, `${name}: "${text}" is not env:VARIABLE with a valid variable name`)
    return undefined
  }
  const abs = resolve(dir, text)
  const fail = (why: string, cause?: unknown) => {
    r.errors.at(at, `${name}: "${text}" ${why}`, cause)
    return undefined
  }
  const pem = readPemFile(abs, 'private', fail)
  if (pem === undefined) return undefined
  // Nothing of the key's content goes into a message: only which kind of file it is not.
  if (!/-----BEGIN (ENCRYPTED SIGSTORE|ENCRYPTED COSIGN|EC|RSA)? ?PRIVATE KEY-----/.test(pem))
    return fail(
      'is not a private key (expected a cosign key from cosign generate-key-pair, or a PKCS#8 PEM private key)'
    )
  return { file: abs }
}

/** The signing an image gets: its own fields over the defaults'. Undefined: it is not signed. */
export function mergeSign(
  r: NodeReader,
  defaults: PartialSign | undefined,
  own: PartialSign | undefined,
  reported: Set<string>
): SignPolicy | undefined {
  if (own === false || (own === undefined && !defaults)) return undefined
  const d = defaults || undefined
  if (own?.refused || d?.refused) return undefined
  const level = own ?? d!
  // An image that names a key or keyless replaces the defaults' choice of signer whole.
  const signer = own && (own.key !== undefined || own.keyless !== undefined) ? own : d
  const keyless = signer?.keyless === true
  const key = keyless ? undefined : signer?.key
  if (!keyless && !key) {
    const p = `${level.name}: needs key (a cosign private key file or env:VARIABLE) or keyless: true`
    // Once per level: every image inheriting the defaults' mistake adds nothing.
    if (!reported.has(`${level.offset}\n${p}`)) {
      reported.add(`${level.offset}\n${p}`)
      r.errors.at(level.offset, p)
    }
    return undefined
  }
  const policy: SignPolicy = {
    format: own?.format ?? d?.format ?? 'bundle',
    passwordEnv: own?.passwordEnv ?? d?.passwordEnv ?? DEFAULT_PASSWORD_ENV,
    at: level.at
  }
  if (key) policy.key = key
  if (keyless)
    policy.keyless = {
      fulcioUrl: own?.fulcioUrl ?? d?.fulcioUrl ?? DEFAULT_FULCIO_URL,
      rekorUrl: own?.rekorUrl ?? d?.rekorUrl ?? DEFAULT_REKOR_URL
    }
  return policy
}

/** The environment variables a policy reads when the run starts (to mask them, and to read them). */
export function signEnvNames(p: SignPolicy): string[] {
  const names = [p.passwordEnv]
  if (p.key && 'env' in p.key) names.push(p.key.env)
  return names
}
