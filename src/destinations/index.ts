// Builds the destinations a run writes to, in the order the user gave them.
import type { DestinationName, Inputs } from '../inputs.ts';
import type { Destination } from './destination.ts';
import { createGitHubClient } from '../github.ts';
import type { Reporter } from '../reporter.ts';
import { BranchDestination } from './branch.ts';
import { WorkspaceDestination } from './workspace.ts';

export class DestinationUnavailableError extends Error {
  constructor(name: string) {
    super(`destination "${name}" is not available yet in this version of the action; use destination: workspace.`);
    this.name = 'DestinationUnavailableError';
  }
}

export function createDestination(name: DestinationName, inputs: Inputs, env: NodeJS.ProcessEnv, reporter: Reporter): Destination {
  switch (name) {
    case 'workspace':
      return new WorkspaceDestination(env.GITHUB_WORKSPACE || process.cwd(), inputs.path);
    case 'branch': {
      const github = createGitHubClient({ token: inputs.githubToken, baseUrl: env.GITHUB_API_URL, log: reporter });
      return new BranchDestination({ github, ...inputs.repository!, branch: inputs.branch, path: inputs.path, commitMessage: inputs.commitMessage, log: reporter });
    }
    default:
      throw new DestinationUnavailableError(name);
  }
}
