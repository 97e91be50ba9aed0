/**
 * The "Run now" form's values and their conversion to trigger params. Fields are text
 * (numbers too, so "abc" gets a message instead of silently becoming empty) except
 * booleans; a field left at its default is not sent, so the backend's defaults and
 * validation stay the single source of truth.
 */
import type { JobParameter } from '@medallion/plugin-lakehouse-common';

export type ParamFieldValue = string | boolean;
export type ParamFormValues = Record<string, ParamFieldValue>;

export interface ParsedParams {
  /** Only the params that differ from their defaults. */
  params: Record<string, unknown>;
  /** Problems by parameter name; empty when the form is valid. */
  errors: Record<string, string>;
}

/** A default as the form shows it (empty: no default). */
export function defaultFieldValue(parameter: JobParameter): ParamFieldValue {
  const value = parameter.default;
  switch (parameter.type) {
    case 'boolean':
      return value === true;
    case 'string[]':
      return Array.isArray(value) ? value.map(String).join(', ') : '';
    case 'number':
    case 'integer':
      return typeof value === 'number' ? String(value) : '';
    default:
      return typeof value === 'string' ? value : '';
  }
}

export function initialParamValues(
  parameters: readonly JobParameter[],
): ParamFormValues {
  return Object.fromEntries(
    parameters.map(p => [p.name, defaultFieldValue(p)]),
  );
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

type Parsed = { value: unknown } | { error: string } | 'unset';

function parseField(parameter: JobParameter, field: ParamFieldValue): Parsed {
  if (parameter.type === 'boolean') return { value: field === true };
  const text = String(field).trim();
  if (text === '') return 'unset';
  const allowed = parameter.enum;
  switch (parameter.type) {
    case 'integer': {
      const n = Number(text);
      return INTEGER.test(text) && Number.isSafeInteger(n)
        ? { value: n }
        : { error: 'must be a whole number' };
    }
    case 'number': {
      const n = Number(text);
      return NUMBER.test(text) && Number.isFinite(n)
        ? { value: n }
        : { error: 'must be a number' };
    }
    case 'string[]': {
      const items = text
        .split(',')
        .map(s => s.trim())
        .filter(Boolean);
      const wrong = allowed ? items.filter(i => !allowed.includes(i)) : [];
      if (wrong.length)
        return {
          error: `${wrong.join(', ')}: not one of ${allowed?.join(', ')}`,
        };
      return items.length ? { value: items } : 'unset';
    }
    default:
      return allowed && !allowed.includes(text)
        ? { error: `must be one of ${allowed.join(', ')}` }
        : { value: text };
  }
}

const sameValue = (a: unknown, b: unknown) =>
  JSON.stringify(a) === JSON.stringify(b);

export function parseParamValues(
  parameters: readonly JobParameter[],
  values: ParamFormValues,
): ParsedParams {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const parameter of parameters) {
    const parsed = parseField(
      parameter,
      values[parameter.name] ?? defaultFieldValue(parameter),
    );
    if (parsed === 'unset') continue;
    if ('error' in parsed) errors[parameter.name] = parsed.error;
    else if (
      !sameValue(parsed.value, parameter.default) &&
      // an unchecked box whose parameter has no default says nothing
      !(parameter.type === 'boolean' && !parsed.value && !parameter.default)
    )
      params[parameter.name] = parsed.value;
  }
  return { params, errors };
}

/**
 * The per-parameter problems in a backend InputError ("Invalid params for job producer:
 * params.rate: Too small; params.count: …"), so they can sit next to their fields.
 */
export function paramErrorsFromMessage(
  message: string,
  parameters: readonly JobParameter[],
): Record<string, string> {
  const names = new Set(parameters.map(p => p.name));
  const errors: Record<string, string> = {};
  for (const match of message.matchAll(
    /params\.([A-Za-z0-9_]+)(?:\.[^:;]*)?: ([^;]+)/g,
  )) {
    const [, name, problem] = match;
    if (names.has(name) && !errors[name]) errors[name] = problem.trim();
  }
  return errors;
}
