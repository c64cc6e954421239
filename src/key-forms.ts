// The API key in every form that could reach a log, an output or an error: as given, as the
// Basic-auth credential (with and without its scheme), URL-encoded and base64-encoded. One place,
// used to mask the key in the runner's log and to redact it from any text the action writes.

export class KeyForms {
  readonly raw: string;
  /** base64 of `key:` (the key as user name, empty password), as sent after `Basic `. */
  readonly basic: string;
  /** The whole Authorization header value. */
  readonly authorization: string;
  readonly urlEncoded: string;
  readonly base64: string;

  constructor(key: string) {
    this.raw = key;
    this.basic = Buffer.from(`${key}:`).toString('base64');
    this.authorization = `Basic ${this.basic}`;
    this.urlEncoded = encodeURIComponent(key);
    this.base64 = Buffer.from(key).toString('base64');
  }

  /** Every distinct form, longest first (so a form inside another is never left half-replaced). */
  all(): string[] {
    if (!this.raw) return [];
    const forms = [this.authorization, this.basic, this.urlEncoded, this.raw, this.base64];
    return [...new Set(forms)].sort((a, b) => b.length - a.length);
  }

  /** The text with every form of the key replaced by `***` (`Basic ***` for the header). */
  redact(text: string): string {
    if (!this.raw) return text;
    return this.all()
      .filter((form) => form !== this.authorization)
      .reduce((t, form) => t.split(form).join('***'), text);
  }
}

/** The key in every form that could reach a log (for masking with the runner, and for tests that look for leaks). */
export function secretForms(key: string): string[] {
  return new KeyForms(key).all();
}
