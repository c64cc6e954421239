// Memory that does not grow with the backfill: a run with several destinations stores 50,000 events
// of 2 KB (100 MB of lines) under a 64 MB heap, so it must work one day file at a time; keeping
// every new event for the union (as the action once did) runs out of memory.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const CHILD = join(import.meta.dirname, 'support', 'store-bounded.ts');

function storeUnderSmallHeap(root: string, destinations: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      ['--max-old-space-size=64', CHILD, root, '100', '500', destinations],
      { env: { ...process.env, PAD: '2000', NODE_OPTIONS: '' }, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    )
  );
}

describe('memory', () => {
  it('stores a backfill in workspace and artifact one day file at a time, within a heap far smaller than its events', async () => {
    const root = await mkdtemp(join(tmpdir(), 'memory-test-'));
    try {
      const run = await storeUnderSmallHeap(root, 'workspace,artifact');
      expect({ code: run.code, oom: /heap out of memory/.test(run.stderr) }).toEqual({ code: 0, oom: false });
      const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
      // The union counts each event once; the artifact got only what was new to the workspace (all of it here).
      expect(result).toEqual({ added: 50_000, notable: 50_000, days: 100, failed: [], uploaded: 100 });
      const dayFiles = (await readdir(join(root, 'audit'), { recursive: true })).filter((f) => f.endsWith('.jsonl'));
      expect(dayFiles).toHaveLength(100);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});
