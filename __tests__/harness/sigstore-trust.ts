/**
 * A private Sigstore for tests, written from the specifications (Fulcio's certificate profile,
 * Rekor's entry types and signed entry timestamp, the transparency-log checkpoint "signed note",
 * RFC 6962 Merkle hashing, the trusted_root.json format) and made with openssl and Node's crypto:
 *  - a self-made CA stands in for Fulcio (leaf certificates with the SAN and the Fulcio issuer
 *    extensions 1.3.6.1.4.1.57264.1.1 and .1.8);
 *  - a self-made ECDSA key stands in for Rekor (signed entry timestamps, checkpoints);
 *  - a trusted_root.json that lists both.
 * Nothing here imports src/: a fixture must not share a mistake with the code under test.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from './util.js'

export const FULCIO_ISSUER_V1 = '1.3.6.1.4.1.57264.1.1'
export const FULCIO_ISSUER_V2 = '1.3.6.1.4.1.57264.1.8'
const REKOR_URL = 'https://rekor.sigstore.test'

export interface KeylessSigner {
  /** The leaf certificate, PEM. */
  certPem: string
  certDer: Buffer
  privateKey: KeyObject
  sign(data: Buffer): Buffer
}

export interface TestSigstore {
  /** The trusted_root.json content (CA + log key). */
  trustedRoot: object
  /** A keyless signer's certificate, issued by this CA for `issuer` and SAN `subject` (a URI). */
  issue(identity: { issuer: string; subject: string }): Promise<KeylessSigner>
  /** The CA certificate, PEM (a legacy `.sig` chain annotation carries it). */
  caPem: string
  /** A Rekor entry for `body` (a canonicalized Rekor entry), with SET and a Merkle inclusion proof. */
  logEntry(body: object, opts?: { integratedTime?: number }): LogEntry
}

export interface LogEntry {
  body: Buffer
  logIndex: number
  integratedTime: number
  logIdHex: string
  set: Buffer
  /** Bundle JSON form (TransparencyLogEntry, v0.3: inclusion proof with checkpoint, and promise). */
  bundleJson: object
  /** cosign's legacy `dev.sigstore.cosign/bundle` annotation. */
  cosignAnnotation: string
}

/** RFC 8785-style canonical JSON for the plain values Rekor signs (strings, integers, objects). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  const o = v as Record<string, unknown>
  return `{${Object.keys(o)
    .sort()
    .map(k => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`
}

const sha256 = (...b: Buffer[]) => {
  const h = createHash('sha256')
  for (const x of b) h.update(x)
  return h.digest()
}

async function openssl(args: string[]): Promise<void> {
  const r = await run('openssl', args)
  if (r.code !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr}`)
}

/** Makes a CA (openssl) and a log key; `dir` keeps the CA's files. */
export async function makeTestSigstore(opts: { name?: string } = {}): Promise<TestSigstore> {
  const dir = mkdtempSync(join(tmpdir(), 'test-sigstore-'))
  const name = opts.name ?? 'test-fulcio'
  const caKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey
  writeFileSync(join(dir, 'ca.key'), caKey.export({ type: 'pkcs8', format: 'pem' }))
  await openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    join(dir, 'ca.key'),
    '-subj',
    `/O=sigstore.test/CN=${name}`,
    '-days',
    '3650',
    '-sha256',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    join(dir, 'ca.pem')
  ])
  const caPem = readFileSync(join(dir, 'ca.pem'), 'utf8')
  const caDer = createDer(caPem)
  const log = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const logSpki = log.publicKey.export({ type: 'spki', format: 'der' })
  const logId = sha256(logSpki)
  let nextIndex = 0
  let serial = 1

  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: REKOR_URL,
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: logSpki.toString('base64'),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start: '2020-01-01T00:00:00Z' }
        },
        logId: { keyId: logId.toString('base64') }
      }
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.test', commonName: name },
        uri: 'https://fulcio.sigstore.test',
        certChain: { certificates: [{ rawBytes: caDer.toString('base64') }] },
        validFor: { start: '2020-01-01T00:00:00Z' }
      }
    ],
    ctlogs: [],
    timestampAuthorities: []
  }

  async function issue(id: { issuer: string; subject: string }): Promise<KeylessSigner> {
    const n = serial++
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const keyFile = join(dir, `leaf${n}.key`)
    writeFileSync(keyFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }))
    await openssl([
      'req',
      '-new',
      '-key',
      keyFile,
      '-subj',
      '/O=sigstore.test',
      '-out',
      join(dir, `leaf${n}.csr`)
    ])
    // Fulcio's profile: code signing, the OIDC subject as SAN, the issuer twice (raw bytes in the
    // deprecated .1.1, a DER UTF8String in .1.8).
    writeFileSync(
      join(dir, `leaf${n}.ext`),
      [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature',
        'extendedKeyUsage=codeSigning',
        `subjectAltName=URI:${id.subject}`,
        'subjectKeyIdentifier=hash',
        'authorityKeyIdentifier=keyid',
        `${FULCIO_ISSUER_V1}=DER:${Buffer.from(id.issuer)
          .toString('hex')
          .replace(/(..)(?!$)/g, '$1:')}`,
        `${FULCIO_ISSUER_V2}=ASN1:UTF8String:${id.issuer}`
      ].join('\n')
    )
    await openssl([
      'x509',
      '-req',
      '-in',
      join(dir, `leaf${n}.csr`),
      '-CA',
      join(dir, 'ca.pem'),
      '-CAkey',
      join(dir, 'ca.key'),
      '-set_serial',
      String(1000 + n),
      '-days',
      '1',
      '-sha256',
      '-extfile',
      join(dir, `leaf${n}.ext`),
      '-out',
      join(dir, `leaf${n}.pem`)
    ])
    const certPem = readFileSync(join(dir, `leaf${n}.pem`), 'utf8')
    return {
      certPem,
      certDer: createDer(certPem),
      privateKey: pair.privateKey,
      sign: d => sign('sha256', d, pair.privateKey)
    }
  }

  function logEntry(bodyObj: object, o: { integratedTime?: number } = {}): LogEntry {
    const body = Buffer.from(canonicalJson(bodyObj))
    const logIndex = nextIndex++
    // Integrated after the certificate was issued (now), as in a real signing flow.
    const integratedTime = o.integratedTime ?? Math.floor(Date.now() / 1000) + 1
    const logIdHex = logId.toString('hex')
    // The signed entry timestamp: the log's signature over the canonical JSON of these four fields.
    const set = sign(
      'sha256',
      Buffer.from(
        canonicalJson({ body: body.toString('base64'), integratedTime, logIndex, logID: logIdHex })
      ),
      log.privateKey
    )
    // A two-leaf tree (this entry, then a sibling): root = H(0x01 || leaf || sibling), RFC 6962.
    const leaf = sha256(Buffer.from([0]), body)
    const sibling = sha256(Buffer.from([0]), Buffer.from('another entry'))
    const root = sha256(Buffer.from([1]), leaf, sibling)
    const origin = 'rekor.sigstore.test - 1'
    const note = `${origin}\n2\n${root.toString('base64')}\n`
    const noteSig = Buffer.concat([logId.subarray(0, 4), sign('sha256', Buffer.from(note), log.privateKey)])
    const envelope = `${note}\n\u2014 rekor.sigstore.test ${noteSig.toString('base64')}\n`
    const j = JSON.parse(body.toString()) as { kind: string; apiVersion: string }
    return {
      body,
      logIndex,
      integratedTime,
      logIdHex,
      set,
      bundleJson: {
        logIndex: String(logIndex),
        logId: { keyId: logId.toString('base64') },
        kindVersion: { kind: j.kind, version: j.apiVersion },
        integratedTime: String(integratedTime),
        inclusionPromise: { signedEntryTimestamp: set.toString('base64') },
        inclusionProof: {
          // The index within the tree the checkpoint covers (Rekor's shard-local index): 0 here.
          logIndex: '0',
          rootHash: root.toString('base64'),
          treeSize: '2',
          hashes: [sibling.toString('base64')],
          checkpoint: { envelope }
        },
        canonicalizedBody: body.toString('base64')
      },
      cosignAnnotation: JSON.stringify({
        SignedEntryTimestamp: set.toString('base64'),
        Payload: { body: body.toString('base64'), integratedTime, logIndex, logID: logIdHex }
      })
    }
  }

  return { trustedRoot, issue, caPem, logEntry }
}

function createDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64')
}
