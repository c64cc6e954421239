/**
 * What a route answers (a `Reply`, or an `ApiError` carrying GitHub's error shape) and how it
 * reads a request's JSON body.
 */

/** An error answer as api.github.com gives it: `message`, `documentation_url` and `status`. */
export class ApiError extends Error {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  constructor(status: number, message: string, doc: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
    this.body = {
      message,
      ...extra,
      documentation_url: doc.startsWith('http') ? doc : `https://docs.github.com/rest/${doc}`,
      status: String(status)
    };
  }
}

export interface Reply {
  status: number;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request's JSON body as an object, else GitHub's 400. */
export function bodyOf(body: unknown, doc: string): Record<string, unknown> {
  if (!isRecord(body)) throw new ApiError(400, 'Problems parsing JSON', doc);
  return body;
}

/** A string field of the body, or undefined when it is missing or null; anything else is GitHub's 422. */
export function optionalString(body: Record<string, unknown>, key: string, doc: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ApiError(422, `Invalid request.\n\nFor '${key}', ${JSON.stringify(value)} is not a string.`, doc);
  return value;
}

/** A string field the body must have (GitHub's 422 when it is missing, null or not a string). */
export function requiredString(body: Record<string, unknown>, key: string, doc: string): string {
  const value = body[key];
  if (value === undefined || value === null) throw new ApiError(422, `Invalid request.\n\n"${key}" wasn't supplied.`, doc);
  return optionalString(body, key, doc) as string;
}
