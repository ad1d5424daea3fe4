/**
 * The signature-policy flags, with cosign's names, shared by `verify` and `copy` (where the key flag
 * is `--verify-key`, since `copy` signs nothing and `--key` would read as a signing key). They make
 * the same SignaturePolicy a config's `signatures.verify` makes, checked the same way.
 */
import { createPublicKey } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { keyTypeProblem, type SignaturePolicy } from '../config/index.js'
import type { FlagSpecs } from './options.js'
import { SIGSTORE_CACHE_USAGE } from './sigstore-cache.js'
import { UsageError } from './usage-error.js'

export function verifyFlags(keyFlag: 'key' | 'verify-key'): FlagSpecs {
  return {
    [keyFlag]: { type: 'string', multiple: true },
    'certificate-identity-regexp': { type: 'string' },
    'certificate-oidc-issuer': { type: 'string' },
    'trusted-root': { type: 'string' },
    'insecure-ignore-tlog': { type: 'boolean' },
    'sigstore-cache': { type: 'string' }
  }
}

export function verifyUsage(keyFlag: 'key' | 'verify-key'): string {
  const k = `--${keyFlag} FILE`.padEnd(30)
  return `  ${k}A PEM public key (ECDSA P-256/P-384, Ed25519, RSA) the signature must verify under
                                (repeatable: any one suffices)
  --certificate-identity-regexp RE  Keyless: the certificate's subject (SAN) must match RE (anchor it)
  --certificate-oidc-issuer URL     ... and its OIDC issuer must be URL (both flags or neither)
  --trusted-root FILE           A trusted_root.json (Fulcio CAs, Rekor keys); default: Sigstore's
                                public-good root via TUF
  --insecure-ignore-tlog        Do not require a transparency-log entry (keyed signatures; keyless
                                certificates are then checked at the current time)
${SIGSTORE_CACHE_USAGE}`
}

/** The policy the flags ask for, or undefined when they name no key and no identity. */
export function policyFromFlags(
  v: Readonly<Record<string, unknown>>,
  keyFlag: 'key' | 'verify-key'
): SignaturePolicy | undefined {
  const keys = ((v[keyFlag] as string[] | undefined) ?? []).map(f => publicKeyFile(f, `--${keyFlag}`))
  const re = v['certificate-identity-regexp'] as string | undefined
  const issuer = v['certificate-oidc-issuer'] as string | undefined
  if ((re === undefined) !== (issuer === undefined))
    throw new UsageError('--certificate-identity-regexp and --certificate-oidc-issuer go together: give both')
  if (re !== undefined) {
    try {
      new RegExp(re, 'u')
    } catch (e) {
      throw new UsageError(`--certificate-identity-regexp: ${(e as Error).message}`)
    }
  }
  const root = v['trusted-root'] as string | undefined
  const others = [
    root !== undefined && '--trusted-root',
    v['insecure-ignore-tlog'] === true && '--insecure-ignore-tlog'
  ]
  if (keys.length === 0 && re === undefined) {
    const given = others.filter(Boolean)
    if (given.length > 0)
      throw new UsageError(
        `${given.join(' and ')} ${given.length > 1 ? 'need' : 'needs'} --${keyFlag} or --certificate-identity-regexp`
      )
    return undefined
  }
  if (root !== undefined) {
    try {
      statSync(root)
    } catch {
      throw new UsageError(`--trusted-root: ${root} does not exist`)
    }
  }
  return {
    mode: 'enforce',
    keys,
    keyless: re !== undefined ? [{ issuer: issuer!, subject: re }] : [],
    trustedRoot: root !== undefined ? { file: resolve(root) } : 'auto',
    transparencyLog: v['insecure-ignore-tlog'] === true ? 'optional' : 'required'
  }
}

function publicKeyFile(file: string, flag: string): string {
  let pem: string
  try {
    pem = readFileSync(file, 'utf8')
  } catch (e) {
    throw new UsageError(
      `${flag} ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (e as Error).message}`
    )
  }
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem))
    throw new UsageError(
      `${flag} ${file} is a private key; give the public key (cosign public-key --key … > key.pub)`
    )
  let problem: string | undefined
  try {
    problem = keyTypeProblem(createPublicKey(pem))
  } catch (e) {
    throw new UsageError(`${flag} ${file} is not a PEM public key: ${(e as Error).message}`)
  }
  if (problem) throw new UsageError(`${flag} ${file} ${problem}`)
  return resolve(file)
}
