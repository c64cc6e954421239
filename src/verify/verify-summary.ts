// The job summary of `mode: verify`: the verdict first, then one row per check with its figures,
// then each failed check's first problems. Text from the record or the API is escaped. Pure.
import { md, table } from '../markdown.ts';
import { formatDuration } from '../time.ts';
import { type CheckResult, figure } from './problems.ts';

/** Problems the summary shows per failed check (the output lists up to 100, the log all kept). */
const SHOWN_PER_CHECK = 10;

const WHAT: Record<string, string> = {
  layout: 'Every line an event on its own day, sorted, each id once; only the contract’s files',
  ledger: 'The chain unbroken; every file as the ledger last recorded it',
  coverage: 'The ledger’s ranges join up to the checkpoint; each window holds what the API counted',
  history: 'No commit since the first ledger line removed or changed a line',
  reconciliation: 'The API’s events of the last days are all in the record',
  attestations: 'Each attested line is in the chain, and each line marked attested has a valid attestation from this repository’s workflows'
};

export interface VerifyReport {
  record: string;
  checks: CheckResult[];
  missing: number;
  elapsedMs: number;
  requests: number;
}

export function renderVerifySummary(report: VerifyReport): string {
  const problems = report.checks.reduce((sum, check) => sum + check.count, 0);
  const verdict = problems === 0 ? '## ✅ Verified: the record is intact' : `## ❌ Not verified: ${figure(problems)} problem(s)`;
  const lines = [
    verdict,
    '',
    `**Record:** ${md(report.record)} · **Missing events:** ${figure(report.missing)} · **Cursor requests:** ${figure(report.requests)} · **Run time:** ${formatDuration(report.elapsedMs)}`,
    '',
    table(
      ['Check', 'Result', 'What it looked at', 'What it proves'],
      report.checks.map((check) => [
        check.name,
        check.passed ? '✅ passed' : `❌ ${figure(check.count)} problem(s)`,
        md(check.figures, 400),
        WHAT[check.name] ?? ''
      ])
    )
  ];
  for (const check of report.checks) {
    for (const note of check.notes) lines.push('', `> [!NOTE]\n> ${check.name}: ${md(note, 1000)}`);
  }
  for (const check of report.checks.filter((one) => !one.passed)) {
    lines.push('', `### ${check.name}: first problems`, '');
    lines.push(
      table(
        ['Where', 'What is wrong'],
        check.problems.slice(0, SHOWN_PER_CHECK).map((problem) => [md(problem.where, 200), md(problem.message, 400)])
      )
    );
    if (check.count > SHOWN_PER_CHECK)
      lines.push('', `…and ${figure(check.count - SHOWN_PER_CHECK)} more (the \`problems\` output lists up to 100, the log every one kept).`);
  }
  return `${lines.join('\n')}\n`;
}
