/**
 * Loopback stand-ins for keyless signing, no network: a CI OIDC token issuer (the GitHub Actions
 * runtime's ACTIONS_ID_TOKEN_REQUEST_URL protocol), Fulcio (v2 `signingCert`: the public key is
 * certified by a test CA made with openssl, after the proof of possession checks out) and Rekor (v1
 * `log/entries`: the entry comes back with a signed entry timestamp made with a test log key).
 * Each counts its requests, so tests can say what a run asked for.
 */
import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeTempDir, run } from './util.js'

export const KEYLESS_IDENTITY = 'https://github.com/acme/mirror/.github/workflows/mirror.yml@refs/heads/main'
export const KEYLESS_ISSUER = 'https://token.actions.githubusercontent.com'

export interface SigstoreStandIns {
  /** What the action passes down: the token request URL and the bearer token for it. */
  oidc: { url: string; token: string }
  fulcioUrl: string
  rekorUrl: string
  /** The test CA (PEM file) that certifies signing keys; the Rekor log's public key (PEM file). */
  caFile: string
  logKeyFile: string
  /** The identity tokens handed out (JWTs); requests each stand-in answered. */
  tokens: string[]
  requests: { oidc: number; fulcio: number; rekor: number }
  /** Statuses Fulcio and Rekor answer (one per request, in order) before they answer for real. */
  failNext: { fulcio: number[]; rekor: number[] }
  stop(): Promise<void>
}

function b64url(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url')
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))
}

async function openssl(args: string[]): Promise<void> {
  const r = await run('openssl', args)
  if (r.code !== 0) throw new Error(`openssl ${args[0]} failed (${r.code}): ${r.stderr}`)
}

function listenOn(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<Server> {
  const server = createServer((req, res) => {
    handler(req, res).catch(err => {
      if (!res.headersSent) json(res, 500, { message: String(err) })
    })
  })
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)))
}

const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as { port: number }).port}`

export async function startSigstoreStandIns(): Promise<SigstoreStandIns> {
  const dir = makeTempDir('sigstore-standins-')
  const caKey = join(dir, 'ca.key')
  const caFile = join(dir, 'ca.pem')
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    caKey,
    '-out',
    caFile,
    '-days',
    '2',
    '-subj',
    '/O=sigstore.test/CN=test fulcio'
  ])
  const throwaway = join(dir, 'csr.key')
  await openssl([
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-out',
    throwaway
  ])
  const log = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const logKeyFile = join(dir, 'log.pub')
  writeFileSync(logKeyFile, log.publicKey.export({ type: 'spki', format: 'pem' }))
  const logId = createHash('sha256')
    .update(log.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')

  const requestToken = `request-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}`
  const tokens: string[] = []
  const requests = { oidc: 0, fulcio: 0, rekor: 0 }
  const failNext: { fulcio: number[]; rekor: number[] } = { fulcio: [], rekor: [] }
  let serial = 0
  let logIndex = 0

  const oidc = await listenOn(async (req, res) => {
    requests.oidc++
    const url = new URL(req.url ?? '/', 'http://x')
    if (req.headers.authorization !== `Bearer ${requestToken}`)
      return json(res, 401, { message: 'bad token' })
    if (url.searchParams.get('audience') !== 'sigstore') return json(res, 400, { message: 'audience' })
    const claims = {
      iss: KEYLESS_ISSUER,
      aud: 'sigstore',
      sub: 'repo:acme/mirror:ref:refs/heads/main',
      job_workflow_ref: 'acme/mirror/.github/workflows/mirror.yml@refs/heads/main',
      exp: Math.floor(Date.now() / 1000) + 300
    }
    // Unsigned as far as anyone here cares: the stand-in Fulcio trusts its own issuer.
    const jwt = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.${Buffer.from(`sig-${tokens.length}`).toString('base64url')}`
    tokens.push(jwt)
    json(res, 200, { count: 1, value: jwt })
  })

  const fulcio = await listenOn(async (req, res) => {
    requests.fulcio++
    const fault = failNext.fulcio.shift()
    if (fault !== undefined) return json(res, fault, { message: `stand-in fault ${fault}` })
    if (req.method !== 'POST' || req.url !== '/api/v2/signingCert')
      return json(res, 404, { message: 'not found' })
    const r = JSON.parse((await body(req)).toString()) as {
      credentials?: { oidcIdentityToken?: string }
      publicKeyRequest?: { publicKey?: { content?: string }; proofOfPossession?: string }
    }
    const token = r.credentials?.oidcIdentityToken ?? ''
    if (!tokens.includes(token)) return json(res, 401, { message: 'unknown identity token' })
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }
    const pem = r.publicKeyRequest?.publicKey?.content ?? ''
    const pub: KeyObject = createPublicKey(pem)
    const pop = Buffer.from(r.publicKeyRequest?.proofOfPossession ?? '', 'base64')
    // Fulcio's proof of possession: the token's subject signed by the key to certify.
    if (!verify('sha256', Buffer.from(claims.sub), pub, pop)) return json(res, 400, { message: 'bad proof' })
    const n = ++serial
    const pubFile = join(dir, `pub-${n}.pem`)
    const csr = join(dir, `req-${n}.csr`)
    const ext = join(dir, `ext-${n}.cnf`)
    const cert = join(dir, `cert-${n}.pem`)
    writeFileSync(pubFile, pem)
    writeFileSync(
      ext,
      [
        'keyUsage=critical,digitalSignature',
        'extendedKeyUsage=codeSigning',
        `subjectAltName=critical,URI:${KEYLESS_IDENTITY}`,
        `1.3.6.1.4.1.57264.1.8=ASN1:UTF8String:${KEYLESS_ISSUER}`
      ].join('\n') + '\n'
    )
    await openssl(['req', '-new', '-key', throwaway, '-subj', '/', '-out', csr])
    await openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      caFile,
      '-CAkey',
      caKey,
      '-set_serial',
      String(1000 + n),
      '-force_pubkey',
      pubFile,
      '-extfile',
      ext,
      '-days',
      '1',
      '-out',
      cert
    ])
    json(res, 201, {
      signedCertificateEmbeddedSct: {
        chain: { certificates: [readFileSync(cert, 'utf8'), readFileSync(caFile, 'utf8')] }
      }
    })
  })

  const rekor = await listenOn(async (req, res) => {
    requests.rekor++
    const fault = failNext.rekor.shift()
    if (fault !== undefined) return json(res, fault, { message: `stand-in fault ${fault}` })
    if (req.method !== 'POST' || req.url !== '/api/v1/log/entries')
      return json(res, 404, { message: 'not found' })
    const proposed = JSON.parse((await body(req)).toString()) as Record<string, unknown>
    const entryBody = Buffer.from(JSON.stringify(proposed)).toString('base64')
    const entry = {
      body: entryBody,
      integratedTime: Math.floor(Date.now() / 1000),
      logID: logId,
      logIndex: logIndex++
    }
    // The signed entry timestamp: the log's signature over the entry's canonical JSON (keys sorted).
    const set = sign('sha256', Buffer.from(JSON.stringify(entry)), log.privateKey).toString('base64')
    const uuid = createHash('sha256').update(entryBody).digest('hex')
    json(res, 201, { [uuid]: { ...entry, verification: { signedEntryTimestamp: set } } })
  })

  const servers = [oidc, fulcio, rekor]
  return {
    oidc: { url: `${urlOf(oidc)}/token?api-version=2.0`, token: requestToken },
    fulcioUrl: urlOf(fulcio),
    rekorUrl: urlOf(rekor),
    caFile,
    logKeyFile,
    tokens,
    requests,
    failNext,
    stop: () =>
      Promise.all(servers.map(s => new Promise<void>(resolve => s.close(() => resolve())))).then(
        () => undefined
      )
  }
}
