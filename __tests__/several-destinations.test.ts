// Several destinations: each gets every event since its own last success. A pull-request head that
// a rule refused gets the first run's events once the rule is lifted, although the branch (and the
// cache) moved on without it.
import { type FakeGitHub, startFakeGitHub } from '../fake/github-api.ts';
import { generateEvents } from '../fake/events.ts';
import { DAY, MINUTE } from '../src/time.ts';
import { gitRecord } from './support/git-record.ts';
import { harness, type Harness } from './support/harness.ts';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const TOKEN = 'ghs_several_destinations';
const HEAD = 'cursor-audit-logs-update';

let h: Harness;
let gh: FakeGitHub;
afterEach(async () => {
  await h?.close();
  await gh?.close();
});

const idsOn = (branch: string) => gitRecord(gh.gitDir).ids(branch);

it('branch and pull-request: a head a rule refused gets every event once the rule is lifted', async () => {
  const first = generateEvents({ start: NOW - 2 * DAY, end: NOW - MINUTE, count: 40, seed: 8 });
  h = await harness({ start: NOW, events: first });
  const rules: Record<string, string> = { [HEAD]: 'Cannot create ref due to creations being restricted.' };
  gh = await startFakeGitHub({ owner: 'acme', repo: 'audit', token: TOKEN, rules });
  const run = () => h.run({ destination: 'branch, pull-request', 'github-token': TOKEN, repository: 'acme/audit' }, { env: { GITHUB_API_URL: gh.url } });

  const refused = await run();
  expect(refused.rec.failed).toMatch(/pull-request: A repository rule refused .* set pull-request-branch to a branch no rule covers/);
  expect(refused.rec.failed).not.toMatch(/Use `destination: pull-request`/);
  expect(refused.outputs.checkpoint).toBe('');
  expect((await idsOn('cursor-audit-logs')).length).toBe(40);

  delete rules[HEAD];
  h.clock.advance(60 * MINUTE);
  const later = generateEvents({ start: NOW, end: NOW + 50 * MINUTE, count: 5, seed: 9 });
  h.api.addEvents(later);
  const lifted = await run();
  expect(lifted.rec.failed).toBeUndefined();
  const all = [...first, ...later].map((e) => String(e.event_id)).sort();
  expect(await idsOn(HEAD)).toEqual(all);
  expect(await idsOn('cursor-audit-logs')).toEqual(all);
  expect(lifted.text).toMatch(/the pull-request destination holds no usable checkpoint of its own/);
});
