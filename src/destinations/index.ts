// Builds the destinations a run writes to, in the order the user gave them.
import type { DestinationName, Inputs } from '../inputs.ts';
import type { Destination } from './destination.ts';
import { WorkspaceDestination } from './workspace.ts';

export class DestinationUnavailableError extends Error {
  constructor(name: string) {
    super(`destination "${name}" is not available yet in this version of the action; use destination: workspace.`);
    this.name = 'DestinationUnavailableError';
  }
}

export function createDestination(name: DestinationName, inputs: Inputs, env: NodeJS.ProcessEnv): Destination {
  switch (name) {
    case 'workspace':
      return new WorkspaceDestination(env.GITHUB_WORKSPACE || process.cwd(), inputs.path);
    default:
      throw new DestinationUnavailableError(name);
  }
}
