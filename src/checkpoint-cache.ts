// The checkpoint in the Actions cache: restored by key prefix, saved under a new key each run.
// Restore and save are kept apart; a cache that cannot be reached is a warning, never a failure.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CacheSaveRefusedError, errorMessage } from './errors.ts';
import { type FoundCheckpoint, parseState, STATE_FILE, type SyncState, serializeState } from './state.ts';

/** The part of @actions/cache this store uses (tests hand in a fake at this boundary). */
export interface CacheApi {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

/**
 * What makes a stream: a checkpoint saved by a run with other values belongs to another stream
 * that shares the `checkpoint-key` (two steps, matrix legs or two teams), and would make this one
 * skip events. The team is a hash of the base URL and the key (never the key itself).
 */
export interface StreamIdentity {
  team: string;
  path: string;
  destinations: string;
  branch: string;
}

export function streamIdentity(stream: { baseUrl: string; apiKey: string; path: string; destinations: readonly string[]; branch: string }): StreamIdentity {
  const team = createHash('sha256').update(`${stream.baseUrl}\n${stream.apiKey}`).digest('hex').slice(0, 16);
  return { team, path: stream.path, destinations: [...stream.destinations].sort().join(','), branch: stream.branch };
}

const STREAM_FILE = 'stream.json';
const STREAM_FIELDS: Record<keyof StreamIdentity, string> = { team: 'api-key or base-url', path: 'path', destinations: 'destination', branch: 'branch' };

export interface CheckpointCacheOptions {
  cache: CacheApi;
  checkpointKey: string;
  /** This run's stream, saved beside the checkpoint and compared on restore. */
  stream: StreamIdentity;
  env: NodeJS.ProcessEnv;
  warn: (message: string) => void;
  info: (message: string) => void;
}

export class CheckpointCache {
  readonly prefix: string;
  readonly key: string;
  /** The path as given to the cache: the same string on save and restore keeps the cache version. */
  readonly cachePath: string;
  readonly dir: string;
  private readonly options: CheckpointCacheOptions;
  private warnedUnavailable = false;

  constructor(options: CheckpointCacheOptions) {
    this.options = options;
    this.prefix = `${options.checkpointKey}-checkpoint-v1-`;
    this.key = `${this.prefix}${options.env.GITHUB_RUN_ID ?? 'local'}-${options.env.GITHUB_RUN_ATTEMPT ?? '1'}`;
    this.cachePath = `~/.cursor-audit-logs/checkpoints/${options.checkpointKey}`;
    this.dir = join(options.env.HOME || homedir(), '.cursor-audit-logs', 'checkpoints', options.checkpointKey);
  }

  private available(): boolean {
    let ok: boolean;
    try {
      ok = this.options.cache.isFeatureAvailable();
    } catch {
      ok = false;
    }
    if (!ok && !this.warnedUnavailable) {
      this.warnedUnavailable = true;
      this.options.warn(
        `The Actions cache is not available here, so the checkpoint is neither restored from nor saved to it (this is expected outside GitHub-hosted or self-hosted runners with the cache service). The run relies on state.json in the destination and on de-duplication.`
      );
    }
    return ok;
  }

  async restore(): Promise<FoundCheckpoint | undefined> {
    if (!this.available()) return undefined;
    try {
      const hit = await this.options.cache.restoreCache([this.cachePath], this.key, [this.prefix]);
      if (!hit) {
        this.options.info(`No checkpoint in the Actions cache under ${this.prefix}* (first run, or evicted after 7 days unused).`);
        return undefined;
      }
      const found = parseState(await readFile(join(this.dir, STATE_FILE), 'utf8'), `the Actions cache (${hit})`);
      const other = hit === this.key ? 'this run and attempt (another step of this job saved it before this one)' : await this.otherStream();
      if (other) {
        this.options.warn(
          `Ignoring the checkpoint in the Actions cache (${hit}): it was saved by ${other}, so another stream shares checkpoint-key "${this.options.checkpointKey}" and its checkpoint would make this one skip events. Give each Cursor team, and each step, its own checkpoint-key. This run starts from the destinations' state.json or backfill-start-time instead, so nothing is lost.`
        );
        return undefined;
      }
      return found;
    } catch (error) {
      this.options.warn(`Could not restore the checkpoint from the Actions cache (${errorMessage(error)}); continuing without it.`);
      return undefined;
    }
  }

  /** Which values of the restored entry's stream differ from this run's, described; undefined when none (or an entry older than stream.json). */
  private async otherStream(): Promise<string | undefined> {
    let saved: Partial<Record<keyof StreamIdentity, unknown>>;
    try {
      saved = JSON.parse(await readFile(join(this.dir, STREAM_FILE), 'utf8')) as typeof saved;
    } catch {
      return undefined;
    }
    const differ = (Object.keys(STREAM_FIELDS) as (keyof StreamIdentity)[]).filter((k) => saved?.[k] !== this.options.stream[k]);
    return differ.length ? `a run with another ${differ.map((k) => STREAM_FIELDS[k]).join(', ')}` : undefined;
  }

  /** Saves the checkpoint; returns whether it was saved. */
  async save(state: SyncState): Promise<boolean> {
    if (!this.available()) return false;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(join(this.dir, STATE_FILE), serializeState(state));
      await writeFile(join(this.dir, STREAM_FILE), `${JSON.stringify(this.options.stream)}\n`);
      const id = await this.options.cache.saveCache([this.cachePath], this.key);
      if (id === -1) {
        throw new CacheSaveRefusedError(
          `the cache service did not accept it; if another step of this job uses checkpoint-key "${this.options.checkpointKey}" too, it took the key ${this.key} first: give each step its own checkpoint-key`
        );
      }
      this.options.info(`Checkpoint ${state.checkpoint} saved to the Actions cache as ${this.key}.`);
      return true;
    } catch (error) {
      this.options.warn(
        `Could not save the checkpoint to the Actions cache (${errorMessage(error)}). The next run starts from state.json in the destination or re-reads from backfill-start-time; nothing is lost, duplicates are dropped.`
      );
      return false;
    }
  }
}
