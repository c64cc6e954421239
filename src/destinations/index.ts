// Builds the destinations a run writes to, in the order the user gave them. Each destination's
// module (and its client library: Octokit, the artifact client) loads only when a run uses it, so a
// run that fails on its inputs, or writes to the workspace, starts without them.
import type { GitHubClientFactory } from '../github.ts';
import type { DestinationName, Inputs } from '../inputs.ts';
import type { Reporter } from '../reporter.ts';
import type { Destination } from './destination.ts';

export async function createDestination(
  name: DestinationName,
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  reporter: Reporter,
  /** Makes the GitHub client (the action's own, loaded only when a destination needs it, unless another is handed in). */
  githubClient?: GitHubClientFactory
): Promise<Destination> {
  // What the branch and the pull-request destinations share: the client, the repository, the folder, the commit message.
  const onGitHub = async () => ({
    github: await (githubClient ?? (await import('../github.ts')).createGitHubClient)({
      token: inputs.githubToken,
      baseUrl: env.GITHUB_API_URL,
      log: reporter
    }),
    ...inputs.repository!,
    path: inputs.path,
    commitMessage: inputs.commitMessage,
    log: reporter
  });
  switch (name) {
    case 'workspace': {
      const { WorkspaceDestination } = await import('./workspace.ts');
      return new WorkspaceDestination(env.GITHUB_WORKSPACE || process.cwd(), inputs.path);
    }
    case 'branch': {
      const { BranchDestination } = await import('./branch.ts');
      return new BranchDestination({ ...(await onGitHub()), branch: inputs.branch });
    }
    case 'pull-request': {
      const { PullRequestDestination } = await import('./pull-request.ts');
      return new PullRequestDestination({
        ...(await onGitHub()),
        head: inputs.pullRequestBranch,
        base: inputs.baseBranch,
        title: inputs.pullRequestTitle,
        labels: inputs.pullRequestLabels,
        notableTypes: new Set(inputs.notableEventTypes),
        serverUrl: env.GITHUB_SERVER_URL || 'https://github.com'
      });
    }
    case 'artifact': {
      const { ArtifactDestination } = await import('./artifact.ts');
      return new ArtifactDestination({ name: inputs.artifactName, retentionDays: inputs.artifactRetentionDays, path: inputs.path, env });
    }
    default:
      throw new Error(`unknown destination ${name}`);
  }
}
