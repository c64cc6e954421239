// Storing in several destinations: the union each event once, a failed destination's share left
// out, a destination that starts over counted once, the artifact given every event fetched.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Destination, StoreRequest } from '../src/destinations/destination.ts';
import { type AuditEvent, toEvent } from '../src/events.ts';
import { EventSpool } from '../src/spool.ts';
import { storeEverywhere } from '../src/store.ts';

const event = (id: string, day: number) =>
  toEvent(JSON.stringify({ event_id: id, timestamp: `2026-11-${String(day).padStart(2, '0')}T01:00:00.000Z`, event_type: 'login' }));

/** A destination that already holds some keys and adds the rest; it may fail after adding, or start over once. */
function fake(name: string, holds: string[], o: { fail?: boolean; restart?: boolean } = {}): Destination & { given: string[] } {
  const given: string[] = [];
  return {
    name,
    keepsRecord: name !== 'artifact',
    given,
    readCheckpoint: async () => undefined,
    async store(request: StoreRequest) {
      const pass = async () => {
        const added = request.tally();
        for (const file of request.events.files()) {
          const events = request.events.read(file).filter((e: AuditEvent) => !holds.includes(e.key));
          given.push(...events.map((e) => e.key));
          added.add(events);
        }
        return added;
      };
      if (o.restart) await pass();
      const added = await pass();
      if (o.fail) throw new Error(`${name} broke`);
      return { added, files: [], outputs: {}, links: [] };
    }
  };
}

async function storeIn(destinations: Destination[]) {
  using spool = new EventSpool(mkdtempSync(join(tmpdir(), 'store-test-')));
  spool.add(['a', 'b', 'c', 'd'].map((id, i) => event(id, 20 + i)));
  const quiet = { info: () => {}, error: () => {}, startGroup: () => {}, endGroup: () => {} };
  const result = await storeEverywhere({ destinations, spool, state: undefined, notableTypes: new Set(), render: (t) => t, reporter: quiet });
  return { count: result.added.count, days: result.added.dayCounts(), succeeded: result.succeeded, failed: result.failed.length };
}

describe('storeEverywhere', () => {
  it('counts the union of what the destinations added, each event once', async () => {
    const result = await storeIn([fake('workspace', ['a', 'b']), fake('branch', ['c'])]);
    expect(result).toEqual({
      count: 4,
      days: [
        ['2026-11-20', 1],
        ['2026-11-21', 1],
        ['2026-11-22', 1],
        ['2026-11-23', 1]
      ],
      succeeded: ['workspace', 'branch'],
      failed: 0
    });
  });

  it('leaves out what only a failed destination added', async () => {
    const result = await storeIn([fake('workspace', ['a', 'b']), fake('branch', ['c', 'd'], { fail: true })]);
    expect([result.count, result.succeeded, result.failed]).toEqual([2, ['workspace'], 1]);
  });

  it('counts a destination that starts over (a new tally) once', async () => {
    const result = await storeIn([fake('branch', [], { restart: true }), fake('workspace', ['a'])]);
    expect(result.count).toBe(4);
  });

  it('gives the artifact every event fetched, and counts it only when no record stored them', async () => {
    const artifact = fake('artifact', []);
    const both = await storeIn([artifact, fake('workspace', ['a', 'c'])]);
    expect([artifact.given.sort(), both.count]).toEqual([['a', 'b', 'c', 'd'], 2]);
    const alone = await storeIn([fake('artifact', []), fake('workspace', [], { fail: true })]);
    expect([alone.count, alone.succeeded]).toEqual([4, ['artifact']]);
  });
});
