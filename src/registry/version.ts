/**
 * The package version, for `--version` and the User-Agent. The build (scripts/build.mjs) writes
 * package.json's version into the bundle, so a packed or installed CLI needs no package.json
 * beside it; run from the sources (tests, tsx) it is read from package.json.
 */
import { readFileSync } from 'node:fs'

declare const MIRROR_ACTION_VERSION: string | undefined

function sourceVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  return pkg.version
}

export const VERSION: string =
  typeof MIRROR_ACTION_VERSION === 'string' ? MIRROR_ACTION_VERSION : sourceVersion()
