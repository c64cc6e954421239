// The branch destination: the events committed to `branch`, one commit per run (see BranchWriter).
import type { FoundCheckpoint } from '../state.ts';
import { BranchWriter, type BranchWriterOptions, type Written } from './branch-writer.ts';
import type { Destination, StoreRequest } from './destination.ts';

export type BranchOptions = Omit<BranchWriterOptions, 'base' | 'ruleHelp'>;

/** What to do when a rule refuses the data branch. */
const RULE_HELP = `Use \`destination: pull-request\` to propose the events as a pull request instead, or exempt this workflow from the rule.`;

export class BranchDestination implements Destination {
  readonly name = 'branch';
  readonly keepsRecord = true;
  private readonly writer: BranchWriter;

  constructor(options: BranchOptions) {
    this.writer = new BranchWriter({ ...options, ruleHelp: RULE_HELP });
  }

  readCheckpoint(): Promise<FoundCheckpoint | undefined> {
    return this.writer.readCheckpoint();
  }

  store(request: StoreRequest): Promise<Written> {
    return this.writer.store(request);
  }
}
