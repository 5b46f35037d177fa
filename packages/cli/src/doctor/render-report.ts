import type { CheckLine, CheckStatus } from './check-line.js';

const MARK: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗', skip: '–' };

/** The checklist for a person: a mark per line, details indented, the fix after `→`. */
export function renderChecklist(lines: readonly CheckLine[]): string {
  const out: string[] = [];
  for (const line of lines) {
    out.push(`${MARK[line.status]} ${line.title}`);
    for (const detail of line.details ?? []) out.push(`    ${detail}`);
    if (line.fix !== undefined) out.push(`  → ${line.fix}`);
  }
  const count = (status: CheckStatus) => lines.filter((l) => l.status === status).length;
  out.push('');
  out.push(
    `${count('ok')} passed, ${count('warn')} warning${count('warn') === 1 ? '' : 's'}, ${count('fail')} failed${count('skip') > 0 ? `, ${count('skip')} not checked` : ''}`,
  );
  return `${out.join('\n')}\n`;
}

/** The checklist for a program (`--json`). */
export function renderJson(lines: readonly CheckLine[], about: Record<string, unknown>): string {
  return `${JSON.stringify({ ok: !lines.some((l) => l.status === 'fail'), ...about, checks: lines }, null, 2)}\n`;
}
