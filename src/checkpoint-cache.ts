// The checkpoint in the Actions cache: restored by key prefix, saved under a new key each run.
// Restore and save are kept apart; a cache that cannot be reached is a warning, never a failure.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
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

export function streamIdentity(o: { baseUrl: string; apiKey: string; path: string; destinations: readonly string[]; branch: string }): StreamIdentity {
  const team = createHash('sha256').update(`${o.baseUrl}\n${o.apiKey}`).digest('hex').slice(0, 16);
  return { team, path: o.path, destinations: [...o.destinations].sort().join(','), branch: o.branch };
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
  private readonly o: CheckpointCacheOptions;
  private warnedUnavailable = false;

  constructor(o: CheckpointCacheOptions) {
    this.o = o;
    this.prefix = `${o.checkpointKey}-checkpoint-v1-`;
    this.key = `${this.prefix}${o.env.GITHUB_RUN_ID ?? 'local'}-${o.env.GITHUB_RUN_ATTEMPT ?? '1'}`;
    this.cachePath = `~/.cursor-audit-logs/checkpoints/${o.checkpointKey}`;
    this.dir = join(o.env.HOME || homedir(), '.cursor-audit-logs', 'checkpoints', o.checkpointKey);
  }

  private available(): boolean {
    let ok: boolean;
    try {
      ok = this.o.cache.isFeatureAvailable();
    } catch {
      ok = false;
    }
    if (!ok && !this.warnedUnavailable) {
      this.warnedUnavailable = true;
      this.o.warn(
        `The Actions cache is not available here, so the checkpoint is neither restored from nor saved to it (this is expected outside GitHub-hosted or self-hosted runners with the cache service). The run relies on state.json in the destination and on de-duplication.`
      );
    }
    return ok;
  }

  async restore(): Promise<FoundCheckpoint | undefined> {
    if (!this.available()) return undefined;
    try {
      const hit = await this.o.cache.restoreCache([this.cachePath], this.key, [this.prefix]);
      if (!hit) {
        this.o.info(`No checkpoint in the Actions cache under ${this.prefix}* (first run, or evicted after 7 days unused).`);
        return undefined;
      }
      const found = parseState(await readFile(join(this.dir, STATE_FILE), 'utf8'), `the Actions cache (${hit})`);
      const other = hit === this.key ? 'this run and attempt (another step of this job saved it before this one)' : await this.otherStream();
      if (other) {
        this.o.warn(
          `Ignoring the checkpoint in the Actions cache (${hit}): it was saved by ${other}, so another stream shares checkpoint-key "${this.o.checkpointKey}" and its checkpoint would make this one skip events. Give each Cursor team, and each step, its own checkpoint-key. This run starts from the destinations' state.json or backfill-start-time instead, so nothing is lost.`
        );
        return undefined;
      }
      return found;
    } catch (error) {
      this.o.warn(`Could not restore the checkpoint from the Actions cache (${describe(error)}); continuing without it.`);
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
    const differ = (Object.keys(STREAM_FIELDS) as (keyof StreamIdentity)[]).filter((k) => saved?.[k] !== this.o.stream[k]);
    return differ.length ? `a run with another ${differ.map((k) => STREAM_FIELDS[k]).join(', ')}` : undefined;
  }

  /** Saves the checkpoint; returns whether it was saved. */
  async save(state: SyncState): Promise<boolean> {
    if (!this.available()) return false;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(join(this.dir, STATE_FILE), serializeState(state));
      await writeFile(join(this.dir, STREAM_FILE), `${JSON.stringify(this.o.stream)}\n`);
      const id = await this.o.cache.saveCache([this.cachePath], this.key);
      if (id === -1) {
        throw Object.assign(
          new Error(
            `the cache service did not accept it; if another step of this job uses checkpoint-key "${this.o.checkpointKey}" too, it took the key ${this.key} first: give each step its own checkpoint-key`
          ),
          { name: 'SaveRefused' }
        );
      }
      this.o.info(`Checkpoint ${state.checkpoint} saved to the Actions cache as ${this.key}.`);
      return true;
    } catch (error) {
      this.o.warn(
        `Could not save the checkpoint to the Actions cache (${describe(error)}). The next run starts from state.json in the destination or re-reads from backfill-start-time; nothing is lost, duplicates are dropped.`
      );
      return false;
    }
  }
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return e?.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : (e?.message ?? String(error));
}
