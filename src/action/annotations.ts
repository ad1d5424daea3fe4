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

/** GitHub shows ten error annotations per step; more would only crowd the run's page. */
export const MAX_IMAGE_ANNOTATIONS = 50

export interface FailedImageAnnotation {
  source: string
  target: string
  error?: string
  position?: { line: number; col: number }
}

/**
 * One error annotation per failed image (up to MAX_IMAGE_ANNOTATIONS), at its entry's line in the
 * config file, so the run page and the file view point at the entry to fix. `file` is the config's
 * path relative to the workspace, or undefined for the `images` input (then the line is in the text).
 */
export function annotateFailedImages(
  images: FailedImageAnnotation[],
  opts: {
    file?: string
    inlineName?: string
    error?: (message: string, props: core.AnnotationProperties) => void
  }
): number {
  const emit = opts.error ?? core.error
  const shown = images.slice(0, MAX_IMAGE_ANNOTATIONS)
  for (const r of shown) {
    const text = commandSafe(`${r.source} → ${r.target}: ${r.error ?? 'failed'}`)
    const props: core.AnnotationProperties = { title: 'Mirror failed' }
    if (r.position && opts.file !== undefined) {
      emit(text, { ...props, file: opts.file, startLine: r.position.line, startColumn: r.position.col })
    } else if (r.position && opts.inlineName !== undefined) {
      emit(`${opts.inlineName} line ${r.position.line}: ${text}`, props)
    } else {
      emit(text, props)
    }
  }
  return shown.length
}
