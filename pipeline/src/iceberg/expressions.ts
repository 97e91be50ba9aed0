/**
 * Row filters for scans: unbound expressions on column names, bound to field ids and
 * typed literals against a schema, and the evaluators that prune with them: on a
 * partition tuple (through each transform's inclusive projection), on a manifest's
 * partition summaries and on a data file's column metrics. Pruning is conservative:
 * "false" means no row can match; "true" means some might.
 */
import {
  coerceValue,
  compareValues,
  fromBytes,
  type InternalValue,
} from './conversions';
import {
  projectInclusive,
  type LiteralOp,
  type PartitionPredicate,
  type SetOp,
  type UnaryOp,
} from './transforms';
import {
  indexFields,
  isPrimitive,
  parsePrimitive,
  type DataFile,
  type FieldSummary,
  type PartitionSpec,
  type PartitionTuple,
  type PrimitiveType,
  type StructType,
} from './types';

export type Expression =
  | { op: 'true' | 'false' }
  | { op: 'and' | 'or'; args: Expression[] }
  | { op: 'not'; arg: Expression }
  | { op: UnaryOp; column: string }
  | { op: LiteralOp; column: string; value: unknown }
  | { op: SetOp; column: string; values: unknown[] };

export class ExpressionError extends Error {}

// ---------------------------------------------------------------- builders

export const alwaysTrue = (): Expression => ({ op: 'true' });
export const and = (...args: Expression[]): Expression => ({ op: 'and', args });
export const or = (...args: Expression[]): Expression => ({ op: 'or', args });
export const not = (arg: Expression): Expression => ({ op: 'not', arg });
export const isNull = (column: string): Expression => ({
  op: 'is_null',
  column,
});
export const notNull = (column: string): Expression => ({
  op: 'not_null',
  column,
});
export const eq = (column: string, value: unknown): Expression => ({
  op: '=',
  column,
  value,
});
export const notEq = (column: string, value: unknown): Expression => ({
  op: '!=',
  column,
  value,
});
export const lt = (column: string, value: unknown): Expression => ({
  op: '<',
  column,
  value,
});
export const ltEq = (column: string, value: unknown): Expression => ({
  op: '<=',
  column,
  value,
});
export const gt = (column: string, value: unknown): Expression => ({
  op: '>',
  column,
  value,
});
export const gtEq = (column: string, value: unknown): Expression => ({
  op: '>=',
  column,
  value,
});
export const isIn = (column: string, values: unknown[]): Expression => ({
  op: 'in',
  column,
  values,
});
export const notIn = (column: string, values: unknown[]): Expression => ({
  op: 'not_in',
  column,
  values,
});

// ---------------------------------------------------------------- binding

export type BoundPredicate =
  | { op: UnaryOp; fieldId: number; type: PrimitiveType }
  | {
      op: LiteralOp;
      fieldId: number;
      type: PrimitiveType;
      literal: InternalValue;
    }
  | {
      op: SetOp;
      fieldId: number;
      type: PrimitiveType;
      literals: InternalValue[];
    };

export type BoundExpression =
  | { op: 'true' | 'false' }
  | { op: 'and' | 'or'; args: BoundExpression[] }
  | BoundPredicate;

const NEGATED: Record<
  LiteralOp | UnaryOp | SetOp,
  LiteralOp | UnaryOp | SetOp | undefined
> = {
  '<': '>=',
  '<=': '>',
  '>': '<=',
  '>=': '<',
  '=': '!=',
  '!=': '=',
  is_null: 'not_null',
  not_null: 'is_null',
  in: 'not_in',
  not_in: 'in',
  starts_with: undefined,
};

/** Pushes NOT down to the predicates (De Morgan), so evaluators never see it. */
function rewriteNot(expr: Expression, negate: boolean): Expression {
  switch (expr.op) {
    case 'true':
    case 'false':
      return negate ? { op: expr.op === 'true' ? 'false' : 'true' } : expr;
    case 'and':
    case 'or': {
      const flipped = expr.op === 'and' ? 'or' : 'and';
      const op = negate ? flipped : expr.op;
      return { op, args: expr.args.map(a => rewriteNot(a, negate)) };
    }
    case 'not':
      return rewriteNot(expr.arg, !negate);
    default: {
      if (!negate) return expr;
      const op = NEGATED[expr.op];
      if (!op) return alwaysTrue(); // NOT starts_with: cannot prune
      return { ...expr, op } as Expression;
    }
  }
}

/** Resolves columns (dotted paths) to field ids and coerces literals to the column types. */
export function bind(expr: Expression, schema: StructType): BoundExpression {
  const byPath = new Map(
    [...indexFields(schema).values()].map(f => [f.path, f]),
  );
  const visit = (e: Expression): BoundExpression => {
    switch (e.op) {
      case 'true':
      case 'false':
        return e;
      case 'and':
      case 'or':
        return { op: e.op, args: e.args.map(visit) };
      case 'not':
        throw new ExpressionError(
          'internal: NOT must be rewritten before binding',
        );
      default: {
        const field = byPath.get(e.column);
        if (!field)
          throw new ExpressionError(
            `filter refers to unknown column "${e.column}"`,
          );
        if (!isPrimitive(field.type))
          throw new ExpressionError(
            `cannot filter on nested column "${e.column}"`,
          );
        const type = field.type;
        const coerce = (v: unknown) => {
          if (v === null || v === undefined)
            throw new ExpressionError(
              `filter on "${e.column}" compares with null: use isNull`,
            );
          try {
            return coerceValue(type, v);
          } catch (error) {
            throw new ExpressionError(
              `filter on "${e.column}": ${(error as Error).message}`,
            );
          }
        };
        if ('values' in e)
          return {
            op: e.op,
            fieldId: field.id,
            type,
            literals: e.values.map(coerce),
          };
        if ('value' in e)
          return {
            op: e.op,
            fieldId: field.id,
            type,
            literal: coerce(e.value),
          };
        return { op: e.op, fieldId: field.id, type };
      }
    }
  };
  return visit(rewriteNot(expr, false));
}

// ---------------------------------------------------------------- evaluation helpers

function evaluate(
  expr: BoundExpression,
  leaf: (p: BoundPredicate) => boolean,
): boolean {
  switch (expr.op) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'and':
      return expr.args.every(a => evaluate(a, leaf));
    case 'or':
      return expr.args.some(a => evaluate(a, leaf));
    default:
      return leaf(expr);
  }
}

/** Whether a value can satisfy a predicate given only that it lies in [lower, upper]. */
function rangeMayMatch(
  p: PartitionPredicate | BoundPredicate,
  lower: InternalValue,
  upper: InternalValue,
): boolean {
  const cmp = compareValues;
  switch (p.op) {
    case '<':
      return cmp(lower, p.literal) < 0;
    case '<=':
      return cmp(lower, p.literal) <= 0;
    case '>':
      return cmp(upper, p.literal) > 0;
    case '>=':
      return cmp(upper, p.literal) >= 0;
    case '=':
      return cmp(lower, p.literal) <= 0 && cmp(upper, p.literal) >= 0;
    case '!=':
      return !(cmp(lower, p.literal) === 0 && cmp(upper, p.literal) === 0);
    case 'in':
      return p.literals.some(l => cmp(lower, l) <= 0 && cmp(upper, l) >= 0);
    case 'not_in':
      return !(
        cmp(lower, upper) === 0 && p.literals.some(l => cmp(l, lower) === 0)
      );
    case 'starts_with': {
      if (
        typeof p.literal !== 'string' ||
        typeof lower !== 'string' ||
        typeof upper !== 'string'
      )
        return true;
      const prefix = p.literal;
      return (
        cmp(lower.slice(0, prefix.length), prefix) <= 0 &&
        cmp(upper.slice(0, prefix.length), prefix) >= 0
      );
    }
    default:
      return true;
  }
}

function valueMatches(
  p: PartitionPredicate,
  value: InternalValue | null,
): boolean {
  if (p.op === 'is_null') return value === null;
  if (p.op === 'not_null') return value !== null;
  if (value === null) return false;
  return rangeMayMatch(p, value, value);
}

// ---------------------------------------------------------------- partition pruning

/** Projects a bound filter onto a partition spec: predicates on partition positions. */
export interface PartitionFilter {
  /** May a partition tuple contain matching rows? */
  tuple(tuple: PartitionTuple): boolean;
  /** May a manifest with these partition summaries contain matching rows? */
  summaries(
    summaries: FieldSummary[] | undefined,
    resultTypes: PrimitiveType[],
  ): boolean;
}

export function partitionFilter(
  expr: BoundExpression,
  spec: PartitionSpec,
): PartitionFilter {
  const projections = (
    p: BoundPredicate,
  ): Array<{ index: number; pred: PartitionPredicate }> => {
    const out: Array<{ index: number; pred: PartitionPredicate }> = [];
    spec.fields.forEach((field, index) => {
      if (field['source-id'] !== p.fieldId) return;
      let pred: PartitionPredicate | null;
      if ('literals' in p)
        pred = projectInclusive(field.transform, p.type, p.op, p.literals);
      else if ('literal' in p)
        pred = projectInclusive(field.transform, p.type, p.op, p.literal);
      else pred = projectInclusive(field.transform, p.type, p.op);
      if (pred) out.push({ index, pred });
    });
    return out;
  };
  const cache = new Map<
    BoundPredicate,
    Array<{ index: number; pred: PartitionPredicate }>
  >();
  const projected = (p: BoundPredicate) => {
    let v = cache.get(p);
    if (!v) cache.set(p, (v = projections(p)));
    return v;
  };
  return {
    tuple: tuple =>
      evaluate(expr, p =>
        projected(p).every(({ index, pred }) =>
          valueMatches(pred, (tuple[index] ?? null) as InternalValue | null),
        ),
      ),
    summaries: (summaries, resultTypes) => {
      if (!summaries) return true;
      return evaluate(expr, p =>
        projected(p).every(({ index, pred }) => {
          const s = summaries[index];
          if (!s) return true;
          if (pred.op === 'is_null') return s.containsNull;
          if (pred.op === 'not_null')
            return s.lowerBound !== undefined || !s.containsNull;
          if (!s.lowerBound || !s.upperBound)
            return pred.op === '!=' || pred.op === 'not_in';
          const type = resultTypes[index]!;
          return rangeMayMatch(
            pred,
            fromBytes(type, s.lowerBound),
            fromBytes(type, s.upperBound),
          );
        }),
      );
    },
  };
}

// ---------------------------------------------------------------- metrics pruning

/** May a data file contain matching rows, judging by its column metrics? */
export function metricsMayMatch(
  expr: BoundExpression,
  file: DataFile,
): boolean {
  return evaluate(expr, p => {
    const values = file.valueCounts?.get(p.fieldId);
    const nulls = file.nullValueCounts?.get(p.fieldId);
    const allNull =
      values !== undefined && nulls !== undefined && values === nulls;
    if (p.op === 'is_null') return nulls === undefined || nulls > 0n;
    if (p.op === 'not_null') return !allNull;
    if (allNull) return p.op === '!=' || p.op === 'not_in';
    const lowerBytes = file.lowerBounds?.get(p.fieldId);
    const upperBytes = file.upperBounds?.get(p.fieldId);
    const kind = parsePrimitive(p.type).kind;
    // NaN is not ordered: a float column's bounds say nothing when NaNs may be present.
    if (
      (kind === 'float' || kind === 'double') &&
      (file.nanValueCounts?.get(p.fieldId) ?? 1n) > 0n
    )
      return true;
    if (!lowerBytes || !upperBytes) return true;
    return rangeMayMatch(
      p,
      fromBytes(p.type, lowerBytes),
      fromBytes(p.type, upperBytes),
    );
  });
}

// ---------------------------------------------------------------- row evaluation

/** Does a row match? `value(fieldId)` gives the row's internal value (null when absent). SQL semantics: null never compares. */
export function rowMatches(
  expr: BoundExpression,
  value: (fieldId: number) => InternalValue | null,
): boolean {
  return evaluate(expr, p => {
    const v = value(p.fieldId);
    if (p.op === 'is_null') return v === null;
    if (p.op === 'not_null') return v !== null;
    if (v === null) return false;
    if (typeof v === 'number' && Number.isNaN(v))
      return p.op === '!=' || p.op === 'not_in';
    const cmp = (l: InternalValue) => compareValues(v, l);
    switch (p.op) {
      case '<':
        return cmp(p.literal) < 0;
      case '<=':
        return cmp(p.literal) <= 0;
      case '>':
        return cmp(p.literal) > 0;
      case '>=':
        return cmp(p.literal) >= 0;
      case '=':
        return cmp(p.literal) === 0;
      case '!=':
        return cmp(p.literal) !== 0;
      case 'in':
        return p.literals.some(l => cmp(l) === 0);
      case 'not_in':
        return !p.literals.some(l => cmp(l) === 0);
      case 'starts_with':
        return (
          typeof v === 'string' &&
          typeof p.literal === 'string' &&
          v.startsWith(p.literal)
        );
      default:
        return true;
    }
  });
}
