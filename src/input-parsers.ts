// The parsers of the input table (inputs.ts): each turns one input's text (as given, or its default)
// into its value, and reports what is wrong with it. Rules that involve several inputs are in
// input-rules.ts.
import { formatDuration, formatTime, parseDuration, parseTimeSpec } from './time.ts';

/** What a parser knows of the input it reads, and how it reports a problem or a warning. */
export interface InputReader {
  /** The input's name in action.yml. */
  name: string;
  /** The run's start (ms since the epoch): times back from now count from it. */
  now: number;
  /** The input's default (action.yml's, with `${{ github.* }}` read from the environment). */
  fallback: string;
  /** The input's text as an error shows it: quoted, control characters escaped, the key hidden. */
  shown(): string;
  /** A problem with the input, in words of its own. */
  problem(text: string): void;
  /** `<name> <value> is not valid: <accepted>.` */
  invalid(accepted: string): void;
  /** An accepted but suspicious value (never containing the key). */
  warn(text: string): void;
}

/** Turns an input's text into its value; on a problem, reports it and returns a stand-in. */
export type Parser<T> = (raw: string, input: InputReader) => T;

// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f]/;
/** The shapes Cursor shows: `key_` + 64 characters (its dashboard and API pages), `crsr_` + 64 (its connector page). */
const KEY_SHAPE = /^(key|crsr)_\S{64}$/;
const TEMPLATE_PLACEHOLDERS = new Set(['start', 'end', 'count']);
const REPOSITORY = /^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/;

/** What the path input accepts (also said when the artifact destination refuses its characters). */
export const PATH_ACCEPTED =
  'a relative folder is expected, such as cursor-audit-logs or audit/cursor, without "..", "." or empty segments or parts over 255 bytes, not absolute, not inside .git (and for the artifact destination without * ? < > | " :)';
/** What the repository input accepts (also said when a destination needs one and there is none). */
export const REPOSITORY_ACCEPTED = 'owner/name of a GitHub repository is expected';

/** Shows a user's value in an error: quoted, control characters escaped, long values cut. */
export function showValue(value: string): string {
  return JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
}

/** The message for a value an input does not accept; `shown` is the value as `showValue` shows it. */
export function notValid(name: string, shown: string, accepted: string): string {
  return `${name} ${shown} is not valid: ${accepted}.`;
}

/** Items separated by commas or newlines, trimmed, without empty ones or repeats. */
export function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean)
    )
  ];
}

/** An input that may be left empty (then `undefined`); otherwise read by `parse`. */
export function optional<T>(parse: Parser<T>): Parser<T | undefined> {
  return (raw, input) => (raw === '' ? undefined : parse(raw, input));
}

/** The Cursor Admin API key: required, trimmed, never shown; an unusual shape is only a warning. */
export const adminApiKey: Parser<string> = (raw, input) => {
  const key = raw.trim();
  if (key === '') {
    input.problem(
      'api-key is empty: pass the Cursor Admin API key from a secret, e.g. `api-key: ${{ secrets.CURSOR_API_KEY }}` (is the secret defined in this repository or environment?).'
    );
  } else if (/\s/.test(key) || CONTROL.test(key)) {
    input.problem('api-key contains white space or control characters inside it: copy the key again from Dashboard → Settings → Advanced → Admin API Keys.');
  } else if (!KEY_SHAPE.test(key)) {
    input.warn(
      'api-key does not look like a Cursor Admin API key (key_ or crsr_ followed by 64 characters); continuing, but a 401 would mean the key is wrong or truncated.'
    );
  }
  return key;
};

/** A whole number from `min` to `max`; on a problem, the default's. */
export function wholeNumber(min: number, max: number): Parser<number> {
  return (raw, input) => {
    if (/^\d{1,9}$/.test(raw) && Number(raw) >= min && Number(raw) <= max) return Number(raw);
    input.invalid(`expected a whole number from ${min} to ${max}`);
    return Number(input.fallback);
  };
}

/** true or false (also True, TRUE, False, FALSE); empty is false. */
export const trueOrFalse: Parser<boolean> = (raw, input) => {
  if (/^(true|True|TRUE)$/.test(raw)) return true;
  if (raw !== '' && !/^(false|False|FALSE)$/.test(raw)) input.invalid('expected true or false');
  return false;
};

/** A duration (30s, 10m, 5h, 7d) from `min` to `max`, or 0 when `zeroOk`; on a problem, the default's. */
export function duration(min: number, max: number, zeroOk: boolean): Parser<number> {
  return (raw, input) => {
    const ms = parseDuration(raw);
    if (ms !== undefined && (ms === 0 ? zeroOk : ms >= min && ms <= max)) return ms;
    input.invalid(`expected a duration such as 30s, 10m, 5h or 7d${zeroOk ? ' (0 for none)' : ''}, from ${formatDuration(min)} to ${formatDuration(max)}`);
    return parseDuration(input.fallback) ?? 0;
  };
}

/** A time in the past (RFC 3339, a date or a duration back from now); when empty or on a problem, `otherwise(now)`. */
export function pastTime<T extends number | undefined>(otherwise: (now: number) => T): Parser<number | T> {
  return (raw, input) => {
    if (raw === '') return otherwise(input.now);
    const spec = parseTimeSpec(raw, input.now);
    if (!spec) {
      input.invalid('expected an RFC 3339 time (2026-10-01T00:00:00Z, offsets allowed), a date (2026-10-01) or a duration back from now (12h, 7d)');
    } else if (spec.ms > input.now) {
      input.problem(`${input.name} ${input.shown()} is in the future (it is now ${formatTime(input.now)}); give a time in the past.`);
    } else {
      return spec.ms;
    }
    return otherwise(input.now);
  };
}

/** A title or message with the placeholders {start}, {end} and {count}; newlines allowed, no other control characters. */
export const template: Parser<string> = (raw, input) => {
  const unknown = [...raw.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).filter((p) => !TEMPLATE_PLACEHOLDERS.has(p));
  if (unknown.length) input.invalid('the placeholders it may use are {start}, {end} and {count}');
  else if (CONTROL.test(raw.replace(/\n/g, ''))) input.invalid('it must not contain control characters');
  return raw;
};

/** Why `name` is not a git branch name GitHub accepts (git check-ref-format, simplified), if it is not. */
function branchProblem(name: string): string | undefined {
  if (!name) return 'it is empty';
  if (CONTROL.test(name) || /[\s~^:?*[\\]/.test(name)) return 'it has spaces or one of ~ ^ : ? * [ \\';
  if (name === '@' || name.includes('..') || name.includes('@{') || name.includes('//')) return 'it is "@" or has "..", "@{" or "//"';
  if (/^[-/.]|[/.]$|\/\./.test(name) || name.split('/').some((part) => part.endsWith('.lock'))) {
    return 'it starts or ends with "-", "/" or ".", or a part ends with ".lock"';
  }
  if (name.length > 200) return 'it is longer than 200 characters';
  return undefined;
}

/** A git branch name. */
export const branchName: Parser<string> = (raw, input) => {
  const problem = branchProblem(raw);
  if (problem) input.invalid(`a git branch name is expected, but ${problem}`);
  return raw;
};

/** A list (comma or newline separated) whose items have no control characters. */
export const list: Parser<string[]> = (raw, input) => {
  const items = splitList(raw);
  if (items.some((i) => CONTROL.test(i))) input.invalid('items must not contain control characters');
  return items;
};

/** One or more of `accepted` (comma or newline separated); on a problem, the names as given. */
export function oneOrMoreOf<Name extends string>(accepted: readonly Name[]): Parser<Name[]> {
  return (raw, input) => {
    const names = splitList(raw) as Name[];
    if (names.length === 0 || names.some((name) => !accepted.includes(name))) {
      input.invalid(`accepted are ${accepted.join(', ')} (one or more, comma or newline separated)`);
    }
    return names;
  };
}

/** Exactly one of `accepted`; on a problem, the first. */
export function oneOf<Name extends string>(accepted: readonly Name[]): Parser<Name> {
  return (raw, input) => {
    if ((accepted as readonly string[]).includes(raw)) return raw as Name;
    input.invalid(`accepted are ${accepted.join(', ')} (one of them)`);
    return accepted[0];
  };
}

/** A folder relative to the repository or workspace, without leading `./` and trailing `/`. */
export const relativeFolder: Parser<string> = (raw, input) => {
  const path = raw.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const segments = path.split('/');
  if (
    path === '' ||
    path.startsWith('/') ||
    /^[A-Za-z]:/.test(path) ||
    path.includes('\\') ||
    CONTROL.test(path) ||
    segments.some((s) => s === '..' || s === '.' || s === '' || s.toLowerCase() === '.git' || Buffer.byteLength(s) > 255)
  ) {
    input.invalid(PATH_ACCEPTED);
  }
  return path;
};

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** An https:// URL (http:// on loopback) without credentials, query or fragment, without trailing `/`. */
export const httpsUrl: Parser<string> = (raw, input) => {
  const trimmed = raw.replace(/\/+$/, '');
  try {
    const url = new URL(trimmed);
    if (url.username || url.password || url.search || url.hash) throw new Error('extra parts');
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) throw new Error('not https');
    return url.toString().replace(/\/+$/, '');
  } catch {
    input.invalid('an https:// URL without credentials, query or fragment is expected (http:// only for localhost)');
    return trimmed;
  }
};

/** owner/name of a GitHub repository; empty is none. */
export const repositoryName: Parser<{ owner: string; repo: string } | undefined> = (raw, input) => {
  const match = REPOSITORY.exec(raw);
  if (match && match[2] !== '.' && match[2] !== '..') return { owner: match[1], repo: match[2] };
  if (raw !== '') input.invalid(REPOSITORY_ACCEPTED);
  return undefined;
};

/** The GitHub token, sent in an HTTP header: no white space, control or non-ASCII characters; never shown. */
export const githubToken: Parser<string> = (raw, input) => {
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]|[^\x00-\xff]/.test(raw)) {
    input.problem('github-token contains white space, control or non-ASCII characters: pass the token unchanged, e.g. `${{ secrets.AUDIT_TOKEN }}`.');
  }
  return raw;
};

/** An artifact name: none of " : < > | * ? \ / nor control characters. */
export const artifactName: Parser<string> = (raw, input) => {
  if (/[":<>|*?\\/]/.test(raw) || CONTROL.test(raw)) input.invalid('it must not contain any of " : < > | * ? \\ / or control characters');
  return raw;
};

/** A cache key part: letters, digits, ".", "_" and "-", not starting with ".", at most 200 characters. */
export const cacheKey: Parser<string> = (raw, input) => {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/.test(raw)) {
    input.invalid('letters, digits, ".", "_" and "-" only, not starting with ".", at most 200 characters');
  }
  return raw;
};
