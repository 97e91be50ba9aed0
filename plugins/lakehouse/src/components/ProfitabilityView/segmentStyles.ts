import { symbolCircle, symbolTriangle, type SymbolType } from 'd3';
import { OKABE_ITO } from '../shared';
import type { Segment } from './profitabilityData';

/** Segments differ in shape and colour, so neither is needed alone to tell them apart. */
export const SEGMENT_STYLES: Record<
  Segment,
  { colour: string; shape: SymbolType; shapeName: string }
> = {
  member: { colour: OKABE_ITO.blue, shape: symbolCircle, shapeName: 'circle' },
  non_member: {
    colour: OKABE_ITO.orange,
    shape: symbolTriangle,
    shapeName: 'triangle',
  },
};
