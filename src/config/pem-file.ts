/**
 * Reading a key file the config names (a public key to verify with, a private key to sign with):
 * one size cap and one set of messages for both kinds.
 */
import { readFileSync, statSync } from 'node:fs'

const MAX_KEY_FILE = 64 * 1024

/** The file's text, or undefined once `fail` has reported why it cannot be a key file. */
export function readPemFile(
  abs: string,
  kind: 'public' | 'private',
  fail: (why: string, cause?: unknown) => undefined
): string | undefined {
  try {
    if (statSync(abs).size > MAX_KEY_FILE)
      return fail(`is larger than ${MAX_KEY_FILE / 1024} KiB; not a ${kind} key`)
    return readFileSync(abs, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return code === 'ENOENT'
      ? fail(`does not exist (relative paths start at the config file's folder)`)
      : fail(`cannot be read: ${(err as Error).message}`, err)
  }
}
