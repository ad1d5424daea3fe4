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

export type SignFormat = 'bundle' | 'legacy' | 'both'

/** Signing what the mirror wrote (`signatures.sign`): a key, or keyless (Fulcio + Rekor). */
export interface SignPolicy {
  /** A private key file (absolute path) or the environment variable holding the key's PEM text. */
  key?: { file: string } | { env: string }
  keyless?: { fulcioUrl: string; rekorUrl: string }
  /** The environment variable holding an encrypted key's password. */
  passwordEnv: string
  format: SignFormat
  /** `file:line:col` of the `sign:` this came from, for errors when the run starts. */
  at: string
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
  /** Absent: what is written is not signed. */
  sign?: SignPolicy
  /** Cooldown: a source digest first seen less than this many days ago is not copied yet. */
  minAgeDays?: number
  /**
   * What to do with a target tag that exists and differs from the source: `always` rewrites it,
   * `if-ours` only when its digest is what the state says the mirror wrote there, `never` keeps it.
   */
  overwrite: Overwrite
  /**
   * Retention (sync/retention.ts): delete target tags this config's mirror wrote earlier (the state
   * says so, with the digest still the one written) that the config no longer selects.
   */
  prune: boolean
  /** Tag patterns (as `tags:`) prune never deletes; an entry's list adds to the defaults' list. */
  keep: string[]
  /** The most tags one run deletes in one target repository; above it nothing there is deleted. */
  pruneLimit: number
  /** `image-timeout`: the copy of one image must end within this many ms (absent: no deadline). */
  imageTimeoutMs?: number
}

/** The retention options of `defaults`: they govern tags of entries since removed from the config. */
export type RetentionOptions = Pick<EntryOptions, 'prune' | 'keep' | 'pruneLimit'>

/** A small cap: a filter typo or a removed block of entries must not empty a registry in one run. */
export const DEFAULT_PRUNE_LIMIT = 10

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
  /**
   * `defaults`' retention options: they decide for tags the state says this config wrote from
   * entries no longer in the config. Absent: such tags are never deleted.
   */
  retention?: RetentionOptions
}

/** Defaults applied to every entry that does not set the option itself. */
export const DEFAULT_ENTRY_OPTIONS: EntryOptions = {
  platforms: 'all',
  verify: false,
  referrers: true,
  keepAttestations: true,
  includeForeignLayers: false,
  convertToDocker: false,
  overwrite: 'if-ours',
  prune: false,
  keep: [],
  pruneLimit: DEFAULT_PRUNE_LIMIT
}

/** Larger configs are refused before parsing: no real mirror list comes near this. */
export const MAX_CONFIG_BYTES = 1024 * 1024
