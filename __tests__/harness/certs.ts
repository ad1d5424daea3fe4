/**
 * Key material made per run with the openssl CLI: a CA plus a server certificate for 127.0.0.1/::1/
 * localhost (TLS registries), and a self-signed signing certificate for the token server (the
 * registry's `rootcertbundle`). Generated once per process and shared by every registry it starts.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto'
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeTempDir, run } from './util.js'

export interface TlsMaterial {
  caFile: string
  /** A directory holding only `ca.crt`, the layout skopeo's `--cert-dir` expects. */
  certDir: string
  certFile: string
  keyFile: string
}

export interface TokenSigner {
  certFile: string
  key: KeyObject
  /** base64 DER of the certificate, for the JWT `x5c` header. */
  x5c: string
}

async function openssl(args: string[]): Promise<void> {
  const r = await run('openssl', args)
  if (r.code !== 0) throw new Error(`openssl ${args[0]} failed (${r.code}): ${r.stderr}`)
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']

let tlsPromise: Promise<TlsMaterial> | undefined
let signerPromise: Promise<TokenSigner> | undefined

export function tlsMaterial(): Promise<TlsMaterial> {
  tlsPromise ??= makeTls()
  return tlsPromise
}

export function tokenSigner(): Promise<TokenSigner> {
  signerPromise ??= makeSigner()
  return signerPromise
}

async function makeTls(): Promise<TlsMaterial> {
  const dir = makeTempDir('tls')
  const f = (n: string): string => join(dir, n)
  await openssl([
    'req',
    '-x509',
    ...EC,
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
    '-days',
    '3',
    '-subj',
    '/CN=mirror-action test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign'
  ])
  await openssl(['req', ...EC, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1'])
  writeFileSync(
    f('server.ext'),
    [
      'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth'
    ].join('\n') + '\n'
  )
  await openssl([
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.crt'),
    '-CAkey',
    f('ca.key'),
    '-set_serial',
    `0x${Date.now().toString(16)}`,
    '-days',
    '3',
    '-extfile',
    f('server.ext'),
    '-out',
    f('server.crt')
  ])
  const certDir = join(dir, 'certs.d')
  mkdirSync(certDir)
  copyFileSync(f('ca.crt'), join(certDir, 'ca.crt'))
  return { caFile: f('ca.crt'), certDir, certFile: f('server.crt'), keyFile: f('server.key') }
}

async function makeSigner(): Promise<TokenSigner> {
  const dir = makeTempDir('token-key')
  const keyFile = join(dir, 'token.key')
  const certFile = join(dir, 'token.crt')
  await openssl([
    'req',
    '-x509',
    ...EC,
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '3',
    '-subj',
    '/CN=mirror-action test token signer'
  ])
  const pem = readFileSync(certFile, 'utf8')
  const x5c = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')
  return { certFile, key: createPrivateKey(readFileSync(keyFile)), x5c }
}
