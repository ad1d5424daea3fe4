/**
 * The keyless half of `signatures.verify`: `keyless:` identities (issuer + subject regex) and
 * `trusted-root:` (auto, or a trusted_root.json file). Kept apart from key files and from any
 * signing settings: each reader reports its own mistakes with positions.
 */
import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { isMap, isSeq } from 'yaml'
import type { Entry, NodeReader } from './nodes.js'
import type { KeylessIdentity, TrustedRootSetting } from './types.js'

const IDENTITY_KEYS = ['issuer', 'subject'] as const
/** Sigstore's public-good trusted_root.json is ~7 KiB; a private one with a few CAs stays far below this. */
const MAX_TRUSTED_ROOT = 1024 * 1024
const TRUSTED_ROOT_MEDIA_TYPE =
  /^application\/vnd\.dev\.sigstore\.trustedroot(\.v0\.\d+)?\+json(;version=0\.\d+)?$/

/** `keyless: [{issuer, subject}, …]`: every item needs both; the subject must compile as a regex. */
export function readKeyless(r: NodeReader, e: Entry, name: string): KeylessIdentity[] | undefined {
  const list = r.deref(e.value)
  if (!isSeq(list) || list.items.length === 0) {
    r.typeError(e, name, 'a non-empty list of {issuer, subject}')
    return undefined
  }
  const out: KeylessIdentity[] = []
  let ok = true
  list.items.forEach((item, i) => {
    const where = `${name}[${i}]`
    const node = r.deref(item)
    if (!isMap(node)) {
      r.error(node, `${where}: expected a map (issuer, subject), got ${r.describe(node)}`, r.valueOffset(e))
      ok = false
      return
    }
    const known = r.known(r.entries(node, where), IDENTITY_KEYS, where)
    const issuer = known.get('issuer')
    const subject = known.get('subject')
    const iss = issuer ? r.string(issuer, `${where}.issuer`) : undefined
    const sub = subject ? r.string(subject, `${where}.subject`) : undefined
    if (!issuer || !subject) {
      r.error(node, `${where}: needs both issuer (the OIDC issuer URL) and subject (a regular expression)`)
      ok = false
      return
    }
    if (iss === undefined || sub === undefined) {
      ok = false
      return
    }
    if (iss === '') {
      r.errors.at(r.valueOffset(issuer), `${where}.issuer: must not be empty`)
      ok = false
    }
    try {
      new RegExp(sub, 'u')
    } catch (err) {
      r.errors.at(
        r.valueOffset(subject),
        `${where}.subject: not a regular expression: ${(err as Error).message}`
      )
      ok = false
      return
    }
    // An unanchored pattern matches anywhere in the SAN: `github.com/acme` would accept
    // `https://github.com/acme-evil/…`. cosign matches the same way; the docs say to anchor.
    out.push({ issuer: iss, subject: sub })
  })
  return ok ? out : undefined
}

/** `trusted-root: auto` or a trusted_root.json path (relative to the config file's folder), read now. */
export function readTrustedRoot(
  r: NodeReader,
  e: Entry,
  name: string,
  dir: string
): TrustedRootSetting | undefined {
  const v = r.kind(e.value) === 'string' ? r.text(e.value) : undefined
  if (v === undefined || v === '') {
    r.typeError(e, name, 'auto or the path of a trusted_root.json')
    return undefined
  }
  if (v === 'auto') return 'auto'
  const abs = resolve(dir, v)
  const fail = (why: string, cause?: unknown) => {
    r.errors.at(r.valueOffset(e), `${name}: "${v}" ${why}`, cause)
    return undefined
  }
  let text: string
  try {
    if (statSync(abs).size > MAX_TRUSTED_ROOT)
      return fail(`is larger than ${MAX_TRUSTED_ROOT / 1024 / 1024} MiB; not a trusted root`)
    text = readFileSync(abs, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return code === 'ENOENT'
      ? fail(`does not exist (relative paths start at the config file's folder)`)
      : fail(`cannot be read: ${(err as Error).message}`, err)
  }
  let j: unknown
  try {
    j = JSON.parse(text)
  } catch (err) {
    return fail(`is not JSON: ${(err as Error).message}`, err)
  }
  const mt = (j as { mediaType?: unknown } | null)?.mediaType
  if (typeof mt !== 'string' || !TRUSTED_ROOT_MEDIA_TYPE.test(mt))
    return fail(
      `is not a Sigstore trusted root (mediaType ${JSON.stringify(mt ?? null)}); give a trusted_root.json such as \`cosign trusted-root create\` or the TUF repository writes`
    )
  return { file: abs }
}
