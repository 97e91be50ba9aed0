/**
 * Daily seasonality. Each country follows the same local-time shopping curve (quiet
 * nights, a lunch bump, an evening peak), so the global stream has a daily rhythm and
 * every customer's orders cluster in their own daytime, which is what makes an order
 * at 3 a.m. local time stand out.
 */
import { COUNTRIES, type Country } from './catalog';

/** Relative shopping intensity for local hours 0..23. */
const LOCAL_HOUR_CURVE = [
  0.45, 0.25, 0.15, 0.1, 0.1, 0.15, 0.3, 0.55, 0.8, 0.95, 1.05, 1.15, 1.25,
  1.15, 1.05, 1.05, 1.1, 1.2, 1.4, 1.65, 1.8, 1.7, 1.3, 0.8,
];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Local hour of day (fractional, 0 <= h < 24) in a country at a UTC instant. */
export function localHour(tsMs: number, country: Country): number {
  const local = (tsMs + country.utcOffsetHours * HOUR_MS) % DAY_MS;
  return (local < 0 ? local + DAY_MS : local) / HOUR_MS;
}

/** Intensity at a fractional local hour, linearly interpolated. */
export function localIntensity(hour: number): number {
  const h0 = Math.floor(hour) % 24;
  const h1 = (h0 + 1) % 24;
  const f = hour - Math.floor(hour);
  return (
    (LOCAL_HOUR_CURVE[h0] as number) * (1 - f) +
    (LOCAL_HOUR_CURVE[h1] as number) * f
  );
}

/** True when it is the middle of the night (01:00-05:00) in that country. */
export function isNightIn(tsMs: number, country: Country): boolean {
  const hour = localHour(tsMs, country);
  return hour >= 1 && hour < 5;
}

/** Per-country weights at an instant (share of customers x their local intensity). */
export function countryWeightsAt(tsMs: number): number[] {
  return COUNTRIES.map(c => c.weight * localIntensity(localHour(tsMs, c)));
}

function globalIntensity(tsMs: number): number {
  return countryWeightsAt(tsMs).reduce((a, b) => a + b, 0);
}

/** Mean global intensity over a day, so that rate x factor averages to rate. */
const MEAN_GLOBAL_INTENSITY = (() => {
  let sum = 0;
  const steps = 24 * 12;
  for (let i = 0; i < steps; i++) sum += globalIntensity((i * DAY_MS) / steps);
  return sum / steps;
})();

/** Multiplier on the configured mean rate at this instant (averages 1 over a day). */
export function rateFactorAt(tsMs: number): number {
  return globalIntensity(tsMs) / MEAN_GLOBAL_INTENSITY;
}
