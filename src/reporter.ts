// What a run tells the person reading it: logs, annotations, outputs and the job summary. The
// core implementation writes through @actions/core; tests hand in a recorder.
import * as core from '@actions/core';

export interface Reporter {
  debug(message: string): void;
  info(message: string): void;
  notice(message: string, title?: string): void;
  warning(message: string, title?: string): void;
  error(message: string, title?: string): void;
  startGroup(name: string): void;
  endGroup(): void;
  setOutput(name: string, value: string): void;
  setSecret(value: string): void;
  writeSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
}

export const coreReporter: Reporter = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  notice: (m, title) => core.notice(m, title ? { title } : {}),
  warning: (m, title) => core.warning(m, title ? { title } : {}),
  error: (m, title) => core.error(m, title ? { title } : {}),
  startGroup: (n) => core.startGroup(n),
  endGroup: () => core.endGroup(),
  setOutput: (n, v) => core.setOutput(n, v),
  setSecret: (v) => core.setSecret(v),
  writeSummary: async (md) => {
    if (!process.env.GITHUB_STEP_SUMMARY) return;
    await core.summary.addRaw(md, true).write();
  },
  setFailed: (m) => core.setFailed(m)
};

/** What a part of the run that only logs needs of the reporter. */
export type Logger = Pick<Reporter, 'debug' | 'info' | 'warning'>;
