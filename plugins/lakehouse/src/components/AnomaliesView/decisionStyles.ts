import type { AnomalyDecision } from '@medallion/plugin-lakehouse-common';
import { OKABE_ITO } from '../shared';

/** A decision as words, a shape and a colour (never colour alone). */
export const DECISION_STYLES: Record<
  AnomalyDecision,
  { label: string; symbol: string; colour: string }
> = {
  anomaly: { label: 'flagged', symbol: '▲', colour: OKABE_ITO.vermillion },
  normal: { label: 'normal', symbol: '●', colour: OKABE_ITO.blue },
};

/**
 * The histogram's two series: they differ in fill pattern as well as colour, so they
 * stay apart in greyscale and for colour-blind readers.
 */
export const SERIES_STYLES = {
  unlabelled: {
    label: 'unlabelled',
    fillName: 'solid',
    colour: OKABE_ITO.skyBlue,
  },
  labelled: {
    label: 'labelled by the producer',
    fillName: 'hatched',
    colour: OKABE_ITO.vermillion,
  },
} as const;
