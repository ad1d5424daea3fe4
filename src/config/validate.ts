/** The document as a whole: top-level keys, version, defaults, images and cross-entry checks. */
import { dirname, resolve } from 'node:path'
import { isMap, isScalar, isSeq, type Document } from 'yaml'
import { parseReference } from '../oci/index.js'
import { compileTagPattern, isExactTag } from './filters.js'
import { readEntry, errorText, type BuiltEntry, type Defaults } from './entries.js'
import type { ErrorCollector } from './errors.js'
import { NodeReader, type Entry } from './nodes.js'
import { OPTION_KEYS, readOptions } from './options.js'
import { readRegistries } from './registries.js'
import { readSignatures } from './signatures.js'
import {
  NO_DEFAULT_TAG,
  composeTarget,
  parseTarget,
  registryPathProblem,
  stripDocker,
  targetFor,
  targetHasTag,
  targetKey,
  transportOf
} from './targets.js'
import { DEFAULT_ENTRY_OPTIONS, type MirrorConfig, type MirrorEntry } from './types.js'

const TOP_KEYS = ['version', 'defaults', 'registries', 'images', 'lock'] as const
const DEFAULTS_KEYS = ['target', ...OPTION_KEYS] as const

/** Validates a parsed, syntax-error-free document; every problem goes to `errors`. */
export function validateDocument(
  doc: Document,
  errors: ErrorCollector,
  file: string
): MirrorConfig | undefined {
  const r = new NodeReader(doc, errors)
  const root = r.deref(doc.contents)
  if (root === null || (isScalar(root) && root.value === null)) {
    errors.at(0, 'config is empty')
    return undefined
  }
  if (!isMap(root)) {
    const hint = isSeq(root) ? ' (a list of images goes under images:)' : ''
    r.error(root, `the config must be a map with keys ${TOP_KEYS.join(', ')}, got ${r.describe(root)}${hint}`)
    return undefined
  }
  const top = r.known(r.entries(root, 'the config'), TOP_KEYS, 'the config')

  const version = top.get('version')
  if (version) {
    const v = r.text(version.value)
    const ok = (r.kind(version.value) === 'number' || r.kind(version.value) === 'string') && v === '1'
    if (!ok) {
      const shown =
        r.kind(version.value) === 'number' || r.kind(version.value) === 'string'
          ? v
          : r.describe(version.value)
      r.errors.at(r.valueOffset(version), `unsupported version ${shown}: this mirror-action reads version 1`)
    }
  }
  const registriesEntry = top.get('registries')
  const registries = registriesEntry ? readRegistries(r, registriesEntry, file) : {}
  const defaults = readDefaults(r, top.get('defaults'), dirname(resolve(file)))

  const imagesEntry = top.get('images')
  let built: BuiltEntry[] = []
  if (!imagesEntry) errors.at(r.offset(root), 'images: missing; list the images to mirror under images:')
  else built = readImages(r, imagesEntry, defaults)
  checkDuplicateTargets(r, built)
  const config: MirrorConfig = { version: 1, file, registries, images: built.map(b => b.entry) }
  const { prune, keep, pruneLimit } = defaults.options
  if (prune) config.retention = { prune, keep, pruneLimit }
  const lock = top.get('lock')
  if (lock) {
    const path = r.string(lock, 'lock')
    if (path === '') r.errors.at(r.valueOffset(lock), 'lock: expected a file path, got an empty string')
    else if (path !== undefined) config.lock = resolve(dirname(resolve(file)), path)
  }
  return config
}

function readDefaults(r: NodeReader, section: Entry | undefined, dir: string): Defaults {
  const defaults: Defaults = {
    targetRefused: false,
    options: { ...DEFAULT_ENTRY_OPTIONS },
    dir,
    reported: new Set()
  }
  if (!section || r.kind(section.value) === 'null') return defaults
  if (r.kind(section.value) !== 'map') {
    r.typeError(section, 'defaults', `a map (${DEFAULTS_KEYS.join(', ')})`)
    return defaults
  }
  const known = r.known(r.entries(section.value, 'defaults'), DEFAULTS_KEYS, 'defaults')
  defaults.options = { ...defaults.options, ...readOptions(r, known, 'defaults') }
  const sig = known.get('signatures')
  if (sig) defaults.signatures = readSignatures(r, sig, 'defaults', dir)
  const t = known.get('target')
  if (t) {
    const base = r.string(t, 'defaults.target')
    const problem = base === undefined ? undefined : defaultsTargetProblem(base)
    if (base === undefined || problem) {
      defaults.targetRefused = true
      if (problem) r.errors.at(r.valueOffset(t), `defaults.target: ${problem}`)
    } else {
      defaults.target = base
    }
  }
  return defaults
}

/** `~` appends `/NAME` to defaults.target: check that what results is usable for any NAME. */
function defaultsTargetProblem(base: string): string | undefined {
  const probe = { registry: 'registry.invalid', repository: 'probe' }
  let composed: string
  try {
    composed = composeTarget(base, probe)
  } catch (err) {
    return errorText(err)
  }
  if (transportOf(base) !== undefined) return undefined
  try {
    const ref = parseReference(stripDocker(composed), NO_DEFAULT_TAG)
    if (ref.tag !== undefined || ref.digest !== undefined) throw new Error('no tag or digest allowed')
    if (registryPathProblem(ref)) {
      return `Aliyun ACR (personal edition) accepts only namespace/repository, so defaults.target must be HOST/NAMESPACE (got "${base}")`
    }
  } catch (err) {
    let why = errorText(err)
    try {
      const own = parseReference(stripDocker(base), NO_DEFAULT_TAG)
      if (own.tag !== undefined || own.digest !== undefined) why = 'it is a prefix and takes no tag or digest'
    } catch (err2) {
      why = errorText(err2)
    }
    return `"${base}" is not a registry/namespace prefix: ${why}`
  }
  return undefined
}

function readImages(r: NodeReader, section: Entry, defaults: Defaults): BuiltEntry[] {
  const out: BuiltEntry[] = []
  const kind = r.kind(section.value)
  const push = (b: BuiltEntry | undefined): void => {
    if (b) out.push(b)
  }
  if (kind === 'map') {
    const entries = r.entries(section.value, 'images')
    for (const e of entries) push(readEntry(r, e.key, e.offset, e.value, defaults))
    if (entries.length === 0) r.errors.at(section.offset, 'images: no images listed')
  } else if (kind === 'list') {
    const list = r.deref(section.value)
    const items = isSeq(list) ? list.items : []
    if (items.length === 0) r.errors.at(section.offset, 'images: no images listed')
    for (const raw of items) {
      const item = r.deref(raw)
      const k = r.kind(item)
      if (k === 'string' || k === 'number') {
        push(readEntry(r, r.text(item) ?? '', r.offset(item), null, defaults))
      } else if (k === 'map' && isMap(item) && item.items.length === 1) {
        // `- source: target` keeps one source mapped to several targets possible in list form.
        const [e] = r.entries(item, 'images')
        if (e) push(readEntry(r, e.key, e.offset, e.value, defaults))
      } else {
        r.error(
          item,
          `images: a list item must be an image reference or one "source: target" pair, got ${r.describe(item)}`,
          section.offset
        )
      }
    }
  } else if (kind === 'null') {
    r.errors.at(section.offset, 'images: no images listed')
  } else {
    r.typeError(section, 'images', 'a map of source → target, or a list of sources')
  }
  return out
}

/** The concrete targets an entry writes that are known before listing any tags. */
function knownTargets(entry: MirrorEntry): string[] {
  const f = entry.filter
  if (!f)
    return entry.sourceRef.tag !== undefined || targetHasTag(parseTarget(entry.target))
      ? [targetFor(entry)]
      : []
  if (f.semver !== undefined || f.latest !== undefined || !f.tags || !f.tags.every(isExactTag)) return []
  const exclude = (f.exclude ?? []).map(compileTagPattern)
  return f.tags.filter(t => !exclude.some(m => m(t))).map(t => targetFor(entry, t))
}

function checkDuplicateTargets(r: NodeReader, built: BuiltEntry[]): void {
  const seen = new Map<string, BuiltEntry>()
  for (const b of built) {
    let targets: [string, string][]
    try {
      targets = [...new Set(knownTargets(b.entry))].map(full => [full, targetKey(full)])
    } catch (err) {
      // e.g. a source tag ending in '.' appended to an oci: target is no valid layout reference.
      r.errors.at(
        b.offset,
        `images."${b.entry.source}": the target for this source is invalid: ${errorText(err)}`
      )
      continue
    }
    for (const [full, key] of targets) {
      const first = seen.get(key)
      if (!first) {
        seen.set(key, b)
        continue
      }
      const p = first.entry.position
      const same = first === b ? 'also from this entry' : `also the target of "${first.entry.source}"`
      r.errors.at(
        b.offset,
        `images."${b.entry.source}": target "${full}" is ${same} (line ${p.line}, column ${p.col})`
      )
    }
    const src = b.entry.sourceRef
    if (!b.entry.filter && src.tag !== undefined && !transportOf(b.entry.target)) {
      const self = `docker://${src.registry}/${src.repository}:${src.tag}`
      if (targetKey(targetFor(b.entry)) === self) {
        r.errors.at(b.offset, `images."${b.entry.source}": the target is the source itself`)
      }
    }
  }
}
