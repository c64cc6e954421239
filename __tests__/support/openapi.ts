// Checks recorded exchanges with the fake GitHub API against GitHub's own OpenAPI description of
// api.github.com (npm @octokit/openapi): each request must be a documented operation (method and
// path template) with a documented status and, where it sends one, a body valid for the
// operation's requestBody schema; each JSON answer must validate against the response schema
// documented for its status. Schemas are checked with Ajv (strict off, formats on), $refs resolved
// against the description's components.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FakeExchange } from '../../fake/github-api.ts';

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const COMPONENTS_ID = 'https://api.github.com/openapi.json';

type Json = Record<string, unknown>;

interface Operation {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  literal: number;
  loose: RegExp;
  spec: Json;
}

export interface OpenApiReport {
  requests: number;
  checked: number;
  /** Distinct operations seen. */
  operations: Set<string>;
  /** Distinct (operation, status) response schemas validated. */
  responseSchemas: Set<string>;
  /** Distinct operations whose request body was validated. */
  requestBodySchemas: Set<string>;
  /** Answers of raw bytes (Accept: application/vnd.github.raw), not JSON: no schema applies. */
  raw: number;
  problems: string[];
  line: string;
}

/** Path parameters that GitHub documents as holding slashes (`heads/main`, `a/b/c.jsonl`). */
const SLASHED = new Set(['ref', 'path']);

function templateRegex(template: string, loose: boolean): RegExp {
  const parts = template.split(/(\{[^}]+\})/);
  const src = parts
    .map((part) => (part.startsWith('{') ? (loose && SLASHED.has(part.slice(1, -1)) ? '.+' : '[^/]+') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${src}$`);
}

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: `null` added to `type` (and `enum`), or, where
 * there is no `type` (an allOf or a $ref made nullable), `anyOf` null or the schema.
 */
function nullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullable);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = nullable(v);
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  return { anyOf: [{ type: 'null' }, out] };
}

export class OpenApiChecker {
  private readonly ops: Operation[] = [];
  private readonly ajv: Ajv;
  private readonly spec: Json;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    this.spec = nullable(JSON.parse(readFileSync(file, 'utf8'))) as Json;
    for (const [template, item] of Object.entries(this.spec.paths as Record<string, Json>)) {
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'put', 'post', 'patch', 'delete', 'head'].includes(method)) continue;
        const spec = op as Json;
        this.ops.push({
          operationId: String(spec.operationId),
          method: method.toUpperCase(),
          template,
          pattern: templateRegex(template, false),
          loose: templateRegex(template, true),
          literal: template.replace(/\{[^}]+\}/g, '').length,
          spec
        });
      }
    }
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: COMPONENTS_ID, components: this.spec.components }, COMPONENTS_ID);
  }

  /** The documented operation for a method and a concrete path, or undefined. */
  operation(method: string, path: string): Operation | undefined {
    const candidates = this.ops.filter((o) => o.method === method);
    const strict = candidates.filter((o) => o.pattern.test(path));
    const pool = strict.length ? strict : candidates.filter((o) => o.loose.test(path));
    // Octokit's copy keeps a deprecated alias beside some operations (compare/{base}...{head}
    // beside compare/{basehead}): the current one wins, then the most specific template
    const deprecated = (o: Operation) => (o.spec.deprecated === true || String(o.spec.description ?? '').startsWith('**Deprecated**') ? 1 : 0);
    return pool.sort((a, b) => deprecated(a) - deprecated(b) || b.literal - a.literal)[0];
  }

  private deref(value: unknown): Json {
    let v = value as Json;
    for (let i = 0; v && typeof v.$ref === 'string' && i < 10; i++) {
      let target: unknown = this.spec;
      for (const seg of (v.$ref as string).replace(/^#\//, '').split('/')) target = (target as Json)[seg];
      v = target as Json;
    }
    return v;
  }

  /** A schema's $refs pointed at the registered components document. */
  private validator(key: string, schema: unknown): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) {
      const text = JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${COMPONENTS_ID}#/`);
      fn = this.ajv.compile(JSON.parse(text) as Json);
      this.compiled.set(key, fn);
    }
    return fn;
  }

  private static errors(fn: ValidateFunction): string {
    return (fn.errors ?? [])
      .slice(0, 8)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`)
      .join('; ');
  }

  check(exchanges: readonly FakeExchange[]): OpenApiReport {
    const report: OpenApiReport = {
      requests: exchanges.length,
      checked: 0,
      operations: new Set(),
      responseSchemas: new Set(),
      requestBodySchemas: new Set(),
      raw: 0,
      problems: [],
      line: ''
    };
    for (const x of exchanges) {
      const what = `${x.method} ${x.path} (${x.status})`;
      const op = this.operation(x.method, x.path);
      if (!op) {
        report.problems.push(`${what}: no documented operation for this method and path`);
        continue;
      }
      const id = op.operationId;
      let ok = true;
      const fail = (m: string) => {
        ok = false;
        report.problems.push(`${what} [${id}]: ${m}`);
      };
      report.operations.add(id);

      // query parameters: each one documented for the operation
      const params = ((op.spec.parameters as unknown[]) ?? []).map((p) => this.deref(p));
      for (const name of new Set(x.query.keys())) {
        const param = params.find((p) => p.in === 'query' && p.name === name);
        if (!param) fail(`query parameter ${name} is not documented`);
        else if (param.schema) {
          const fn = this.validator(`${id} query ${name}`, param.schema);
          const raw = x.query.get(name) ?? '';
          const t = (this.deref(param.schema).type as string | undefined) ?? 'string';
          const value = t === 'integer' || t === 'number' ? Number(raw) : t === 'boolean' ? raw === 'true' : raw;
          if (!fn(value)) fail(`query parameter ${name}=${raw}: ${OpenApiChecker.errors(fn)}`);
        }
      }

      // request body
      const rb = op.spec.requestBody ? this.deref(op.spec.requestBody) : undefined;
      if (x.requestBody !== undefined) {
        const schema = (rb?.content as Record<string, Json> | undefined)?.['application/json']?.schema;
        if (!schema) fail('sends a JSON body, but the operation documents none');
        else {
          const fn = this.validator(`${id} request`, schema);
          report.requestBodySchemas.add(id);
          if (!fn(x.requestBody)) fail(`request body invalid: ${OpenApiChecker.errors(fn)}`);
        }
      } else if (rb?.required === true) fail('sends no body, but the operation requires one');

      // response
      const responses = op.spec.responses as Record<string, unknown>;
      const documented = responses[String(x.status)] ?? responses.default;
      if (!documented) fail(`status ${x.status} is not documented (documented: ${Object.keys(responses).join(', ')})`);
      else if (x.raw) report.raw++;
      else {
        const content = this.deref(documented).content as Record<string, Json> | undefined;
        const type = (x.responseHeaders['content-type'] ?? '').split(';')[0]?.trim() ?? '';
        if (x.responseBody === undefined) {
          if (content?.['application/json']?.schema) fail(`answers no body; GitHub documents a JSON body for ${x.status}`);
        } else {
          const schema = content?.[type]?.schema ?? content?.['application/json']?.schema;
          if (!schema) fail(`answers a ${type || 'untyped'} body; GitHub documents none for ${x.status}`);
          else {
            const fn = this.validator(`${id} ${x.status}`, schema);
            report.responseSchemas.add(`${id} ${x.status}`);
            if (!fn(x.responseBody)) fail(`answer invalid: ${OpenApiChecker.errors(fn)}`);
          }
        }
      }
      if (ok) report.checked++;
    }
    report.line = `openapi: ${report.operations.size} operations, ${report.responseSchemas.size} response schemas, ${report.requestBodySchemas.size} request body schemas checked over ${report.checked} of ${report.requests} requests${report.raw ? ` (${report.raw} raw file answers, no schema)` : ''}`;
    return report;
  }
}
