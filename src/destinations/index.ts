// Builds the destinations a run writes to, in the order the user gave them.
import type { DestinationName, Inputs } from '../inputs.ts';
import type { Destination } from './destination.ts';
import { createGitHubClient } from '../github.ts';
import type { Reporter } from '../reporter.ts';
import { ArtifactDestination } from './artifact.ts';
import { BranchDestination } from './branch.ts';
import { PullRequestDestination } from './pull-request.ts';
import { WorkspaceDestination } from './workspace.ts';

export function createDestination(
  name: DestinationName,
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  reporter: Reporter,
  options: { spaceGitHubWrites?: boolean } = {}
): Destination {
  const client = () => createGitHubClient({ token: inputs.githubToken, baseUrl: env.GITHUB_API_URL, log: reporter, spaceWrites: options.spaceGitHubWrites });
  switch (name) {
    case 'workspace':
      return new WorkspaceDestination(env.GITHUB_WORKSPACE || process.cwd(), inputs.path);
    case 'branch':
      return new BranchDestination({ github: client(), ...inputs.repository!, branch: inputs.branch, path: inputs.path, commitMessage: inputs.commitMessage, log: reporter });
    case 'pull-request':
      return new PullRequestDestination({
        github: client(),
        ...inputs.repository!,
        head: inputs.pullRequestBranch,
        base: inputs.baseBranch,
        path: inputs.path,
        title: inputs.pullRequestTitle,
        labels: inputs.pullRequestLabels,
        commitMessage: inputs.commitMessage,
        notableTypes: new Set(inputs.notableEventTypes),
        serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
        log: reporter
      });
    case 'artifact':
      return new ArtifactDestination({ name: inputs.artifactName, retentionDays: inputs.artifactRetentionDays, path: inputs.path, env });
    default:
      throw new Error(`unknown destination ${name}`);
  }
}
