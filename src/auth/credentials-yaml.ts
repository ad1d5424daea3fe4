/**
 * The credentials YAML: `host: { username | username-env, password | password-env }`. A secret
 * pasted into YAML text is parsed as YAML (`#` starts a comment, `0123` is a number, `\t` in double
 * quotes is a tab), so the `-env` keys name a variable of the step's environment instead and the
 * secret is never parsed. Values that look like a secret YAML mangled get an error saying so.
 */
import { isMap, isScalar, LineCounter, parseDocument, Scalar, type Node } from 'yaml'
import { registryKey } from '../oci/index.js'
import type { Credential } from './types.js'

export class CredentialsFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly col: number,
    text: string
  ) {
    super(`${file}:${line}:${col}: ${text}`)
    this.name = 'CredentialsFileError'
  }
}

export interface CredentialsYamlOptions {
  /**
   * Reads a variable for `username-env`/`password-env`; the caller masks what it returns. Without
   * it the `-env` keys are an error.
   */
  env?: (name: string) => string | undefined
  /** An entry with neither username nor password (an unset secret) is skipped with this warning. */
  warn?: (message: string) => void
}

const KEYS = ['username', 'password', 'username-env', 'password-env'] as const
type Key = (typeof KEYS)[number]
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const SAFE_FORM =
  "pass it through the step's env and name the variable with password-env (or use the password input)"

/**
 * Whether a username/password pair is usable: a Credential, 'skip' when both are empty (an unset
 * secret means anonymous, with a warning), or the error text for an entry with one side empty.
 */
export function checkCredential(
  host: string,
  username: string,
  password: string
): Credential | 'skip' | string {
  if (username === '' && password === '') return 'skip'
  if (username === '')
    return `${host}: missing username (empty: is the secret or variable that should fill it set?)`
  if (password === '')
    return `${host}: missing password (empty: is the secret set? A secret pasted into YAML can also be cut to nothing; ${SAFE_FORM})`
  return { username, password }
}

export function noCredentialsWarning(host: string): string {
  return `no credentials for ${host}: anonymous (username and password are both empty; is the secret set?)`
}

/** Parse the credentials YAML. Errors name file:line:col and never the value. */
export function parseCredentialsYaml(
  text: string,
  file = 'credentials',
  opts: CredentialsYamlOptions = {}
): Record<string, Credential> {
  const lc = new LineCounter()
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    lineCounter: lc,
    prettyErrors: false,
    uniqueKeys: true
  })
  const fail = (offset: number | undefined, msg: string): never => {
    const { line, col } = offset === undefined ? { line: 1, col: 1 } : lc.linePos(offset)
    throw new CredentialsFileError(file, line, col, msg)
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!
    fail(e.pos[0], e.message.split('\n')[0]!)
  }
  const out: Record<string, Credential> = {}
  const root = doc.contents
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return out
  if (!isMap(root)) fail(root.range?.[0], 'expected a mapping of registry host to {username, password}')
  const pos = (n: Node | null | undefined, fallback: number | undefined): number | undefined =>
    n?.range?.[0] ?? fallback
  for (const pair of (root as { items: { key: Node | null; value: Node | null }[] }).items) {
    const keyNode = pair.key
    const at = pos(keyNode, undefined)
    if (!isScalar(keyNode) || typeof keyNode.value !== 'string' || keyNode.value.trim() === '') {
      fail(at, 'registry host must be a non-empty string')
    }
    const host = (keyNode as { value: string }).value.trim()
    const bad = invalidHost(host)
    if (bad) fail(at, bad)
    const v = pair.value
    if (!isMap(v)) fail(pos(v, at), `${host}: expected a mapping with username and password`)
    const fields: Partial<Record<Key, string>> = {}
    for (const f of (v as { items: { key: Node | null; value: Node | null }[] }).items) {
      const fk = isScalar(f.key) ? String(f.key.value) : ''
      const fat = pos(f.key, at)
      if (!(KEYS as readonly string[]).includes(fk))
        fail(
          fat,
          `${host}: unknown key ${JSON.stringify(fk)} (expected username, password, username-env, password-env)`
        )
      const problem = mangled(host, fk, f.value)
      if (problem) fail(pos(f.value, fat), problem)
      fields[fk as Key] = isScalar(f.value) && f.value.value !== null ? String(f.value.value) : ''
    }
    const username = pick(host, 'username', fields, opts, msg => fail(at, msg))
    const password = pick(host, 'password', fields, opts, msg => fail(at, msg))
    const checked = checkCredential(host, username, password)
    if (checked === 'skip') {
      opts.warn?.(noCredentialsWarning(host))
      continue
    }
    if (typeof checked === 'string') fail(at, checked)
    const key = registryKey(host)
    if (key in out) fail(at, `${host}: duplicate entry for registry ${key}`)
    out[key] = checked as Credential
  }
  return out
}

/** An error for a host that cannot be a registry, or undefined. */
export function invalidHost(host: string): string | undefined {
  const bare = host
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '')
    .replace(/\/v[12]\/?$/, '')
  return bare === '' || /[\s/]/.test(bare) ? `invalid registry host ${JSON.stringify(host)}` : undefined
}

/** The value of `username`/`password`, literal or from the environment ('' when unset). */
function pick(
  host: string,
  name: 'username' | 'password',
  fields: Partial<Record<Key, string>>,
  opts: CredentialsYamlOptions,
  fail: (msg: string) => never
): string {
  const literal = fields[name]
  const envName = fields[`${name}-env`]
  if (envName === undefined) return literal ?? ''
  if (literal !== undefined) fail(`${host}: set ${name} or ${name}-env, not both`)
  if (!ENV_NAME.test(envName))
    fail(
      `${host}: ${name}-env must name an environment variable (letters, digits, _), got ${JSON.stringify(envName)}`
    )
  if (!opts.env) fail(`${host}: ${name}-env is not available here`)
  return opts.env!(envName) ?? ''
}

/**
 * Why a field's value looks like a secret YAML mangled, or undefined. Never quotes the value: it
 * may be most of a password.
 */
function mangled(host: string, key: string, node: Node | null): string | undefined {
  if (key.endsWith('-env')) {
    return isScalar(node) && typeof node.value === 'string' && node.value !== ''
      ? undefined
      : `${host}: ${key} must name an environment variable`
  }
  if (node === null || (isScalar(node) && node.value === null)) return undefined // empty: checked later
  if (!isScalar(node) || typeof node.value !== 'string') {
    const kind = isScalar(node) ? typeof node.value : 'a collection'
    return (
      `${host}: ${key} must be a string, but YAML read it as ${kind} ` +
      `(a secret pasted into YAML is parsed: digits become a number, yes/no words a boolean, a leading @ % ! * or a ": " break it); ` +
      (key === 'password' ? SAFE_FORM : 'quote it or use username-env')
    )
  }
  if (key === 'password' && node.comment !== undefined && node.type === Scalar.PLAIN) {
    return `${host}: password is followed by a # comment: a '#' after a space in a secret starts a YAML comment and cut the password; ${SAFE_FORM}`
  }
  if (node.type === Scalar.QUOTE_DOUBLE && hasControlChar(node.value)) {
    return `${host}: ${key} holds a control character: in double quotes YAML reads a backslash as an escape (\\t is a tab); ${SAFE_FORM}`
  }
  return undefined
}

function hasControlChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || c === 0x7f) return true
  }
  return false
}
