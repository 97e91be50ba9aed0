/**
 * Colours that stay distinct for the common forms of colour blindness (Okabe & Ito's
 * palette). Status is never shown by colour alone: every use pairs it with a label.
 */
import type {
  FreshnessStatus,
  RunStatus,
} from '@medallion/plugin-lakehouse-common';

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#999999',
} as const;

export const FRESHNESS_COLOURS: Record<FreshnessStatus, string> = {
  fresh: OKABE_ITO.bluishGreen,
  warn: OKABE_ITO.orange,
  error: OKABE_ITO.vermillion,
  unknown: OKABE_ITO.grey,
};

export const RUN_STATUS_COLOURS: Record<RunStatus, string> = {
  queued: OKABE_ITO.grey,
  running: OKABE_ITO.blue,
  succeeded: OKABE_ITO.bluishGreen,
  failed: OKABE_ITO.vermillion,
  cancelled: OKABE_ITO.reddishPurple,
};

export const LAYER_COLOURS = {
  source: OKABE_ITO.grey,
  bronze: OKABE_ITO.orange,
  silver: OKABE_ITO.skyBlue,
  gold: OKABE_ITO.yellow,
  anomalies: OKABE_ITO.reddishPurple,
  other: OKABE_ITO.grey,
} as const;
