/**
 * Opening the signers a run needs, before anything is copied: a key that cannot be read or a
 * password that does not open it fails the run at its start, naming the config's `sign:`
 * (file:line:col), and no image is written unsigned because of it.
 */
import { readFile } from 'node:fs/promises'
import type { SignPolicy } from '../config/index.js'
import type { RetryPolicy } from '../oci/index.js'
import type { RegistryClient } from '../registry/index.js'
import { KeyBackend, type Backend } from './sign-backend.js'
import { loadSigningKey } from './sign-key.js'
import type { KeylessOptions } from './sign-keyless.js'
import { MirrorSigner } from './signer.js'

export interface SigningSecrets {
  /** An environment variable's value; the caller owns the environment and has masked what it hands out. */
  env(name: string): string | undefined
  /** The CI's OIDC token request (GitHub Actions: ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN), for keyless. */
  oidc?: KeylessOptions['oidc']
  /** Told every identity token fetched for keyless signing (the action masks it in the log). */
  mask?: (secret: string) => void
}

/** One backend per distinct signer (key and password, or keyless service URLs) among `policies`. */
export async function createSigner(
  client: RegistryClient,
  policies: SignPolicy[],
  secrets: SigningSecrets
): Promise<MirrorSigner> {
  const backends = new Map<string, Backend>()
  for (const p of policies) {
    const id = signerId(p)
    if (backends.has(id)) continue
    backends.set(id, await open(p, secrets, client.retryPolicy))
  }
  return new MirrorSigner(client, p => backends.get(signerId(p))!)
}

function signerId(p: SignPolicy): string {
  return JSON.stringify([p.key, p.keyless, p.passwordEnv])
}

async function open(p: SignPolicy, secrets: SigningSecrets, retry: RetryPolicy): Promise<Backend> {
  if (p.keyless) {
    if (!secrets.oidc)
      throw new Error(
        `${p.at}: keyless signing needs the job's OIDC token, which the GitHub Action reads (permissions: id-token: write); elsewhere sign with a key`
      )
    // Loaded only when used: @sigstore/sign and its HTTP stack are most of a bundle's start-up cost.
    const { KeylessBackend } = await import('./sign-keyless.js')
    return new KeylessBackend({ ...p.keyless, oidc: secrets.oidc, mask: secrets.mask, retry })
  }
  const k = p.key!
  const what =
    'file' in k ? `${p.at}: signatures.sign.key ${k.file}` : `${p.at}: signatures.sign.key env:${k.env}`
  let pem: string | undefined
  if ('file' in k) {
    try {
      pem = await readFile(k.file, 'utf8')
    } catch (err) {
      throw new Error(`${what}: cannot be read: ${(err as Error).message}`, { cause: err })
    }
  } else {
    pem = secrets.env(k.env)
    if (!pem) throw new Error(`${what}: the environment variable is not set or empty`)
  }
  const label = 'file' in k ? k.file : `env:${k.env}`
  const password = secrets.env(p.passwordEnv)
  if (password === undefined && /-----BEGIN ENCRYPTED (SIGSTORE|COSIGN) PRIVATE KEY-----/.test(pem))
    throw new Error(
      `${what}: the key is encrypted and ${p.passwordEnv}, which holds its password, is not set`
    )
  return new KeyBackend(loadSigningKey(pem, password, what), label)
}
