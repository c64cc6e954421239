// Every input error is reported before any request: the run fails naming the input and the fake
// Cursor API receives nothing.
import { harness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => (h = await harness()));
afterAll(async () => h.close());

it.each([
  ['backfill-start-time', { 'backfill-start-time': '2026-13-45' }],
  ['backfill-start-time', { 'backfill-start-time': '2999-01-01T00:00:00Z' }],
  ['end-time', { 'end-time': 'tomorrow' }],
  ['page-size', { 'page-size': '0' }],
  ['page-size', { 'page-size': '501' }],
  ['window-days', { 'window-days': '31' }],
  ['destination', { destination: 'workspace, ftp' }],
  ['path', { path: '../../etc' }],
  ['path', { path: '/tmp/abs' }],
  ['api-key', { 'api-key': '' }],
  ['requests-per-minute', { 'requests-per-minute': 'fast' }],
  ['lookback', { lookback: '-10m' }],
  ['base-url', { 'base-url': 'ftp://example.com' }],
  ['repository', { destination: 'branch', 'github-token': 'x', repository: 'acme' }],
  ['github-token', { destination: 'branch', 'github-token': '', repository: 'acme/audit' }]
])('%s %p', async (name, inputs) => {
  const before = h.api.requests.length;
  const { rec } = await h.run(inputs);
  expect(rec.failed).toContain(name);
  expect(h.api.requests.length).toBe(before);
  expect(h.cache.calls).toEqual([]);
});
