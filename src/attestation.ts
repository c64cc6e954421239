// What an attestation of a ledger line says, and reading one back. Pure: no I/O.
//
// The in-toto statement has two subjects. The first is the line itself: its SHA-256, so
// `gh attestation verify` and GitHub's listing find the attestation from the line. The second is
// the line's place: the SHA-256 of a text naming the repository, the ledger and the line number.
// Anyone can compute it without the line, so `verify` can list every attestation ever made for
// line n of this ledger, even after a rewrite replaced that line (its own digest then names a
// line no longer in the chain, and could not be looked up from the record).
import { HEX64, isRecord, LEDGER_FILE, type LedgerLine, sha256 } from './ledger.ts';

export const PREDICATE_TYPE = 'https://github.com/your-org/cursor-audit-logs-action/ledger-line/v1';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';

/** A Sigstore bundle as JSON (as GitHub stores and lists it). */
export type BundleJSON = Record<string, unknown>;

export interface Subject {
  name: string;
  digest: { sha256: string };
}

/** What this action signs for one ledger line. */
export interface LedgerPredicate {
  /** The ledger, relative to the repository. */
  ledger: string;
  line: number;
  range: { start: string; end: string };
  added: number;
  base: string;
  prev: string;
  files: Record<string, string>;
}

export interface LedgerStatement {
  subjects: Subject[];
  predicateType: string;
  predicate: LedgerPredicate;
}

/** A ledger line as appended: its number, its SHA-256 and what it says. */
export interface AppendedLine {
  number: number;
  hash: string;
  line: LedgerLine;
}

/** A ledger line with its Sigstore bundle, signed before the destination wrote it and stored once it did. */
export interface SignedLedgerLine extends AppendedLine {
  bundle: BundleJSON;
}

/** The ledger's path in the repository. */
export function ledgerPath(path: string): string {
  return `${path}/${LEDGER_FILE}`;
}

/** The digest of line `number`'s place in the ledger at `path` of `repository` (owner/name, any case). */
export function placeDigest(repository: string, path: string, number: number): string {
  return sha256(`cursor-audit-logs ledger line\n${repository.toLowerCase()}\n${ledgerPath(path)}\n${number}`);
}

/** The statement that attests a ledger line. */
export function ledgerStatement(repository: string, path: string, appended: AppendedLine): LedgerStatement {
  const { number, hash, line } = appended;
  const ledger = ledgerPath(path);
  return {
    subjects: [
      { name: `${ledger}#L${number}`, digest: { sha256: hash } },
      { name: `${repository.toLowerCase()}/${ledger} line ${number}`, digest: { sha256: placeDigest(repository, path, number) } }
    ],
    predicateType: PREDICATE_TYPE,
    predicate: { ledger, line: number, range: line.range, added: line.added, base: line.base, prev: line.prev, files: line.files }
  };
}

/** What a bundle's DSSE envelope signs, when it is one of this action's ledger statements. */
export interface SignedLine {
  /** The line's SHA-256 (the first subject). */
  hash: string;
  /** The line number the predicate names. */
  line: number;
  /** The place subject's digest. */
  place: string;
}

/** Reads the statement a bundle signs; undefined when it is not a ledger-line statement of this action. Never throws. */
export function signedLine(bundle: unknown): SignedLine | undefined {
  if (!isRecord(bundle) || !isRecord(bundle.dsseEnvelope) || typeof bundle.dsseEnvelope.payload !== 'string') return undefined;
  let statement: unknown;
  try {
    statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(statement) || statement.predicateType !== PREDICATE_TYPE || !Array.isArray(statement.subject) || !isRecord(statement.predicate))
    return undefined;
  const digests = statement.subject.map((subject) => (isRecord(subject) && isRecord(subject.digest) ? subject.digest.sha256 : undefined));
  const line = statement.predicate.line;
  if (digests.length !== 2 || !digests.every((d) => typeof d === 'string' && HEX64.test(d)) || !Number.isSafeInteger(line)) return undefined;
  return { hash: digests[0] as string, place: digests[1] as string, line: line as number };
}
