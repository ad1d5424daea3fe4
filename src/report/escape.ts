/**
 * Remote text made harmless for each place it is shown. Tag and repository names, registry error
 * messages and bodies, manifest annotations, token-server answers and redirect locations come from
 * servers we do not trust, and the config from a pull request's author: any of it may carry line
 * breaks, escape sequences, HTML or Markdown meant to act on the reader. Pure (no @actions imports)
 * so the action and the CLI share it.
 *
 * One visible form first (`visible`): line breaks and other control characters are percent-encoded
 * the way @actions/core encodes command values (`\n` → `%0A`, `\r` → `%0D`, ESC → `%1B`, C1 and
 * bidi controls as their UTF-8 bytes, e.g. U+202E → `%E2%80%AE`), and a `%` that would read as
 * such an escape (one before two hex digits) becomes `%25`; a lone `%`, as in `50%`, stays. The
 * text stays on one line, stays readable, and every `%XX` decodes back to the original.
 *
 * - Workflow log (`commandSafe`, for every line the action writes): the runner takes a line that
 *   starts with `::` after leading whitespace as a workflow command (`::error::`, `::add-mask::`,
 *   `::stop-commands::`), and `##[name]` ANYWHERE in a line as a legacy one. On top of `visible`, a
 *   leading `::` becomes `%3A:` and every `##[` becomes `##%5B`.
 * - Terminal (`terminalSafe`, the CLI on a TTY): the same characters shown as `\xHH` / `\uHHHH`,
 *   so no escape sequence reaches the terminal and remote text cannot fake a line.
 * - Job summary (`escapeHtml`): `visible`, then HTML entities. Everything the summary writes sits in
 *   an HTML block (`<p>`, `<ul>`, `<table>`, `<h2>` at the start of a line); CommonMark passes such
 *   a block through raw until a blank line, and `visible` leaves no line break to make one, so no
 *   remote text is ever read as Markdown there.
 * - PR comment (`mdText`, `mdCode`): `visible`, then Markdown and HTML escaping.
 */

/** C0 but tab, DEL, C1, Unicode line/paragraph separators and bidi controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
/** Those of them JSON.stringify leaves unescaped in strings (it escapes all of C0). */
const UNSAFE_IN_JSON = /[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** Remote text on one line, readable, with every control character as `%XX` (see above). */
export function visible(s: string): string {
  return s.replace(/%(?=[0-9A-Fa-f]{2})/g, '%25').replace(UNSAFE, c => encodeURIComponent(c))
}

/**
 * One line of the workflow log, whatever it holds. The runner trims leading whitespace with .NET's
 * Char.IsWhiteSpace, which also counts U+180E; JavaScript's `\s` covers the rest.
 */
export function commandSafe(line: string): string {
  return visible(line)
    .replace(/^([\s\u180e]*):(?=:)/, '$1%3A')
    .replace(/##\[/g, '##%5B')
}

/** Text for a terminal: control characters shown as escapes instead of acting on the terminal. */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, c => {
    const n = c.charCodeAt(0)
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`
  })
}

/** Text inside the job summary's HTML. */
export function escapeHtml(s: string): string {
  return visible(s).replace(
    /[&<>"']/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
  )
}

/** Inline code that survives a GFM table cell whatever the text holds (no HTML is parsed in code). */
export function mdCode(s: string): string {
  const clean = visible(s).replace(/`/g, "'").replace(/\|/g, '\\|')
  return `\`${clean}\``
}

/** Plain text for a cell or list item: no HTML, no table breaks, no mentions, no emphasis or links. */
export function mdText(s: string): string {
  return visible(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]#!~])/g, '\\$1')
    .replace(/\|/g, '\\|')
    .replace(/@/g, '@\u200b')
}

/**
 * JSON text that means the same but shows no remote control character (JSON.stringify leaves C1
 * and bidi controls raw) and no `##[` (a legacy workflow command anywhere in a line).
 */
export function jsonSafe(json: string): string {
  return json
    .replace(UNSAFE_IN_JSON, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/##\[/g, '##\\u005b')
}
