// Check 6: the ledger against its attestations, which GitHub keeps outside the repository's
// history. For each line number n, the attestations of line n's place (attestation.ts) are listed
// and each bundle verified; only a valid one, signed by a workflow of the record's repository, is
// evidence. Line n of the chain must be the line such an attestation names; a line that says it
// was attested must have one; and a valid attestation past the ledger's end shows lines removed.
// The lookups and the bundle verification come in through small interfaces.
import { type BundleJSON, ledgerPath, placeDigest, signedLine } from '../attestation.ts';
import type { ReadLine } from '../ledger.ts';
import { CheckResult, figure } from './problems.ts';

export interface AttestationLookup {
  /** Every bundle GitHub lists for each subject digest (`sha256:<hex>`), all pages; a digest with none may be left out. */
  list(digests: string[]): Promise<Map<string, BundleJSON[]>>;
}

/** Verifies a bundle's signature, certificate chain, transparency or timestamp, and signer; why not, or undefined when it holds. */
export type BundleCheck = (bundle: BundleJSON) => string | undefined;

export interface AttestationCheckOptions {
  lines: ReadLine[];
  /** owner/name of the record's repository. */
  repository: string;
  path: string;
  lookup: AttestationLookup;
  verify: BundleCheck;
  /** The run asked for attestations (`attest: true`): the check runs even when no line says it was attested. */
  required: boolean;
  /** The most places past the ledger's end that are looked up while each still has an attestation. */
  maxBeyond?: number;
}

/** The valid attestations of each place asked for: the line hashes they name, by line number. */
async function attestedAt(options: AttestationCheckOptions, numbers: number[], tally: { listed: number; invalid: number }): Promise<Map<number, Set<string>>> {
  const places = numbers.map((number) => ({ number, place: placeDigest(options.repository, options.path, number) }));
  const found = await options.lookup.list(places.map(({ place }) => `sha256:${place}`));
  const out = new Map<number, Set<string>>();
  for (const { number, place } of places) {
    const hashes = new Set<string>();
    for (const bundle of found.get(`sha256:${place}`) ?? []) {
      tally.listed++;
      const signed = signedLine(bundle);
      if (!signed || signed.place !== place || signed.line !== number || options.verify(bundle) !== undefined) tally.invalid++;
      else hashes.add(signed.hash);
    }
    out.set(number, hashes);
  }
  return out;
}

/** The numbers from `from` to `to`, both included. */
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** The check when there is nothing to read (no line says it was attested, and `required` is off); undefined when it must run. */
export function attestationsNotRun(lines: ReadLine[], required: boolean): CheckResult | undefined {
  if (required || lines.some((read) => read.line?.attested)) return undefined;
  const result = new CheckResult('attestations');
  result.figures = 'not run: no ledger line was attested (attest: true on the verify step requires attestations)';
  return result;
}

export async function attestationCheck(options: AttestationCheckOptions): Promise<CheckResult> {
  const skipped = attestationsNotRun(options.lines, options.required);
  if (skipped) return skipped;
  const result = new CheckResult('attestations');
  const { lines } = options;
  const ledger = ledgerPath(options.path);
  const claimed = lines.filter((read) => read.line?.attested).length;
  const tally = { listed: 0, invalid: 0 };
  const where = (number: number) => `${ledger}:${number}`;
  // every line's place and the one past the end, in one lookup
  const attested = await attestedAt(options, range(1, lines.length + 1), tally);
  let proven = 0;
  /** The first line attested (or said to be): with `required`, every line from it on must be. */
  let since: number | undefined;
  for (const read of lines) {
    const hashes = attested.get(read.number) ?? new Set<string>();
    for (const hash of hashes) {
      if (hash === read.hash) continue;
      result.add(
        where(read.number),
        `line ${read.number} was attested with SHA-256 ${hash.slice(0, 12)}, but the ledger holds a line with SHA-256 ${read.hash.slice(0, 12)} there: the history was rewritten after the line was attested`
      );
    }
    if (hashes.has(read.hash)) {
      proven++;
      since ??= read.number;
    } else if (read.line?.attested) {
      since ??= read.number;
      result.add(
        where(read.number),
        `line ${read.number} says it was attested, but no valid attestation from a workflow of ${options.repository} names it: a forged line, or its run failed to store the attestation (and failed saying so)`
      );
    } else if (options.required && since !== undefined) {
      result.add(
        where(read.number),
        `line ${read.number} is not attested, though line ${since} before it was: written by a sync step without attest: true, or forged`
      );
    }
  }
  // attest: true on the verify step: the newest line must be proven, even when no line says it was attested
  const newest = lines.at(-1);
  if (options.required && newest && since === undefined) {
    result.add(
      where(newest.number),
      `line ${newest.number}, the newest, has no valid attestation, and no line before it was attested, though attest: true asks for attestations`
    );
  }
  // Lines removed from the end: their places still have attestations (looked up a hundred at a time).
  const maxBeyond = options.maxBeyond ?? 1000;
  let removed = 0;
  for (let number = lines.length + 1; number <= lines.length + maxBeyond; number++) {
    if (!attested.has(number)) {
      for (const [n, hashes] of await attestedAt(options, range(number, Math.min(number + 99, lines.length + maxBeyond)), tally)) attested.set(n, hashes);
    }
    const hashes = attested.get(number)!;
    if (hashes.size === 0) break;
    removed++;
    result.add(
      where(number),
      `line ${number} was attested (SHA-256 ${[...hashes][0]!.slice(0, 12)}), but the ledger ends at line ${lines.length}: lines were removed after they were attested`
    );
  }
  result.figures = `${figure(lines.length)} ledger line(s), ${figure(claimed)} marked attested, ${figure(proven)} proven by an attestation; ${figure(tally.listed)} attestation(s) read${removed ? `, ${figure(removed)} past the end` : ''}`;
  if (tally.invalid) {
    result.notes.push(
      `${figure(tally.invalid)} attestation(s) listed for the ledger's lines did not verify (signature, certificate, log or timestamp, or a signer other than a workflow of ${options.repository}) and were not taken as evidence.`
    );
  }
  return result;
}
