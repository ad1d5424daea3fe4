/** The validated, defaults-merged form of a mirror config (version 1). */
import type { Platform } from '../oci/index.js'
import type { Reference } from '../oci/index.js'
import type { RegistryOptions } from '../registry/index.js'

export type { Platform, Reference, RegistryOptions }

/**
 * Which source tags to mirror. `tags` entries are exact tags, globs (`*`, `?`) or `/regex/`
 * (matched against the whole tag); `["*"]` means every tag. See `selectTags` for the semantics.
 */
export interface TagFilter {
  tags?: string[]
  exclude?: string[]
  semver?: string
  latest?: number
}

export type VerifyMode = 'enforce' | 'warn' | 'off'
export type TransparencyLog = 'optional' | 'required'

/** A keyless signer: the OIDC issuer (exact) and the certificate's subject (SAN) as a regular expression. */
export interface KeylessIdentity {
  issuer: string
  /** Regular expression source, matched against the whole SAN text as cosign does (anchor it). */
  subject: string
}

/** `auto`: Sigstore's public-good root via TUF (cached); else the absolute path of a trusted_root.json. */
export type TrustedRootSetting = 'auto' | { file: string }

/** Signature verification before an image is copied. */
export interface SignaturePolicy {
  /** Never 'off' here: an entry that verifies nothing has no policy. */
  mode: Exclude<VerifyMode, 'off'>
  /** Absolute paths of PEM public keys; any one key or identity suffices. */
  keys: string[]
  /** Keyless signers (Fulcio certificates); any one suffices. */
  keyless: KeylessIdentity[]
  /** Where certificate authorities and transparency-log keys come from (keyless, or tlog required). */
  trustedRoot: TrustedRootSetting
  transparencyLog: TransparencyLog
}

export interface EntryOptions {
  platforms: 'all' | Platform[]
  verify: boolean
  referrers: boolean
  keepAttestations: boolean
  includeForeignLayers: boolean
  convertToDocker: boolean
  /** Re-verify digest-cache entries older than this many days (DEFAULT_MAX_AGE_DAYS when absent). */
  maxAgeDays?: number
  /** Absent: signatures are not checked. */
  signatures?: SignaturePolicy
  /** Cooldown: a source digest first seen less than this many days ago is not copied yet. */
  minAgeDays?: number
  /**
   * What to do with a target tag that exists and differs from the source: `always` rewrites it,
   * `if-ours` only when its digest is what the state says the mirror wrote there, `never` keeps it.
   */
  overwrite: Overwrite
}

export type Overwrite = 'always' | 'if-ours' | 'never'
export const OVERWRITE_POLICIES: readonly Overwrite[] = ['always', 'if-ours', 'never']
/**
 * A cached "unchanged" is re-checked on the target after a week, so a tag overwritten out of band is
 * noticed within a week. Applied where the cache is consulted, so the validated config shows only
 * what the file says.
 */
export const DEFAULT_MAX_AGE_DAYS = 7

export interface MirrorEntry extends EntryOptions {
  /** The key as written. */
  source: string
  /** Parsed source; tag absent when a filter selects tags. */
  sourceRef: Reference
  /**
   * Transport string: 'host/ns/repo:tag', 'host/ns/repo' (tag kept from source), 'oci:./dir',
   * 'oci:./dir:ref', 'docker-archive:FILE[:NAME:TAG]', 'dir:DIR'. Use `targetFor` for one tag.
   */
  target: string
  /** Present iff sourceRef has neither tag nor digest. */
  filter?: TagFilter
  /** 1-based position of the entry's key (or list item) in the file. */
  position: { line: number; col: number }
}

export interface MirrorConfig {
  version: 1
  file: string
  /** Keyed by canonical host (`registryKey`), relative file paths resolved against the config's directory. */
  registries: Record<string, RegistryOptions>
  images: MirrorEntry[]
  /** `lock:` — the lock file (absolute, resolved against the config's directory); see sync/lock.ts. */
  lock?: string
}

/** Defaults applied to every entry that does not set the option itself. */
export const DEFAULT_ENTRY_OPTIONS: EntryOptions = {
  platforms: 'all',
  verify: false,
  referrers: true,
  keepAttestations: true,
  includeForeignLayers: false,
  convertToDocker: false,
  overwrite: 'if-ours'
}

/** Larger configs are refused before parsing: no real mirror list comes near this. */
export const MAX_CONFIG_BYTES = 1024 * 1024
