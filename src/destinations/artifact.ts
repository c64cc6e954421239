// The artifact destination: the events fetched since the checkpoint last saved in the Actions cache
// (so an upload that failed is made good by the next run), in the contract's layout, plus
// state.json, uploaded with @actions/artifact.
import { DefaultArtifactClient } from '@actions/artifact';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAtomic } from '../atomic-write.ts';
import { ArtifactError } from '../errors.ts';
import { STATE_FILE, serializeState } from '../state.ts';
import type { Destination, StoreRequest, StoreResult } from './destination.ts';
import { mergeInto } from './merge-loop.ts';

/** The part of @actions/artifact this destination uses. */
export interface ArtifactUploader {
  uploadArtifact(name: string, files: string[], rootDirectory: string, options?: { retentionDays?: number }): Promise<{ id?: number; size?: number }>;
}

export interface ArtifactOptions {
  name: string;
  retentionDays: number | undefined;
  path: string;
  env: NodeJS.ProcessEnv;
  uploader?: ArtifactUploader;
}

/** Turns the toolkit's plain errors into what to do. */
export function explainArtifactError(error: unknown, name: string): ArtifactError {
  const message = (error as Error)?.message ?? String(error);
  let help = 'see the message above.';
  if (/GHES|Enterprise Server|not currently supported on GHES/i.test(message))
    help = 'artifacts of @actions/artifact v2+ are not supported on GitHub Enterprise Server: use destination: branch or pull-request there.';
  else if (/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL|runtime token/i.test(message))
    help = 'the artifact service is only reachable from a GitHub Actions runner: use destination: workspace when running elsewhere.';
  else if (/already exists|conflict|409/i.test(message))
    help = `an artifact named "${name}" already exists in this workflow run: give each step its own artifact-name.`;
  else if (/name/i.test(message) && /invalid|not valid|character/i.test(message)) help = 'artifact-name has characters the artifact service refuses.';
  return new ArtifactError(`Uploading the artifact "${name}" failed: ${message}. ${help}`);
}

export class ArtifactDestination implements Destination {
  readonly name = 'artifact';
  readonly keepsRecord = false;
  private readonly options: ArtifactOptions;

  constructor(options: ArtifactOptions) {
    this.options = options;
  }

  async readCheckpoint() {
    return undefined; // an artifact is write-only: the cache holds its checkpoint
  }

  async store(request: StoreRequest): Promise<StoreResult> {
    const root = await mkdtemp(join(this.options.env.RUNNER_TEMP || tmpdir(), 'cursor-audit-logs-artifact-'));
    try {
      const added = request.tally();
      // It keeps no record (keepsRecord false): nothing stored to merge into, each file holds this run's events alone.
      const files = await mergeInto(
        request.events,
        { path: this.options.path, stored: undefined, write: (relative, merged) => writeAtomic(join(root, this.options.path, relative), merged.chunks()) },
        added
      );
      if (request.state) await writeAtomic(join(root, this.options.path, STATE_FILE), serializeState(request.state));
      const upload = [...files, ...(request.state ? [`${this.options.path}/${STATE_FILE}`] : [])].map((file) => join(root, file));
      if (upload.length === 0) return { added, files, outputs: {}, links: [] };
      let id: number | undefined;
      try {
        const uploader = this.options.uploader ?? new DefaultArtifactClient();
        const retention = this.options.retentionDays ? { retentionDays: this.options.retentionDays } : {};
        id = (await uploader.uploadArtifact(this.options.name, upload, root, retention)).id;
      } catch (error) {
        throw explainArtifactError(error, this.options.name);
      }
      const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = this.options.env;
      const links =
        id !== undefined && repo && run ? [{ label: `Artifact ${this.options.name}`, url: `${server}/${repo}/actions/runs/${run}/artifacts/${id}` }] : [];
      return { added, files, outputs: id !== undefined ? { 'artifact-id': String(id) } : {}, links };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
}
