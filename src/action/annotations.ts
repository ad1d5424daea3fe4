/**
 * Config errors as annotations on the config file, so the PR diff shows each one at its line.
 * Duck-typed on `{ file, line, col }` so it does not care which module's error class it gets.
 */
import * as core from '@actions/core'
import { isAbsolute, relative } from 'node:path'
import { commandSafe } from '../report/index.js'

export interface PositionedError {
  message: string
  file: string
  line: number
  col: number
}

function isPositioned(e: unknown): e is PositionedError {
  if (!e || typeof e !== 'object') return false
  const o = e as Record<string, unknown>
  return typeof o.file === 'string' && typeof o.line === 'number' && typeof o.col === 'number'
}

/** The positioned errors inside `error` (a ConfigErrors, one ConfigError), or undefined. */
export function positionedErrors(error: unknown): PositionedError[] | undefined {
  if (isPositioned(error)) return [error]
  const list = (error as { errors?: unknown } | null)?.errors
  if (Array.isArray(list) && list.length > 0 && list.every(isPositioned)) return list
  return undefined
}

/** `file:line:col: text` → `text`; the annotation carries the position itself. */
export function bareMessage(e: PositionedError): string {
  const prefix = `${e.file}:${e.line}:${e.col}: `
  return e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message
}

export interface AnnotateOptions {
  /** Annotation paths are relative to the repository root (the workspace). */
  workspace: string
  /** Names a source that is not a file (the `images` input): no file annotation is possible. */
  inlineName?: string
  error?: (message: string, props: core.AnnotationProperties) => void
}

/** Emits one error annotation per config error; returns how many. */
export function annotateConfigErrors(errors: PositionedError[], opts: AnnotateOptions): number {
  const emit = opts.error ?? core.error
  for (const e of errors) {
    // core.error escapes the command, not the text: a line break would still split the annotation.
    const text = commandSafe(bareMessage(e))
    if (opts.inlineName !== undefined && e.file === opts.inlineName) {
      emit(`${opts.inlineName} line ${e.line}, column ${e.col}: ${text}`, { title: 'Mirror config error' })
      continue
    }
    const rel = isAbsolute(e.file) ? relative(opts.workspace, e.file) : e.file
    const file = rel.startsWith('..') || isAbsolute(rel) ? e.file : rel.split('\\').join('/')
    emit(text, { title: 'Mirror config error', file, startLine: e.line, startColumn: e.col })
  }
  return errors.length
}
