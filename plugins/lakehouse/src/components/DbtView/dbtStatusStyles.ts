import type {
  DbtFreshnessStatus,
  DbtRunStatus,
  DbtTestStatus,
} from '@medallion/plugin-lakehouse-common';
import { OKABE_ITO } from '../shared';

/** How a status reads: a word, a shape and a colour, so it never rests on colour. */
export interface StatusStyle {
  word: string;
  symbol: string;
  colour: string;
}

/** A test's status; null: never run in any kept run. */
export function testStatusStyle(status: DbtTestStatus | null): StatusStyle {
  switch (status) {
    case 'pass':
      return { word: 'pass', symbol: '✓', colour: OKABE_ITO.bluishGreen };
    case 'warn':
      return { word: 'warn', symbol: '▲', colour: OKABE_ITO.orange };
    case 'fail':
      return { word: 'fail', symbol: '✕', colour: OKABE_ITO.vermillion };
    case 'error':
      return { word: 'error', symbol: '■', colour: OKABE_ITO.vermillion };
    case 'skipped':
      return { word: 'skipped', symbol: '⊘', colour: OKABE_ITO.grey };
    default:
      return { word: 'not run', symbol: '○', colour: OKABE_ITO.grey };
  }
}

export const RUN_STYLES: Record<DbtRunStatus, StatusStyle> = {
  success: { word: 'success', symbol: '✓', colour: OKABE_ITO.bluishGreen },
  failed: { word: 'failed', symbol: '✕', colour: OKABE_ITO.vermillion },
};

export const FRESHNESS_STYLES: Record<DbtFreshnessStatus, StatusStyle> = {
  pass: { word: 'pass', symbol: '●', colour: OKABE_ITO.bluishGreen },
  warn: { word: 'warn', symbol: '▲', colour: OKABE_ITO.orange },
  error: { word: 'error', symbol: '■', colour: OKABE_ITO.vermillion },
  'runtime error': {
    word: 'runtime error',
    symbol: '⚠',
    colour: OKABE_ITO.reddishPurple,
  },
};
