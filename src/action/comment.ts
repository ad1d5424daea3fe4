/**
 * The pull-request comment with the plan: one comment per PR, found again by a hidden marker and
 * updated on every push. The config comes from the PR, so every value is escaped and put in code
 * spans: nothing in it can render as HTML, a link, a mention or break the table.
 */
import { out } from './log.js'
import { hostDownGroups, hostDownLine, mdCode, mdText } from '../report/index.js'
import type { ImageReport, SyncReport } from '../sync/index.js'
import { shortDigest } from '../report/index.js'
import { sortForSummary, statusLabel } from '../report/index.js'

export { mdCode, mdText }

export const COMMENT_MARKER = '<!-- mirror-action -->'
/** GitHub refuses comment bodies over 65536 characters. */
export const MAX_COMMENT_CHARS = 60_000

export interface CommentContext {
  config: string
  uncheckedTargets?: string[]
  /** Link to the workflow run for the full log and summary. */
  runUrl?: string
  shard?: { index: number; count: number }
}

function row(r: ImageReport): string {
  const change = r.status === 'failed' ? 'error' : r.prune ? 'delete' : (r.change ?? 'unknown')
  return `| ${statusLabel(r)} | ${mdCode(r.source)} | ${mdCode(r.target)} | ${change} | ${mdCode(shortDigest(r.digest ?? r.sourceDigest))} |`
}

export function renderComment(report: SyncReport, ctx: CommentContext): string {
  const counts = { new: 0, changed: 0, unchanged: 0, unknown: 0 }
  for (const r of report.images) if (r.status !== 'failed' && !r.prune) counts[r.change ?? 'unknown']++
  const failed = report.images.filter(r => r.status === 'failed')
  const shard = ctx.shard && ctx.shard.count > 1 ? ` (shard ${ctx.shard.index}/${ctx.shard.count})` : ''
  const out: string[] = [COMMENT_MARKER, `### Mirror plan for ${mdCode(ctx.config)}${shard}`, '']
  const parts = [
    `**${counts.new}** new`,
    `**${counts.changed}** changed`,
    `**${counts.unchanged}** unchanged`
  ]
  if (counts.unknown) parts.push(`**${counts.unknown}** not checked against the target`)
  const deleting = report.totals['prune-planned']
  if (deleting) parts.push(`**${deleting}** tag${deleting === 1 ? '' : 's'} to delete (prune)`)
  out.push(`${failed.length ? `❌ **${failed.length}** failed, ` : '✅ '}${parts.join(', ')}.`, '')
  if (failed.length) {
    out.push('**Errors**', '')
    // A host that is down: its error once, its images listed under it (report/groups.ts).
    const groups = hostDownGroups(failed)
    const grouped = new Set(groups.flatMap(g => g.images))
    for (const g of groups) {
      out.push(`- ${mdText(hostDownLine(g))}:`)
      for (const r of g.images) out.push(`  - ${mdCode(r.source)} → ${mdCode(r.target)}`)
    }
    for (const r of failed.filter(x => !grouped.has(x)))
      out.push(`- ${mdCode(r.source)} → ${mdCode(r.target)}: ${mdText(r.error ?? 'failed')}`)
    out.push('')
  }
  if (ctx.uncheckedTargets?.length) {
    out.push(
      `⚠️ No credentials for ${ctx.uncheckedTargets.map(mdCode).join(', ')} in this run (as on pull requests ` +
        'from forks): whether those targets already hold the images, and whether pushing there is allowed, ' +
        'was not checked.',
      ''
    )
  }
  const sorted = sortForSummary(report.images)
  const interesting = sorted.filter(r => r.status === 'failed' || r.change !== 'unchanged')
  const unchanged = sorted.filter(r => r.status !== 'failed' && r.change === 'unchanged')
  const head = ['| Status | Source | Target | Change | Digest |', '|---|---|---|---|---|']
  const tail: string[] = []
  if (ctx.runUrl) tail.push('', `[Full log and job summary](${ctx.runUrl})`)
  let body = out.join('\n')
  let shown = 0
  const add = (rows: ImageReport[], wrap: (lines: string[]) => string[]): void => {
    const lines: string[] = []
    for (const r of rows) {
      const line = row(r)
      if (
        body.length + head.join('\n').length + lines.join('\n').length + line.length + 400 >
        MAX_COMMENT_CHARS
      )
        break
      lines.push(line)
    }
    shown += lines.length
    if (lines.length) body += '\n' + wrap([...head, ...lines]).join('\n') + '\n'
  }
  add(interesting, lines => lines)
  add(unchanged, lines => [
    '',
    `<details><summary>${unchanged.length} unchanged</summary>`,
    '',
    ...lines,
    '',
    '</details>'
  ])
  if (shown < sorted.length)
    body += `\n… ${sorted.length - shown} more images are listed in the job summary.\n`
  return body + tail.join('\n') + '\n'
}

export interface ExistingComment {
  id: number
  body?: string | null
}

/** The three REST calls on an issue's comments; `octokitComments` adapts @actions/github's client. */
export interface CommentsApi {
  list(): Promise<ExistingComment[]>
  create(body: string): Promise<void>
  update(id: number, body: string): Promise<void>
}

/** Updates the comment that starts with the marker, or creates one; never creates a second. */
export async function upsertComment(api: CommentsApi, body: string): Promise<'created' | 'updated'> {
  if (!body.startsWith(COMMENT_MARKER)) body = `${COMMENT_MARKER}\n${body}`
  // Ours start with the marker; a human quoting one of ours starts with '>' and is left alone.
  const existing = (await api.list()).find(c => c.body?.trimStart().startsWith(COMMENT_MARKER))
  if (existing) {
    await api.update(existing.id, body)
    return 'updated'
  }
  await api.create(body)
  return 'created'
}

/** The subset of `github.getOctokit(token)` this module calls. */
export interface OctokitLike {
  paginate(route: unknown, params: Record<string, unknown>): Promise<unknown[]>
  rest: {
    issues: {
      listComments: unknown
      createComment(p: { owner: string; repo: string; issue_number: number; body: string }): Promise<unknown>
      updateComment(p: { owner: string; repo: string; comment_id: number; body: string }): Promise<unknown>
    }
  }
}

export function octokitComments(
  octokit: OctokitLike,
  where: { owner: string; repo: string; issueNumber: number }
): CommentsApi {
  const { owner, repo, issueNumber } = where
  return {
    async list() {
      const all = await octokit.paginate(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issueNumber,
        per_page: 100
      })
      return all as ExistingComment[]
    },
    async create(body) {
      await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body })
    },
    async update(id, body) {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body })
    }
  }
}

/** The comment when the config does not even load: each error at its line. */
export function renderConfigErrorComment(
  errors: { line: number; col: number; message: string; file: string }[],
  config: string,
  runUrl?: string
): string {
  const out = [
    COMMENT_MARKER,
    `### Mirror plan for ${mdCode(config)}`,
    '',
    `❌ **${errors.length}** config error(s):`,
    ''
  ]
  for (const e of errors.slice(0, 200)) {
    const prefix = `${e.file}:${e.line}:${e.col}: `
    const text = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message
    out.push(`- line ${e.line}, column ${e.col}: ${mdText(text)}`)
  }
  if (runUrl) out.push('', `[Full log](${runUrl})`)
  return out.join('\n') + '\n'
}

/**
 * Posts or updates the PR comment. Only on pull_request events; a token without
 * `pull-requests: write` (a fork's PR) gets a warning, never a failed step.
 */
export async function postComment(
  body: string,
  token: string | undefined,
  log: { info(m: string): void; warning(m: string): void } = out
): Promise<'created' | 'updated' | 'skipped'> {
  const github = await import('@actions/github')
  const ctx = github.context
  const pr = ctx.payload.pull_request as { number?: number } | undefined
  if (!pr?.number) {
    log.info(
      `comment: true has effect only on pull_request events (this is '${ctx.eventName || 'unknown'}'); no comment posted.`
    )
    return 'skipped'
  }
  if (!token) {
    log.warning("comment: true needs 'github-token' (with pull-requests: write); no comment posted.")
    return 'skipped'
  }
  try {
    const octokit = github.getOctokit(token) as unknown as OctokitLike
    const api = octokitComments(octokit, {
      owner: ctx.repo.owner,
      repo: ctx.repo.repo,
      issueNumber: pr.number
    })
    const what = await upsertComment(api, body)
    log.info(`PR comment ${what} on #${pr.number}.`)
    return what
  } catch (error) {
    const status = (error as { status?: number }).status
    const hint =
      status === 403 || status === 404
        ? ' (the token may lack pull-requests: write, as on PRs from forks)'
        : ''
    log.warning(
      `Could not post the PR comment${hint}: ${error instanceof Error ? error.message : String(error)}`
    )
    return 'skipped'
  }
}
