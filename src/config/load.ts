/** Loading a mirror config: size cap, BOM, YAML syntax (with positions), then validation. */
import { readFile, stat } from 'node:fs/promises'
import { LineCounter, parseDocument } from 'yaml'
import { ConfigError, ConfigErrors, ErrorCollector } from './errors.js'
import { checkExpansion } from './expansion.js'
import { MAX_CONFIG_BYTES, type MirrorConfig } from './types.js'
import { validateDocument } from './validate.js'

function tooLarge(file: string, bytes: number): ConfigErrors {
  const mib = (bytes / 1024 / 1024).toFixed(1)
  return new ConfigErrors([
    new ConfigError(
      file,
      1,
      1,
      `config is ${mib} MiB, over the ${MAX_CONFIG_BYTES / 1024 / 1024} MiB limit; split it into several configs`
    )
  ])
}

/**
 * Parses and validates config text. `file` names the source in every error (a path, or a label
 * such as "images input"); relative paths in the config resolve against its folder.
 * Throws ConfigErrors listing every problem found, sorted by position.
 */
export function parseConfig(text: string, file: string): MirrorConfig {
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_CONFIG_BYTES) throw tooLarge(file, bytes)
  // Editors on Windows save a BOM; it is not part of the first line's columns.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const lines = new LineCounter()
  const errors = new ErrorCollector(file, lines)
  // uniqueKeys is off because duplicates are reported by the reader, with both positions.
  const doc = parseDocument(body, {
    lineCounter: lines,
    uniqueKeys: false,
    prettyErrors: false,
    schema: 'core'
  })
  for (const e of [...doc.errors, ...doc.warnings]) {
    errors.at(e.pos[0], `YAML: ${e.message.split('\n')[0]}`)
  }
  errors.throwIfAny()
  // Before any reading: what aliases and merge keys expand to bounds the work of everything after.
  checkExpansion(doc, errors)
  errors.throwIfAny()
  const config = validateDocument(doc, errors, file)
  errors.throwIfAny()
  if (!config) throw new ConfigErrors([new ConfigError(file, 1, 1, 'config could not be read')])
  return config
}

/** Reads and parses a config file; an unreadable, missing or oversized file is a ConfigErrors too. */
export async function loadConfig(file: string): Promise<MirrorConfig> {
  let text: string
  try {
    const info = await stat(file)
    if (info.isDirectory()) throw new Error('it is a directory')
    if (info.size > MAX_CONFIG_BYTES) throw tooLarge(file, info.size)
    text = await readFile(file, 'utf8')
  } catch (err) {
    if (err instanceof ConfigErrors) throw err
    const code = (err as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err)
    throw new ConfigErrors([
      new ConfigError(file, 1, 1, `cannot read the config file: ${why}`, { cause: err })
    ])
  }
  return parseConfig(text, file)
}
