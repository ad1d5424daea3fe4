/**
 * Keyless signing with @sigstore/sign: an ephemeral key, a Fulcio certificate for the CI job's OIDC
 * identity, a Rekor entry. The OIDC token comes from the request URL and token the caller read from
 * the runner (only the action's context reads the environment): @sigstore/sign's own CI provider
 * would read process.env itself, so it is not used.
 *
 * "Ours" for a signature already in the target: it verifies under the public key of the certificate
 * it carries, for this digest, and that certificate names the same identity (subject alternative
 * name, issuing CA) as the certificate Fulcio gives this run. The chain is not checked here: a forged
 * look-alike could only make the mirror skip re-signing, never make a consumer's verification pass.
 */
import { X509Certificate } from 'node:crypto'
import { bundleToJSON } from '@sigstore/bundle'
import {
  DSSEBundleBuilder,
  FulcioSigner,
  MessageSignatureBundleBuilder,
  RekorWitness,
  type IdentityProvider
} from '@sigstore/sign'
import { isRetryable, isRetryableStatus, RetryPolicy, type Descriptor } from '../oci/index.js'
import { base64, checkBundle, checkSimpleSigning, IN_TOTO_PAYLOAD_TYPE } from './payloads.js'
import type { Backend } from './sign-backend.js'
import { CERTIFICATE_ANNOTATION, REKOR_BUNDLE_ANNOTATION, type LegacyLayer } from './sign-build.js'

export interface KeylessOptions {
  fulcioUrl: string
  rekorUrl: string
  /** Where the CI hands out OIDC tokens (GitHub: ACTIONS_ID_TOKEN_REQUEST_URL) and the bearer token for it. */
  oidc: { url: string; token: string }
  mask?: (secret: string) => void
  /** The run's one retry policy (the registry client's); a default one when absent. */
  retry?: RetryPolicy
}

/** Per request to the OIDC issuer, Fulcio or Rekor. */
const TIMEOUT_MS = 30_000
const MAX_TOKEN_RESPONSE = 64 * 1024

export class KeylessBackend implements Backend {
  private readonly bundles: DSSEBundleBuilder
  private readonly messages: MessageSignatureBundleBuilder
  /** A certificate only (no transparency-log entry): what the identity check needs. */
  private readonly certifier: MessageSignatureBundleBuilder
  private readonly tokens: TokenProvider
  private readonly retry: RetryPolicy
  private identity?: Promise<string>

  constructor(private readonly o: KeylessOptions) {
    this.tokens = new TokenProvider(o.oidc, o.mask)
    this.retry = o.retry ?? new RetryPolicy()
    // @sigstore/sign's own retries are off: the project's policy (attempts, backoff, what is worth
    // retrying) wraps each signing step instead, so a Fulcio or Rekor in trouble is not asked
    // @sigstore/sign's 3 times per one of ours.
    const fetch = { timeout: TIMEOUT_MS, retry: 0 }
    const signer = new FulcioSigner({ identityProvider: this.tokens, fulcioBaseURL: o.fulcioUrl, ...fetch })
    const witnesses = [new RekorWitness({ rekorBaseURL: o.rekorUrl, ...fetch })]
    this.bundles = new DSSEBundleBuilder({ signer, witnesses })
    this.messages = new MessageSignatureBundleBuilder({ signer, witnesses })
    this.certifier = new MessageSignatureBundleBuilder({ signer, witnesses: [] })
  }

  async bundle(statement: Buffer): Promise<Buffer> {
    const b = await this.guard(() => this.bundles.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE }))
    const json = bundleToJSON(b)
    this.remember(rawCertificate(json.verificationMaterial))
    return Buffer.from(JSON.stringify(json))
  }

  /** cosign's keyless `.sig` layer: the signature, the certificate (PEM), and Rekor's SET as cosign writes it. */
  async legacy(payload: Buffer): Promise<LegacyLayer> {
    const b = bundleToJSON(await this.guard(() => this.messages.create({ data: payload })))
    const cert = rawCertificate(b.verificationMaterial)
    const sig = b.messageSignature?.signature
    const entry = b.verificationMaterial?.tlogEntries?.[0]
    if (!cert || !sig || !entry?.inclusionPromise)
      throw new Error('keyless signing: Fulcio or Rekor answered incompletely')
    this.remember(cert)
    const rekor = {
      SignedEntryTimestamp: entry.inclusionPromise.signedEntryTimestamp,
      Payload: {
        body: entry.canonicalizedBody,
        // Protobuf JSON leaves zero values out: the log's first entry has no logIndex field.
        integratedTime: Number(entry.integratedTime ?? 0),
        logIndex: Number(entry.logIndex ?? 0),
        logID: Buffer.from(entry.logId.keyId, 'base64').toString('hex')
      }
    }
    return {
      payload,
      signature: Buffer.from(sig, 'base64'),
      annotations: {
        [CERTIFICATE_ANNOTATION]: toPem(cert),
        [REKOR_BUNDLE_ANNOTATION]: JSON.stringify(rekor)
      }
    }
  }

  async ownsBundle(bundle: Buffer, digest: string): Promise<boolean> {
    let j: {
      verificationMaterial?: {
        certificate?: { rawBytes?: unknown }
        x509CertificateChain?: { certificates?: { rawBytes?: unknown }[] }
      }
    }
    try {
      j = JSON.parse(bundle.toString('utf8')) as typeof j
    } catch {
      return false
    }
    const vm = j?.verificationMaterial
    const raw = vm?.certificate?.rawBytes ?? vm?.x509CertificateChain?.certificates?.[0]?.rawBytes
    const cert = certificate(base64(raw))
    if (!cert) return false
    return (
      checkBundle(bundle, [{ file: 'certificate', key: cert.publicKey }], digest).ok &&
      (await this.isUs(cert))
    )
  }

  async ownsLegacy(payload: Buffer, signature: string, digest: string, layer?: Descriptor): Promise<boolean> {
    const pem = layer?.annotations?.[CERTIFICATE_ANNOTATION]
    const cert = pem ? certificate(pem) : undefined
    if (!cert) return false
    const check = checkSimpleSigning(
      payload,
      signature,
      [{ file: 'certificate', key: cert.publicKey }],
      digest
    )
    return check.ok && (await this.isUs(cert))
  }

  /** Same identity as this run's certificate (asked of Fulcio once, when first needed). */
  private async isUs(cert: X509Certificate): Promise<boolean> {
    this.identity ??= this.probe()
    return identityOf(cert) === (await this.identity)
  }

  private async probe(): Promise<string> {
    const b = bundleToJSON(
      await this.guard(() => this.certifier.create({ data: Buffer.from('mirror-action identity') }))
    )
    const cert = certificate(base64(rawCertificate(b.verificationMaterial)))
    if (!cert) throw new Error('keyless signing: Fulcio answered without a certificate')
    return identityOf(cert)
  }

  private remember(raw: string | undefined): void {
    const cert = certificate(base64(raw))
    if (cert && !this.identity) this.identity = Promise.resolve(identityOf(cert))
  }

  /**
   * Runs one signing step (token, certificate, signature, log entry) under the retry policy; a
   * failure is retried as a whole step: the certificate is fresh and short-lived anyway, and a log
   * entry Rekor did make for a lost answer is for a signature the retry replaces (a spare entry,
   * never a wrong one).
   */
  private async attempts<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn()
      } catch (err) {
        if (!worthRetrying(err) || !(await this.retry.wait(attempt))) throw err
      }
    }
  }

  /** @sigstore/sign puts the identity token into some error messages: never let one through. */
  private async guard<T>(step: () => Promise<T>): Promise<T> {
    const fn = () => this.attempts(step)
    try {
      return await fn()
    } catch (err) {
      const text = this.tokens.redact(err instanceof Error ? err.message : String(err))
      const cause = (err as { cause?: unknown })?.cause
      const why = cause instanceof Error ? `: ${this.tokens.redact(cause.message)}` : ''
      throw new Error(`keyless signing (Fulcio ${this.o.fulcioUrl}, Rekor ${this.o.rekorUrl}): ${text}${why}`)
    }
  }
}

/** The CI's OIDC token for audience `sigstore` (GitHub's ACTIONS_ID_TOKEN_REQUEST_URL protocol). */
class TokenProvider implements IdentityProvider {
  private readonly seen = new Set<string>()

  constructor(
    private readonly oidc: { url: string; token: string },
    private readonly mask: (secret: string) => void = () => {}
  ) {
    this.seen.add(oidc.token)
  }

  async getToken(): Promise<string> {
    const url = new URL(this.oidc.url)
    url.searchParams.set('audience', 'sigstore')
    const res = await fetch(url, {
      headers: { accept: 'application/json', authorization: `Bearer ${this.oidc.token}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error'
    })
    const text = await res.text()
    if (res.status !== 200) throw new Error(`OIDC token request: HTTP ${res.status}`)
    if (text.length > MAX_TOKEN_RESPONSE) throw new Error('OIDC token request: the answer is too large')
    let value: unknown
    try {
      value = (JSON.parse(text) as { value?: unknown }).value
    } catch {
      // no value: reported below
    }
    if (typeof value !== 'string' || value === '')
      throw new Error('OIDC token request: no token in the answer')
    this.seen.add(value)
    this.mask(value)
    return value
  }

  redact(text: string): string {
    let out = text
    for (const s of this.seen) out = out.split(s).join('***')
    return out
  }
}

/**
 * The project's classifier (oci/errors.ts) on @sigstore/sign's errors: its HTTPError carries the
 * status as `statusCode`, under an InternalError; a network failure's code is down the cause chain.
 */
function worthRetrying(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    const status = (e as { statusCode?: unknown }).statusCode
    if (typeof status === 'number') return isRetryableStatus(status)
    e = (e as { cause?: unknown }).cause
  }
  return isRetryable(err)
}

/** The signing certificate (base64 DER): v0.3 bundles carry it alone, message-signature bundles as a chain. */
function rawCertificate(
  vm:
    | {
        certificate?: { rawBytes?: string }
        x509CertificateChain?: { certificates?: { rawBytes?: string }[] }
      }
    | undefined
): string | undefined {
  return vm?.certificate?.rawBytes ?? vm?.x509CertificateChain?.certificates?.[0]?.rawBytes
}

function certificate(der: Buffer | string | undefined): X509Certificate | undefined {
  if (!der) return undefined
  try {
    return new X509Certificate(der)
  } catch {
    return undefined
  }
}

/** Subject alternative name and the issuing CA's name, in the certificate's own words. */
function identityOf(cert: X509Certificate): string {
  return JSON.stringify([cert.subjectAltName ?? '', cert.issuer])
}

function toPem(b64: string): string {
  const lines = b64.match(/.{1,64}/g) ?? []
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`
}
