import type { TSchema, Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { Settings } from 'typebox/system';
import { AppError, validationError, type FieldError } from './errors.ts';

interface AjvLikeError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

interface SchemaNode {
  title?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  errorMessage?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  format?: string;
}

function nodeAt(schema: SchemaNode, pathParts: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const p of pathParts) {
    if (!node) return undefined;
    node = node.properties?.[p] ?? (/^\d+$/.test(p) ? node.items : undefined);
  }
  return node;
}

const FORMAT_NAMES: Record<string, string> = { date: '日期（YYYY-MM-DD）', email: '电子邮箱', uri: '网址', 'date-time': '时间' };

/** Turns validator errors (TypeBox or Fastify's Ajv) into Chinese messages naming each field by its schema title. */
export function describeErrors(schema: TSchema, errors: readonly AjvLikeError[]): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const parts = e.instancePath.split('/').filter(Boolean);
    if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') parts.push(e.params.missingProperty);
    if (e.keyword === 'required' && Array.isArray(e.params.requiredProperties)) {
      for (const p of e.params.requiredProperties as string[]) {
        const f = [...parts, p].join('.');
        if (seen.has(f)) continue;
        seen.add(f);
        const node = nodeAt(schema as SchemaNode, [...parts, p]);
        out.push({ field: f, message: `${node?.title ?? p}：必须填写` });
      }
      continue;
    }
    // an unknown property: named by itself (Ajv: params.additionalProperty at the parent; TypeBox: a root error
    // listing them and a `false` schema at each one's own path, which this folds into the same field)
    const unknown = unknownPropertyOf(e, parts);
    if (unknown) {
      for (const name of unknown.names) {
        const f = [...unknown.parent, name].join('.');
        if (seen.has(f)) continue;
        seen.add(f);
        out.push({ field: f, message: `含有不认识的字段 ${name}` });
      }
      continue;
    }
    const field = parts.join('.') || '(body)';
    if (seen.has(field)) continue;
    seen.add(field);
    const node = nodeAt(schema as SchemaNode, parts);
    const label = node?.title ?? (parts.at(-1) ?? '请求内容');
    out.push({ field, message: `${label}：${node?.errorMessage ?? explain(e, node)}` });
  }
  return out;
}

function unknownPropertyOf(e: AjvLikeError, parts: string[]): { parent: string[]; names: string[] } | null {
  if (e.keyword === 'additionalProperties') {
    const names = Array.isArray(e.params.additionalProperties) ? (e.params.additionalProperties as unknown[]).map(String) : typeof e.params.additionalProperty === 'string' ? [e.params.additionalProperty] : [];
    return names.length ? { parent: parts, names } : null;
  }
  const schemaPath = (e as { schemaPath?: unknown }).schemaPath;
  if (e.keyword === 'boolean' && typeof schemaPath === 'string' && schemaPath.endsWith('/additionalProperties') && parts.length > 0) {
    return { parent: parts.slice(0, -1), names: [parts[parts.length - 1] as string] };
  }
  return null;
}

function explain(e: AjvLikeError, node: SchemaNode | undefined): string {
  switch (e.keyword) {
    case 'required':
      return '必须填写';
    case 'minLength':
      return node?.minLength === 1 ? '必须填写' : `至少 ${String(e.params.limit ?? node?.minLength)} 个字符`;
    case 'maxLength':
      return `不能超过 ${String(e.params.limit ?? node?.maxLength)} 个字符`;
    case 'minimum':
      return `不能小于 ${String(e.params.limit ?? node?.minimum)}`;
    case 'maximum':
      return `不能大于 ${String(e.params.limit ?? node?.maximum)}`;
    case 'minItems':
      return `至少选择 ${String(e.params.limit ?? node?.minItems)} 项`;
    case 'maxItems':
      return `最多选择 ${String(e.params.limit ?? node?.maxItems)} 项`;
    case 'pattern':
      return '格式不正确';
    case 'format':
      return `应为有效的${FORMAT_NAMES[String(e.params.format)] ?? '格式'}`;
    case 'enum':
    case 'const':
    case 'anyOf':
      return '不是允许的选项';
    case 'type':
      return e.params.type === 'integer' || e.params.type === 'number' ? '必须是数字' : '类型不正确';
    case 'additionalProperties':
      return `含有不认识的字段 ${String(e.params.additionalProperty ?? '')}`;
    default:
      return '填写有误';
  }
}

// Forms are larger than TypeBox's default buffer of 8 errors; every bad field must be named.
Settings.Set({ maxErrors: 64 });

const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>();

/**
 * Validates untrusted input against a TypeBox schema (the same one the route documents).
 * Returns the typed value; throws AppError VALIDATION_FAILED with a Chinese message per field.
 */
export function validateInput<S extends TSchema>(schema: S, input: unknown): Static<S> {
  const { value, fields } = checkInput(schema, input);
  if (value !== undefined) return value;
  if (!fields.length) throw new AppError('VALIDATION_FAILED', '提交的内容不符合要求');
  throw validationError(fields);
}

/**
 * Validates without throwing: the typed value, or one Chinese message per bad field (none only when the input
 * is not an object at all). Services use it to add their own checks (uniqueness, references) to the same list,
 * so a form shows every problem at once.
 */
export function checkInput<S extends TSchema>(schema: S, input: unknown): { value: Static<S> | undefined; fields: FieldError[] } {
  let validator = compiled.get(schema);
  if (!validator) {
    validator = Compile(schema);
    compiled.set(schema, validator);
  }
  if (validator.Check(input)) return { value: input as Static<S>, fields: [] };
  const errors = [...validator.Errors(input)] as unknown as AjvLikeError[];
  return { value: undefined, fields: describeErrors(schema, errors) };
}
