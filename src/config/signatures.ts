/**
 * `signatures: { verify: { mode, keys, keyless, trusted-root, transparency-log } }` under
 * `defaults:` and per image. The keyless readers live in keyless.ts; this file reads the level and
 * merges an image's policy over the defaults'.
 */
import { createPublicKey } from 'node:crypto'
import { resolve } from 'node:path'
import { readKeyless, readTrustedRoot } from './keyless.js'
import type { Entry, NodeReader } from './nodes.js'
import { readPemFile } from './pem-file.js'
import { readSign, type PartialSign } from './signing.js'
import type {
  KeylessIdentity,
  SignaturePolicy,
  TransparencyLog,
  TrustedRootSetting,
  VerifyMode
} from './types.js'

const SIGNATURES_KEYS = ['verify', 'sign'] as const
const VERIFY_KEYS = ['mode', 'keys', 'transparency-log', 'keyless', 'trusted-root'] as const
const MODES: readonly VerifyMode[] = ['enforce', 'warn', 'off']
const TLOG: readonly TransparencyLog[] = ['optional', 'required']
/** A PEM public key is well under 4 KiB (RSA-4096: ~800 bytes); anything this large is not one. */

/** What one level (defaults or an image) wrote; absent fields inherit from defaults. */
export interface PartialPolicy {
  mode?: VerifyMode
  keys?: string[]
  keyless?: KeylessIdentity[]
  trustedRoot?: TrustedRootSetting
  transparencyLog?: TransparencyLog
  /** Where the level's `signatures:` key is, for errors about the merged policy. */
  offset: number
  /** Something in it was refused already: no second error about what the merge lacks. */
  refused?: boolean
  /** `sign:` as written (signing.ts). */
  sign?: PartialSign
}

/** Reads `signatures:`; problems go to r.errors. `dir` is the config file's folder (key paths start there). */
export function readSignatures(
  r: NodeReader,
  e: Entry,
  where: string,
  dir: string
): PartialPolicy | undefined {
  const before = r.errors.count
  const out = readLevel(r, e, where, dir)
  if (out && r.errors.count > before) out.refused = true
  return out
}

function readLevel(r: NodeReader, e: Entry, where: string, dir: string): PartialPolicy | undefined {
  const name = `${where}.signatures`
  if (r.kind(e.value) !== 'map') {
    r.typeError(e, name, 'a map (verify, sign)')
    return undefined
  }
  const top = r.known(r.entries(e.value, name), SIGNATURES_KEYS, name)
  const v = top.get('verify')
  const out: PartialPolicy = { offset: e.offset }
  const s = top.get('sign')
  if (s) out.sign = readSign(r, s, `${name}.sign`, dir)
  if (!v) return out
  const vname = `${name}.verify`
  if (r.kind(v.value) !== 'map') {
    r.typeError(v, vname, `a map (${VERIFY_KEYS.slice(0, 3).join(', ')})`)
    return undefined
  }
  const known = r.known(r.entries(v.value, vname), VERIFY_KEYS, vname)
  const keyless = known.get('keyless')
  if (keyless) {
    const ids = readKeyless(r, keyless, `${vname}.keyless`)
    if (ids) out.keyless = ids
  }
  const root = known.get('trusted-root')
  if (root) {
    const t = readTrustedRoot(r, root, `${vname}.trusted-root`, dir)
    if (t) out.trustedRoot = t
  }
  const mode = known.get('mode')
  if (mode) {
    const m = oneOf(r, mode, `${vname}.mode`, MODES)
    if (m) out.mode = m
  }
  const tlog = known.get('transparency-log')
  if (tlog) {
    const t = oneOf(r, tlog, `${vname}.transparency-log`, TLOG)
    if (t) out.transparencyLog = t
  }
  const keys = known.get('keys')
  if (keys) {
    const items = r.stringList(keys, `${vname}.keys`)
    if (items) {
      const files = items.map(it => readKeyFile(r, it, `${vname}.keys`, dir))
      if (files.every(f => f !== undefined)) out.keys = files
    }
  }
  return out
}

function oneOf<T extends string>(
  r: NodeReader,
  e: Entry,
  name: string,
  allowed: readonly T[]
): T | undefined {
  const v = r.kind(e.value) === 'string' ? r.text(e.value) : undefined
  if (v !== undefined && (allowed as readonly string[]).includes(v)) return v as T
  r.typeError(e, name, allowed.join(', '))
  return undefined
}

/** The absolute path of a readable PEM public key of a supported type, or undefined (error reported). */
function readKeyFile(
  r: NodeReader,
  it: { value: string; offset: number },
  name: string,
  dir: string
): string | undefined {
  const abs = resolve(dir, it.value)
  const fail = (why: string, cause?: unknown) => {
    r.errors.at(it.offset, `${name}: "${it.value}" ${why}`, cause)
    return undefined
  }
  const pem = readPemFile(abs, 'public', fail)
  if (pem === undefined) return undefined
  // createPublicKey would happily derive a public key from a private one: a private key in the
  // repository is a leak to point out, not a key to use.
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem))
    return fail('is a private key; give the public key (cosign public-key --key … > key.pub)')
  try {
    const problem = keyTypeProblem(createPublicKey(pem))
    if (problem) return fail(problem)
  } catch (err) {
    return fail(`is not a PEM public key: ${(err as Error).message}`, err)
  }
  return abs
}

/** The key types cosign signs with: ECDSA P-256/P-384, Ed25519, RSA. */
export function keyTypeProblem(key: ReturnType<typeof createPublicKey>): string | undefined {
  const t = key.asymmetricKeyType
  if (t === 'ed25519' || t === 'rsa') return undefined
  const curve = key.asymmetricKeyDetails?.namedCurve
  if (t === 'ec' && (curve === 'prime256v1' || curve === 'secp384r1')) return undefined
  const what = t === 'ec' ? `ECDSA ${curve ?? 'unknown curve'}` : String(t)
  return `is a ${what} key; supported: ECDSA P-256 or P-384, Ed25519, RSA`
}

/**
 * The policy an image gets: its own fields over the defaults'. Who may sign (keys and keyless
 * identities together) is taken whole from one level: an image that names its own keys does not
 * also accept the defaults' identities. Undefined when it verifies nothing (mode off). A policy
 * that cannot be honoured is an error at the image's `signatures:` when it has one, else at the
 * defaults' (reported once: `reported` remembers).
 */
export function mergePolicy(
  r: NodeReader,
  defaults: PartialPolicy | undefined,
  own: PartialPolicy | undefined,
  where: string,
  reported: Set<string>
): SignaturePolicy | undefined {
  const mode = own?.mode ?? defaults?.mode ?? 'off'
  if (mode === 'off' || own?.refused || defaults?.refused) return undefined
  const signers = own && (own.keys || own.keyless) ? own : defaults
  const keys = signers?.keys ?? []
  const keyless = signers?.keyless ?? []
  const transparencyLog = own?.transparencyLog ?? defaults?.transparencyLog ?? 'required'
  const trustedRoot = own?.trustedRoot ?? defaults?.trustedRoot ?? 'auto'
  const at = own ?? defaults!
  const label = own ? `${where}.signatures.verify` : 'defaults.signatures.verify'
  if (keys.length === 0 && keyless.length === 0) {
    const p = `${label}: mode ${mode} needs keys (PEM public keys) or keyless identities (issuer and subject)`
    const k = `${at.offset}\n${p}`
    if (!reported.has(k)) {
      reported.add(k)
      r.errors.at(at.offset, p)
    }
    return undefined
  }
  return { mode, keys, keyless, trustedRoot, transparencyLog }
}
