/**
 * How each snapshot operation is drawn: a shape and a fill as well as a colour, so
 * compactions (`replace`) stand out from appends without relying on colour.
 */
import {
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolSquare,
  symbolTriangle,
  type SymbolType,
} from 'd3';
import { OKABE_ITO } from '../shared';

export interface OperationStyle {
  label: string;
  colour: string;
  shape: SymbolType;
  /** Hollow marks (and dashed stems) for commits that add no new data. */
  filled: boolean;
}

const STYLES: Record<string, OperationStyle> = {
  append: {
    label: 'append',
    colour: OKABE_ITO.blue,
    shape: symbolCircle,
    filled: true,
  },
  replace: {
    label: 'replace (compaction)',
    colour: OKABE_ITO.reddishPurple,
    shape: symbolDiamond,
    filled: false,
  },
  overwrite: {
    label: 'overwrite',
    colour: OKABE_ITO.orange,
    shape: symbolTriangle,
    filled: true,
  },
  delete: {
    label: 'delete',
    colour: OKABE_ITO.vermillion,
    shape: symbolCross,
    filled: true,
  },
};

export function operationStyle(operation: string): OperationStyle {
  return (
    STYLES[operation] ?? {
      label: operation,
      colour: OKABE_ITO.grey,
      shape: symbolSquare,
      filled: true,
    }
  );
}
