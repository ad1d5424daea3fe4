// Remote text (tag names, registry error bodies) against every output's neutraliser: the workflow
// log, the terminal, the job summary's HTML, the PR comment's Markdown and the CLI's JSON.
import { describe, expect, test } from '@jest/globals'
import { printable } from '../../src/cli/index.js'
import {
  commandSafe,
  escapeHtml,
  jsonSafe,
  mdCode,
  mdText,
  terminalSafe,
  visible
} from '../../src/report/index.js'

const HOSTILE: [string, string][] = [
  ['a tag that injects commands', 'v9\n::error title=Injected::pwned\n::add-mask::total'],
  ['a bare command', '::add-mask::total'],
  ['a command after whitespace', ' \t ::error::x'],
  ['a command after a Unicode space', '\u3000\u00a0::warning::x'],
  ['a command after a Mongolian vowel separator', '\u180e::error::x'],
  ['stop-commands', '::stop-commands::tok'],
  ['a legacy command mid-line', 'tag ##[error]pwned'],
  ['legacy stop-commands', 'x##[stop-commands]tok'],
  ['CR, CRLF and lone LF', 'a\rb\r\n::error::c\nd'],
  ['C1 and Unicode line breaks', 'a\u0085::error::b\u2028::error::c\u2029d'],
  ['an ANSI colour and an OSC title', '\x1b[31mred\x1b[0m \x1b]0;owned\x07'],
  ['C1 CSI', '\u009b2J'],
  ['bidi override', 'safe\u202egnp.exe'],
  ['percent escapes that decode to commands', '%0A::error::x%0D%25'],
  ['HTML', '<img src=x onerror=alert(1)>'],
  ['Markdown after a blank line', 'x\n\n![t](http://127.0.0.1:1/p.png)'],
  ['NUL and DEL', 'a\x00b\x7f']
]

/** What the runner does with the log: lines (CR, LF, CRLF), leading .NET whitespace trimmed. */
function runnerLines(out: string): string[] {
  return out.split(/\r\n|\r|\n/).map(l => l.replace(/^[\s\u180e\u0085]+/, ''))
}

/** Percent-decoding of every `%XX` run, the inverse of `visible`. */
function decode(s: string): string {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, m => decodeURIComponent(m))
}

describe('commandSafe', () => {
  test.each(HOSTILE)('%s: one line, no command, decodes back', (_name, s) => {
    const line = commandSafe(s)
    expect(runnerLines(line)).toHaveLength(1)
    expect(runnerLines(line)[0]!.startsWith('::')).toBe(false)
    expect(line).not.toContain('##[')
    // eslint-disable-next-line no-control-regex -- control characters are what is tested
    expect(line).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]/)
    expect(decode(line)).toBe(s)
  })

  test.each([
    ['v9\n::error title=x::y', 'v9%0A::error title=x::y'],
    ['::add-mask::total', '%3A:add-mask::total'],
    ['  ::error::x', '  %3A:error::x'],
    ['a ##[error]b', 'a ##%5Berror]b'],
    ['progress (50%), 100%25 done', 'progress (50%), 100%2525 done'],
    ['host [::1]:5000/ns/app:v1', 'host [::1]:5000/ns/app:v1'],
    ['\x1b[31m', '%1B[31m'],
    ['\u202e', '%E2%80%AE']
  ])('%j → %j (readable)', (s, want) => expect(commandSafe(s)).toBe(want))
})

describe('terminalSafe', () => {
  test.each(HOSTILE)('%s: no control character reaches the terminal', (_name, s) => {
    const t = terminalSafe(s)
    // eslint-disable-next-line no-control-regex -- control characters are what is tested
    expect(t).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/)
  })

  test.each([
    ['\x1b[2Jcleared', '\\x1b[2Jcleared'],
    ['v9\n::error::x', 'v9\\x0a::error::x'],
    ['tab\tstays', 'tab\tstays'],
    ['\u009b', '\\x9b'],
    ['a\u202eb', 'a\\u202eb'],
    ['plain 1.0-alpine', 'plain 1.0-alpine']
  ])('%j → %j', (s, want) => expect(terminalSafe(s)).toBe(want))
})

describe('escapeHtml (job summary)', () => {
  test.each(HOSTILE)('%s: no tag, no line break for Markdown to start a block at', (_name, s) => {
    const h = escapeHtml(s)
    expect(h).not.toMatch(/[<>\r\n\u2028\u2029]/)
    expect(h).not.toMatch(/"/)
  })
})

describe('PR comment', () => {
  test.each(HOSTILE)('mdText %s: no HTML, no line break, no link, no strikethrough', (_name, s) => {
    const m = mdText(s)
    expect(m).not.toMatch(/[<>\r\n]/)
    expect(m).not.toMatch(/(^|[^\\])[[\]!`*_~#]/)
  })
  test.each(HOSTILE)('mdCode %s: one code span on one line', (_name, s) => {
    const m = mdCode(s)
    expect(m).not.toMatch(/[\r\n]/)
    expect(m.slice(1, -1)).not.toContain('`')
  })
  test('strikethrough is escaped', () => expect(mdText('~~gone~~')).toBe('\\~\\~gone\\~\\~'))
})

describe('jsonSafe (CLI inspect)', () => {
  test.each(HOSTILE)('%s: same JSON, no raw control, no legacy command', (_name, s) => {
    const json = jsonSafe(JSON.stringify({ Labels: { s } }, null, 4))
    expect(JSON.parse(json)).toEqual({ Labels: { s } })
    // eslint-disable-next-line no-control-regex -- control characters are what is tested
    expect(json).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]/)
    expect(json).not.toContain('##[')
    for (const line of runnerLines(json)) expect(line.startsWith('::')).toBe(false)
  })
})

describe('printable (the CLI)', () => {
  const tag = 'v9\n::error::x\x1b[2J'
  test.each([
    ['a pipe outside Actions: as is, for scripts', false, {}, tag],
    ['a terminal', true, {}, 'v9\\x0a::error::x\\x1b[2J'],
    ['a pipe in an Actions job', false, { GITHUB_ACTIONS: 'true' }, 'v9%0A::error::x%1B[2J'],
    ['a terminal in an Actions job', true, { GITHUB_ACTIONS: 'true' }, 'v9\\x0a::error::x\\x1b[2J']
  ])('%s', (_name, isTTY, env, want) => expect(printable({ isTTY }, env)(tag)).toBe(want))
})

test('visible keeps the text and decodes back', () => {
  for (const [, s] of HOSTILE) expect(decode(visible(s))).toBe(s)
})
