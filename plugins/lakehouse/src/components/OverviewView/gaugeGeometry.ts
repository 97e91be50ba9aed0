/**
 * Pure geometry of a freshness gauge: a half circle from the left (age 0) over the top
 * to the right (the end of the scale), in d3's angle convention (radians, 0 at twelve
 * o'clock, clockwise), so the angles feed `d3.arc` directly.
 */
import { scaleLinear } from 'd3';

export const GAUGE_START_ANGLE = -Math.PI / 2;
export const GAUGE_END_ANGLE = Math.PI / 2;

/** The scale ends at errorAfter × this, so an error-age table still reads on the dial. */
export const GAUGE_SPAN_FACTOR = 1.5;

export interface GaugeSla {
  warnAfterSeconds: number;
  errorAfterSeconds: number;
}

export type GaugeBandStatus = 'fresh' | 'warn' | 'error';

export interface GaugeBand {
  status: GaugeBandStatus;
  fromSeconds: number;
  toSeconds: number;
  startAngle: number;
  endAngle: number;
}

export interface GaugeNeedle {
  angle: number;
  /** The age is beyond the end of the scale: the needle rests at the end. */
  offScale: boolean;
}

export interface GaugeGeometry {
  maxSeconds: number;
  bands: GaugeBand[];
  /** Null when the table has no commit (no age to point at). */
  needle: GaugeNeedle | null;
}

/** The age the scale ends at; never 0, so a zero SLA still draws a dial. */
export function gaugeMaxSeconds(sla: GaugeSla): number {
  const top =
    Math.max(sla.warnAfterSeconds, sla.errorAfterSeconds) * GAUGE_SPAN_FACTOR;
  return Number.isFinite(top) && top > 0 ? top : 1;
}

/** The angle of an age on a scale ending at maxSeconds, clamped to the dial. */
export function angleForSeconds(seconds: number, maxSeconds: number): number {
  return scaleLinear()
    .domain([0, maxSeconds])
    .range([GAUGE_START_ANGLE, GAUGE_END_ANGLE])
    .clamp(true)(seconds);
}

export function gaugeGeometry(
  sla: GaugeSla,
  ageSeconds: number | null,
): GaugeGeometry {
  const maxSeconds = gaugeMaxSeconds(sla);
  const clamp = (s: number) => Math.min(Math.max(s, 0), maxSeconds);
  // A misconfigured SLA (warn after error) must not make bands overlap or run backwards.
  const warnFrom = clamp(sla.warnAfterSeconds);
  const errorFrom = clamp(Math.max(sla.errorAfterSeconds, warnFrom));
  const band = (
    status: GaugeBandStatus,
    fromSeconds: number,
    toSeconds: number,
  ): GaugeBand => ({
    status,
    fromSeconds,
    toSeconds,
    startAngle: angleForSeconds(fromSeconds, maxSeconds),
    endAngle: angleForSeconds(toSeconds, maxSeconds),
  });
  return {
    maxSeconds,
    bands: [
      band('fresh', 0, warnFrom),
      band('warn', warnFrom, errorFrom),
      band('error', errorFrom, maxSeconds),
    ],
    needle:
      ageSeconds === null
        ? null
        : {
            angle: angleForSeconds(ageSeconds, maxSeconds),
            offScale: ageSeconds > maxSeconds,
          },
  };
}

/** The SVG point at `angle` (d3 convention) and `radius` from the gauge's centre. */
export function pointAt(
  angle: number,
  radius: number,
): { x: number; y: number } {
  return { x: radius * Math.sin(angle), y: -radius * Math.cos(angle) };
}
