// A Reporter that records everything a run shows, for assertions and the leak check.
import type { Reporter } from '../../src/reporter.ts';

export interface Recorded {
  lines: string[];
  outputs: Record<string, string>;
  secrets: string[];
  summary: string;
  failed: string | undefined;
  warnings: string[];
  notices: string[];
  errors: string[];
}

export function recorder(): Reporter & { rec: Recorded; text(): string } {
  const rec: Recorded = { lines: [], outputs: {}, secrets: [], summary: '', failed: undefined, warnings: [], notices: [], errors: [] };
  return {
    rec,
    text: () => [...rec.lines, JSON.stringify(rec.outputs), rec.summary, rec.failed ?? ''].join('\n'),
    debug: (m) => rec.lines.push(`::debug::${m}`),
    info: (m) => rec.lines.push(m),
    notice: (m) => (rec.notices.push(m), rec.lines.push(`::notice::${m}`)),
    warning: (m) => (rec.warnings.push(m), rec.lines.push(`::warning::${m}`)),
    error: (m) => (rec.errors.push(m), rec.lines.push(`::error::${m}`)),
    startGroup: (n) => rec.lines.push(`::group::${n}`),
    endGroup: () => rec.lines.push('::endgroup::'),
    setOutput: (n, v) => (rec.outputs[n] = v),
    setSecret: (v) => rec.secrets.push(v),
    writeSummary: async (md) => {
      rec.summary += md;
    },
    setFailed: (m) => {
      rec.failed = m;
      rec.lines.push(`::error::${m}`);
    }
  };
}
