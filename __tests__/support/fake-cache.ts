// A stand-in for the Actions cache service at the @actions/cache boundary: it keeps copies of the
// saved paths, keyed like the real service (exact key, then newest entry by prefix).
import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheApi } from '../../src/checkpoint-cache.ts';

export interface FakeCache extends CacheApi {
  entries: Map<string, { paths: string[]; dir: string }>;
  calls: string[];
  available: boolean;
  failSave?: Error | 'minus-one';
}

/** `home` stands for the runner's home folder, where the `~/` of a cache path points. */
export function fakeCache(storeDir: string, home: string): FakeCache {
  const resolve = (p: string) => (p.startsWith('~/') ? join(home, p.slice(2)) : p);
  const entries = new Map<string, { paths: string[]; dir: string }>();
  const fake: FakeCache = {
    entries,
    calls: [],
    available: true,
    isFeatureAvailable: () => fake.available,
    async restoreCache(paths, primaryKey, restoreKeys = []) {
      fake.calls.push(`restore ${primaryKey} ${restoreKeys.join(',')}`);
      let hit = entries.has(primaryKey) ? primaryKey : undefined;
      for (const prefix of restoreKeys) {
        if (hit) break;
        hit = [...entries.keys()].reverse().find((k) => k.startsWith(prefix));
      }
      if (!hit) return undefined;
      const entry = entries.get(hit)!;
      if (entry.paths.join('\n') !== paths.join('\n')) return undefined; // another version
      for (const [i, p] of paths.entries()) {
        await rm(resolve(p), { recursive: true, force: true });
        await cp(join(entry.dir, String(i)), resolve(p), { recursive: true });
      }
      return hit;
    },
    async saveCache(paths, key) {
      fake.calls.push(`save ${key}`);
      if (fake.failSave === 'minus-one') return -1;
      if (fake.failSave) throw fake.failSave;
      // A key already taken: @actions/cache's saveCache catches its own ReserveCacheError ("Unable to
      // reserve cache with key …, another job may be creating this cache"), logs it with core.info
      // and returns -1 (lib/cache.js, saveCacheV1 and saveCacheV2), so the caller sees -1, not a throw.
      if (entries.has(key)) return -1;
      const dir = join(storeDir, `${entries.size}`);
      await mkdir(dir, { recursive: true });
      for (const [i, p] of paths.entries()) await cp(resolve(p), join(dir, String(i)), { recursive: true });
      entries.set(key, { paths: [...paths], dir });
      return entries.size;
    }
  };
  return fake;
}
