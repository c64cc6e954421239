// Realistic Cursor audit-log events for the fake Admin API, the tests and the demo.
// Deterministic: every value comes from a small seeded PRNG (mulberry32), so the same seed gives
// the same events, byte for byte. Only documentation addresses are used (example.com, RFC 5737).

export type AuditEventObject = Record<string, unknown>;

/**
 * The `eventTypes` values Cursor's Admin API page lists for `GET /teams/audit-logs`, in its order
 * (docs/cursor-api.md § Event types).
 */
export const ADMIN_API_EVENT_TYPES: string[] = [
  'login',
  'logout',
  'add_user',
  'remove_user',
  'update_user_role',
  'team_settings',
  'mcp_server_config',
  'team_api_key',
  'user_api_key',
  'privacy_mode',
  'user_spend_limit',
  'team_rule',
  'team_repo',
  'team_hook',
  'team_command',
  'create_directory_group',
  'delete_directory_group',
  'update_directory_group',
  'update_directory_group_permissions',
  'add_user_to_directory_group',
  'remove_user_from_directory_group',
  'bugbot_installation',
  'bugbot_installation_settings',
  'bugbot_repo_settings',
  'bugbot_team_rule',
  'bugbot_team_settings',
  'bugbot_bulk_repo_update'
];

/**
 * Every event type the generator knows: the Admin API's list, then the types Cursor's compliance
 * page and the Elastic integration's pipeline also name (§ Event types). The API may send others.
 */
export const EVENT_TYPES: string[] = [
  ...ADMIN_API_EVENT_TYPES,
  'organization_api_key',
  'service_account',
  'api_key',
  'invite_link',
  'invite_email_sent',
  'cloud_agent_secret',
  'cloud_agent_user_settings',
  'protected_git_scope',
  'protected_git_scope_access_check'
];

/** Relative frequency of each type in generated streams: mostly logins, a few admin actions. */
const WEIGHTS: Record<string, number> = {
  login: 60,
  logout: 12,
  add_user: 3,
  remove_user: 1,
  update_user_role: 2,
  team_settings: 2.5,
  mcp_server_config: 2,
  team_api_key: 0.8,
  user_api_key: 2,
  privacy_mode: 0.8,
  user_spend_limit: 2,
  team_rule: 1.5,
  team_repo: 1,
  team_hook: 1,
  team_command: 0.8,
  create_directory_group: 0.4,
  delete_directory_group: 0.2,
  update_directory_group: 0.3,
  update_directory_group_permissions: 0.3,
  add_user_to_directory_group: 2,
  remove_user_from_directory_group: 0.8,
  bugbot_installation: 0.3,
  bugbot_installation_settings: 0.3,
  bugbot_repo_settings: 0.6,
  bugbot_team_rule: 0.4,
  bugbot_team_settings: 0.3,
  bugbot_bulk_repo_update: 0.2,
  organization_api_key: 0.3,
  service_account: 0.3,
  api_key: 0.4,
  invite_link: 0.6,
  invite_email_sent: 1.5,
  cloud_agent_secret: 0.5,
  cloud_agent_user_settings: 1,
  protected_git_scope: 0.2,
  protected_git_scope_access_check: 1
};

/** The actor of system events (auto-enrolment, automated removals): Cursor writes "unknown" (§ System events). */
export const SYSTEM_ACTOR = 'unknown';

export type Rng = () => number;

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for test data. Returns floats in [0, 1). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, used to derive a seed from an explicit event_id. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const chance = (rng: Rng, p: number): boolean => rng() < p;

/** A version-4-shaped UUID drawn from the PRNG. */
export function uuidFromRng(rng: Rng): string {
  const b: number[] = [];
  for (let i = 0; i < 16; i++) b.push(Math.floor(rng() * 256));
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const ALPHANUM = '0123456789abcdefghijklmnopqrstuvwxyz';
function token(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUM[Math.floor(rng() * ALPHANUM.length)];
  return out;
}

// The team: people, their usual addresses, and who the admins are.
interface Member {
  email: string;
  userId: string;
  ips: string[];
  admin: boolean;
}

const PEOPLE = [
  'maria.garcia',
  'wei.chen',
  'aisha.okafor',
  'lukas.schmidt',
  'priya.raman',
  'tom.becker',
  'sofia.rossi',
  'kenji.tanaka',
  'nora.lindqvist',
  'omar.haddad',
  'julia.novak',
  'daniel.kim',
  'fatima.zahra',
  'ethan.walsh',
  'ines.moreau',
  'raj.patel',
  'hannah.muller',
  'diego.alvarez',
  'leila.karimi',
  'sam.oconnor'
];
const ADMINS = new Set(['maria.garcia', 'lukas.schmidt', 'priya.raman']);

const MEMBERS: Member[] = PEOPLE.map((name, i) => ({
  email: `${name}@example.com`,
  userId: `user_${hashString(name).toString(36).padStart(7, '0')}${(i * 7919).toString(36).padStart(4, '0')}`,
  ips: [`203.0.113.${10 + i * 11}`, `198.51.100.${20 + i * 9}`, ...(i % 3 === 0 ? [`192.0.2.${100 + i * 7}`] : [])],
  admin: ADMINS.has(name)
}));
const ADMIN_MEMBERS = MEMBERS.filter((m) => m.admin);
const NEW_HIRES = ['alex.ivanova', 'ben.adeyemi', 'chloe.dubois', 'dev.sharma', 'eva.jensen', 'felix.huber', 'grace.liu', 'hugo.silva'];
export const TEAM_ID = 4817203;
const ROLES = ['OWNER', 'MEMBER', 'FREE_OWNER'];
const DIRECTORY_GROUPS = [
  { name: 'Engineering', description: 'All engineers' },
  { name: 'Platform', description: 'Platform and infrastructure' },
  { name: 'Contractors', description: 'External contractors, limited access' },
  { name: 'Data Science', description: 'ML and analytics' }
];

function teamSettingsChange(rng: Rng): Record<string, unknown> {
  // Setting names Cursor's compliance page lists; the values are ours.
  const options: Array<() => Record<string, unknown>> = [
    () => ({ setting_name: 'team_hard_limit_dollars', old_value: 5000, new_value: pick(rng, [7500, 10000, 2500]) }),
    () => ({ setting_name: 'team_hard_limit_per_user_dollars', old_value: 200, new_value: pick(rng, [150, 300]) }),
    () => ({ setting_name: 'per_user_monthly_limit_dollars', old_value: 100, new_value: pick(rng, [50, 120, 250]) }),
    () => {
      const on = chance(rng, 0.5);
      return { setting_name: 'admin_only_usage_pricing', old_value: !on, new_value: on };
    },
    () => ({ setting_name: 'team_name', old_value: 'Example Eng', new_value: 'Example Engineering' }),
    () => ({ setting_name: 'slack_default_repo', old_value: '', new_value: 'https://github.com/example-org/platform' }),
    () => ({ setting_name: 'slack_default_model', old_value: 'default', new_value: pick(rng, ['fast', 'default']) }),
    () => {
      const on = chance(rng, 0.6);
      return { setting_name: 'slack_share_summary', old_value: !on, new_value: on };
    }
  ];
  return pick(rng, options)();
}

const settingChange = (rng: Rng, names: readonly string[]): Record<string, unknown> => {
  const on = chance(rng, 0.5);
  return { setting_name: pick(rng, names), old_value: !on, new_value: on };
};

/** A hashed-looking hex string (Cursor hashes some owners, e.g. git_org_owner). */
const hex = (rng: Rng, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(rng() * 16).toString(16);
  return out;
};

const REPOS = ['platform', 'web-app', 'billing-service', 'mobile', 'infra', 'docs-site'];
const repoUrl = (name: string): string => `https://github.com/example-org/${name}`;

function keyAction(rng: Rng, prefix: string): Record<string, unknown> {
  return { action: chance(rng, 0.65) ? 'create' : 'revoke', key_id: `${prefix}_${token(rng, 20)}` };
}

/** What the event_data of one event is drawn from. */
interface EventDataContext {
  rng: Rng;
  /** Who did it. */
  actor: Member;
  /** A system event (no actor; Cursor writes "unknown"). */
  system: boolean;
  /** A member other than the actor. */
  other: () => Member;
  /** `create`, `update` or `delete`. */
  crud: () => string;
}

type EventDataMaker = (context: EventDataContext) => Record<string, unknown>;

const teamRule: EventDataMaker = ({ rng, crud }) => {
  const rule = pick(rng, [
    'Use TypeScript strict mode',
    'Never commit secrets',
    'Prefer the internal HTTP client',
    'Write tests for every bug fix',
    'Follow the API style guide'
  ]);
  return { action: crud(), rule_id: `rule_${token(rng, 12)}`, rule_name: rule, is_active: chance(rng, 0.85), is_required: chance(rng, 0.4) };
};

const teamHook: EventDataMaker = ({ rng, crud }) => {
  const step = pick(rng, ['beforeShellExecution', 'beforeMCPExecution', 'afterFileEdit', 'beforeSubmitPrompt', 'stop']);
  const prompt = chance(rng, 0.3);
  const all = ['macos', 'linux', 'windows'];
  const script = pick(rng, ['audit-shell.sh', 'block-secrets.py', 'format-on-edit.sh', 'log-prompt.js']);
  return {
    action: crud(),
    hook_id: `hook_${token(rng, 12)}`,
    hook_step: step,
    hook_type: prompt ? 'prompt' : 'command',
    script_name: prompt ? '' : script,
    operating_systems: chance(rng, 0.6) ? all : all.filter((os) => os === 'linux' || chance(rng, 0.5)),
    is_active: chance(rng, 0.9),
    script_content: prompt ? '' : `#!/bin/sh\n# ${script}: checks the step input and allows it\necho '{"continue":true}'\n`,
    prompt_content: prompt ? 'Refuse edits that add credentials to the repository.' : '',
    prompt_model: prompt ? 'default' : ''
  };
};

const directoryGroupMember: EventDataMaker = ({ rng, other }) => ({ directory_group_id: `dg_${token(rng, 14)}`, user_email: other().email });

/**
 * The event_data of each event type (field names from the record, values ours). Every maker draws
 * from the PRNG in a fixed order, so the same seed gives the same data.
 */
const EVENT_DATA: Record<string, EventDataMaker> = {
  login: () => ({ login_type: 'LOGIN_TYPE_WEB', success: true }),
  logout: () => ({}),
  add_user: ({ rng, actor, system }) => {
    const source = system ? 'autoEnroll' : pick(rng, ['invite', 'invite', 'sso', 'signup']);
    const invited = source === 'invite';
    return {
      user_email: `${pick(rng, NEW_HIRES)}${int(rng, 1, 99)}@example.com`,
      role: chance(rng, 0.9) ? 'member' : 'owner',
      source,
      team_id: TEAM_ID,
      invited_by_email: invited ? actor.email : '',
      invited_by_user_id: invited ? actor.userId : '',
      invite_id: invited ? hex(rng, 8) : ''
    };
  },
  remove_user: ({ other }) => ({ user_email: other().email }),
  update_user_role: ({ rng, other }) => {
    const oldRole = pick(rng, ROLES);
    const newRole = pick(
      rng,
      ROLES.filter((r) => r !== oldRole)
    );
    return { old_role: oldRole, new_role: newRole, user_email: other().email };
  },
  team_settings: ({ rng }) => teamSettingsChange(rng),
  mcp_server_config: ({ rng }) => {
    const server = pick(rng, [
      { server_name: 'github', server_type: 'STDIO' },
      { server_name: 'linear', server_type: 'HTTP' },
      { server_name: 'postgres-readonly', server_type: 'STDIO' },
      { server_name: 'sentry', server_type: 'HTTP' },
      { server_name: 'internal-docs', server_type: 'HTTP' }
    ]);
    return { action: pick(rng, ['create', 'update', 'rename', 'delete']), ...server, scope: chance(rng, 0.7) ? 'team' : 'user' };
  },
  team_api_key: ({ rng }) => keyAction(rng, 'tkey'),
  user_api_key: ({ rng }) => keyAction(rng, 'ukey'),
  privacy_mode: ({ rng }) => {
    const modes = ['PRIVACY_MODE_OFF', 'PRIVACY_MODE_ON', 'PRIVACY_MODE_NO_TRAINING'];
    const oldMode = pick(rng, modes);
    return {
      old_privacy_mode: oldMode,
      new_privacy_mode: pick(
        rng,
        modes.filter((m) => m !== oldMode)
      ),
      scope: chance(rng, 0.6) ? 'team' : 'user'
    };
  },
  user_spend_limit: ({ rng, other }) => {
    const oldLimit = chance(rng, 0.2) ? null : int(rng, 1, 20) * 1000;
    return { target_user_email: other().email, old_limit_cents: oldLimit, new_limit_cents: int(rng, 1, 40) * 1000 };
  },
  team_rule: teamRule,
  team_repo: ({ rng }) => {
    const name = pick(rng, REPOS);
    return {
      action: pick(rng, ['create', 'delete', 'update_settings']),
      repo_name: name,
      repo_url: repoUrl(name),
      metadata: JSON.stringify({ defaultBranch: 'main', indexing: chance(rng, 0.8) })
    };
  },
  team_hook: teamHook,
  team_command: ({ rng, crud }) => ({
    action: crud(),
    command_id: `cmd_${token(rng, 12)}`,
    command_name: pick(rng, ['review-pr', 'write-changelog', 'triage-issue', 'explain-diff']),
    is_active: chance(rng, 0.9)
  }),
  create_directory_group: ({ rng }) => {
    const group = pick(rng, DIRECTORY_GROUPS);
    return {
      directory_group_id: `dg_${token(rng, 14)}`,
      metadata: JSON.stringify({ displayName: group.name, description: group.description, source: 'scim', externalId: uuidFromRng(rng) })
    };
  },
  delete_directory_group: ({ rng }) => ({ directory_group_id: `dg_${token(rng, 14)}` }),
  update_directory_group: ({ rng }) => {
    const group = pick(rng, DIRECTORY_GROUPS);
    return { directory_group_id: `dg_${token(rng, 14)}`, old_value: group.name, new_value: `${group.name} (all sites)` };
  },
  update_directory_group_permissions: ({ rng }) => {
    const group = pick(rng, DIRECTORY_GROUPS);
    return {
      directory_group_id: `dg_${token(rng, 14)}`,
      directory_group_name: group.name,
      old_value: ['models:default'],
      new_value: ['models:default', pick(rng, ['models:max', 'cloud_agents', 'bugbot'])]
    };
  },
  add_user_to_directory_group: directoryGroupMember,
  remove_user_from_directory_group: directoryGroupMember,
  bugbot_installation: ({ rng }) => {
    const enterprise = chance(rng, 0.25);
    return {
      action: chance(rng, 0.75) ? 'connect' : 'disconnect',
      installation_id: int(rng, 10_000_000, 99_999_999),
      github_app_type: enterprise ? 'enterprise' : 'dotcom',
      github_hostname: enterprise ? 'github.example.com' : 'github.com'
    };
  },
  bugbot_installation_settings: ({ rng }) => ({
    installation_id: int(rng, 10_000_000, 99_999_999),
    ...settingChange(rng, ['run_only_when_mentioned', 'review_draft_prs'])
  }),
  bugbot_repo_settings: ({ rng }) => {
    const name = pick(rng, REPOS);
    return { repo_url: repoUrl(name), repo_node_id: `R_kgDO${token(rng, 8)}`, ...settingChange(rng, ['enabled', 'run_once_per_pr']) };
  },
  bugbot_team_rule: teamRule,
  bugbot_team_settings: ({ rng }) => settingChange(rng, ['inline_comments', 'skip_subsequent_commits']),
  bugbot_bulk_repo_update: ({ rng }) => ({
    installation_id: int(rng, 10_000_000, 99_999_999),
    repos_updated: int(rng, 2, 40),
    bugbot_enabled: chance(rng, 0.7)
  }),
  organization_api_key: ({ rng }) => ({
    action: chance(rng, 0.65) ? 'create' : 'revoke',
    organization_id: `org_${token(rng, 10)}`,
    api_key_id: `okey_${token(rng, 16)}`,
    api_key_name: 'SIEM export'
  }),
  service_account: ({ rng }) => ({
    action: pick(rng, ['create', 'archive', 'set_spend_limit']),
    service_account_id: `sa_${token(rng, 12)}`,
    service_account_name: pick(rng, ['ci-bot', 'release-bot']),
    old_spend_limit_cents: 10000,
    new_spend_limit_cents: 20000
  }),
  api_key: ({ rng }) => ({
    action: pick(rng, ['create', 'rotate', 'update_repo_scope']),
    service_account_id: `sa_${token(rng, 12)}`,
    service_account_name: 'ci-bot',
    api_key_id: `sakey_${token(rng, 16)}`,
    repo_scope: [repoUrl(pick(rng, REPOS))],
    repo_scope_enabled: chance(rng, 0.5)
  }),
  invite_link: ({ rng, actor }) => ({
    action: chance(rng, 0.8) ? 'create' : 'revoke',
    role: 'member',
    expires_in_seconds: 7 * 86_400,
    invite_id: hex(rng, 8),
    creator_email: actor.email
  }),
  invite_email_sent: ({ rng, actor }) => ({
    recipient_email: `${pick(rng, NEW_HIRES)}${int(rng, 1, 99)}@example.com`,
    role: 'member',
    invite_id: hex(rng, 8),
    sender_email: actor.email
  }),
  cloud_agent_secret: ({ rng, crud }) => ({
    action: crud(),
    secret_name: pick(rng, ['NPM_TOKEN', 'SENTRY_DSN', 'DATABASE_URL']),
    scope: chance(rng, 0.6) ? 'team' : 'user',
    scoped_to_repos: [repoUrl(pick(rng, REPOS))]
  }),
  cloud_agent_user_settings: ({ rng }) => {
    const on = chance(rng, 0.5);
    return {
      setting_name: pick(rng, ['auto_create_pr', 'notify_on_finish']),
      old_value: !on,
      new_value: on,
      source: pick(rng, ['ide', 'dashboard', 'slack'])
    };
  },
  protected_git_scope: ({ rng, actor }) => ({
    action: chance(rng, 0.7) ? 'create' : 'delete',
    scope_id: `pgs_${token(rng, 10)}`,
    git_org_owner: hex(rng, 64),
    git_provider: 'github',
    user_id: actor.userId
  }),
  protected_git_scope_access_check: ({ rng, actor }) => ({
    git_org_owner: hex(rng, 64),
    git_provider: 'github',
    result: 'allowed',
    reason: 'member_of_scope',
    user_id: actor.userId
  })
};

/** The event_data of one event of `type`, for an event done by `actor`; empty for a type the table lacks. */
function eventData(type: string, rng: Rng, actor: Member, system: boolean): Record<string, unknown> {
  const make = Object.hasOwn(EVENT_DATA, type) ? EVENT_DATA[type] : undefined;
  if (!make) return {};
  const other = (): Member => {
    const m = pick(rng, MEMBERS);
    return m === actor ? (MEMBERS[(MEMBERS.indexOf(m) + 1) % MEMBERS.length] as Member) : m;
  };
  const crud = (): string => pick(rng, ['create', 'update', 'delete']);
  return make({ rng, actor, system, other, crud });
}

function toTimestamp(timestamp: Date | string | number): string {
  if (typeof timestamp === 'string') return timestamp; // verbatim, so tests can serve odd timestamps
  return (timestamp instanceof Date ? timestamp : new Date(timestamp)).toISOString();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function buildEvent(type: string, timestamp: Date | string | number, rng: Rng, overrides?: Record<string, unknown>): AuditEventObject {
  const eventId = uuidFromRng(rng);
  // Logins and logouts come from anyone; admin actions from admins (members manage their own keys).
  const selfService = type === 'login' || type === 'logout' || type === 'user_api_key' || type === 'mcp_server_config' || type === 'cloud_agent_user_settings';
  const actor = selfService ? pick(rng, MEMBERS) : pick(rng, ADMIN_MEMBERS);
  // § System events: auto-enrolment and automated removals have no actor; Cursor writes "unknown".
  const system = (type === 'add_user' && chance(rng, 0.25)) || (type === 'remove_user' && chance(rng, 0.3));
  const event: AuditEventObject = {
    event_id: eventId,
    timestamp: toTimestamp(timestamp),
    ip_address: system ? SYSTEM_ACTOR : pick(rng, actor.ips),
    user_email: system ? SYSTEM_ACTOR : actor.email,
    event_type: type,
    event_data: eventData(type, rng, actor, system)
  };
  if (overrides) {
    for (const [key, value] of Object.entries(overrides)) {
      if (value === undefined) delete event[key];
      else if (key === 'event_data' && isPlainObject(value) && isPlainObject(event.event_data)) {
        event.event_data = { ...event.event_data, ...value };
        for (const [k, v] of Object.entries(value)) if (v === undefined) delete (event.event_data as Record<string, unknown>)[k];
      } else event[key] = value;
    }
  }
  return event;
}

/**
 * One event of `type` at `timestamp` (a Date, epoch milliseconds, or a string used verbatim).
 * `overrides` replace top-level fields in place (keeping the key order; new keys go last); an
 * `undefined` value removes the field; a plain-object `event_data` is merged into the generated one.
 * Deterministic when `options.seed` is given or `overrides.event_id` is set (its hash seeds the
 * rest); otherwise random.
 */
export function makeEvent(type: string, timestamp: Date | string | number, overrides?: Record<string, unknown>, options?: { seed?: number }): AuditEventObject {
  let seed = options?.seed;
  if (seed === undefined && overrides && typeof overrides.event_id === 'string') seed = hashString(overrides.event_id);
  if (seed === undefined) seed = Math.floor(Math.random() * 2 ** 32);
  return buildEvent(type, timestamp, createRng(seed), overrides);
}

export interface GenerateEventsOptions {
  start: Date | number;
  end: Date | number;
  count: number;
  seed?: number;
  /** Restrict to these types (the usual weights, renormalised; unknown types weigh 1). */
  types?: string[];
}

/**
 * `count` events with timestamps spread uniformly over [start, end) at millisecond precision,
 * sorted by timestamp then event_id (oldest first). Same options, same events.
 */
export function generateEvents(opts: GenerateEventsOptions): AuditEventObject[] {
  const start = +opts.start;
  const end = +opts.end;
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError('generateEvents: invalid start or end');
  if (!Number.isInteger(opts.count) || opts.count < 0) throw new RangeError('generateEvents: count must be a non-negative integer');
  if (opts.count === 0) return [];
  if (end <= start) throw new RangeError('generateEvents: end must be after start');
  const types = opts.types && opts.types.length > 0 ? opts.types : EVENT_TYPES;
  const weights = types.map((t) => WEIGHTS[t] ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const rng = createRng(opts.seed ?? 1);
  const pickType = (): string => {
    let r = rng() * total;
    for (let i = 0; i < types.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return types[i] as string;
    }
    return types[types.length - 1] as string;
  };

  const seen = new Set<string>();
  const events: Array<{ ms: number; id: string; event: AuditEventObject }> = [];
  for (let i = 0; i < opts.count; i++) {
    const ms = start + Math.floor(rng() * (end - start));
    const type = pickType();
    let event = buildEvent(type, ms, rng);
    while (seen.has(event.event_id as string)) event = { ...event, event_id: uuidFromRng(rng) };
    seen.add(event.event_id as string);
    events.push({ ms, id: event.event_id as string, event });
  }
  events.sort((a, b) => a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return events.map((e) => e.event);
}
