// A child process for the memory test: stores many events in several destinations under a small
// heap (`node --max-old-space-size=…`), so a run that kept every new event in memory runs out.
//   node __tests__/support/store-bounded.ts <folder> <days> <events-a-day> <destinations>
import { join } from 'node:path';
import { makeEvent } from '../../fake/events.ts';
import { ArtifactDestination } from '../../src/destinations/artifact.ts';
import type { Destination } from '../../src/destinations/destination.ts';
import { WorkspaceDestination } from '../../src/destinations/workspace.ts';
import { toEvent } from '../../src/events.ts';
import { EventSpool } from '../../src/spool.ts';
import { storeEverywhere } from '../../src/store.ts';

const [root = '', days = '0', perDay = '0', names = 'workspace'] = process.argv.slice(2);
const START = Date.parse('2026-01-01T00:00:00.000Z');
const DAY = 86_400_000;
const spool = new EventSpool(join(root, 'temp'));
for (let d = 0; d < Number(days); d++) {
  for (let from = 0; from < Number(perDay); from += 500) {
    const batch = [];
    for (let i = from; i < Math.min(from + 500, Number(perDay)); i++) {
      const ms = START + d * DAY + Math.floor((i * DAY) / Number(perDay));
      batch.push(
        toEvent(
          JSON.stringify(makeEvent('add_user_to_team', ms, { event_id: `e-${d}-${i}`, event_data: { pad: 'x'.repeat(Number(process.env.PAD ?? 2000)) } }))
        )
      );
    }
    spool.add(batch);
  }
}
let uploaded = 0;
const destinations = names.split(',').map((name): Destination => {
  if (name === 'workspace') return new WorkspaceDestination(root, 'audit');
  const uploader = { uploadArtifact: async (_n: string, files: string[]) => ((uploaded += files.length), { id: 1 }) };
  return new ArtifactDestination({ name: 'audit', retentionDays: undefined, path: 'audit', env: { RUNNER_TEMP: join(root, 'temp') }, uploader });
});
const result = await storeEverywhere({
  destinations,
  spool,
  state: undefined,
  notableTypes: new Set(['add_user_to_team']),
  render: (t) => t,
  reporter: { info: () => {}, error: (m) => console.error(m), startGroup: () => {}, endGroup: () => {} }
});
spool.dispose();
console.log(
  JSON.stringify({ added: result.added.count, notable: result.added.notableCount, days: result.added.dayCounts().length, failed: result.failed, uploaded })
);
