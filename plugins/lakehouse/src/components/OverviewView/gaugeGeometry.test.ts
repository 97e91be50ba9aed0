import {
  angleForSeconds,
  GAUGE_END_ANGLE,
  GAUGE_START_ANGLE,
  gaugeGeometry,
  gaugeMaxSeconds,
  pointAt,
} from './gaugeGeometry';

const sla = { warnAfterSeconds: 300, errorAfterSeconds: 900 };
// 0 → 1350 s maps onto -π/2 → π/2, so one second is π/1350 radians.
const angleOf = (seconds: number) => -Math.PI / 2 + (seconds * Math.PI) / 1350;

describe('gaugeMaxSeconds', () => {
  it('ends the scale at errorAfter × 1.5', () => {
    expect(gaugeMaxSeconds(sla)).toBe(1350);
  });

  it('uses warnAfter when it is the larger (misconfigured SLA)', () => {
    expect(
      gaugeMaxSeconds({ warnAfterSeconds: 600, errorAfterSeconds: 60 }),
    ).toBe(900);
  });

  it('never ends at 0, so a zero SLA still draws a dial', () => {
    expect(gaugeMaxSeconds({ warnAfterSeconds: 0, errorAfterSeconds: 0 })).toBe(
      1,
    );
  });
});

describe('angleForSeconds', () => {
  it('maps 0 to the left end and the maximum to the right end', () => {
    expect(angleForSeconds(0, 1350)).toBe(GAUGE_START_ANGLE);
    expect(angleForSeconds(1350, 1350)).toBe(GAUGE_END_ANGLE);
    expect(angleForSeconds(675, 1350)).toBeCloseTo(0);
  });

  it('clamps ages outside the scale to its ends', () => {
    expect(angleForSeconds(-5, 1350)).toBe(GAUGE_START_ANGLE);
    expect(angleForSeconds(10_000, 1350)).toBe(GAUGE_END_ANGLE);
  });
});

describe('gaugeGeometry', () => {
  it('splits the dial into fresh, warn and error bands at the SLA thresholds', () => {
    const { bands, maxSeconds } = gaugeGeometry(sla, 10);
    expect(maxSeconds).toBe(1350);
    expect(bands.map(b => [b.status, b.fromSeconds, b.toSeconds])).toEqual([
      ['fresh', 0, 300],
      ['warn', 300, 900],
      ['error', 900, 1350],
    ]);
    expect(bands[0].startAngle).toBe(GAUGE_START_ANGLE);
    expect(bands[0].endAngle).toBeCloseTo(angleOf(300));
    expect(bands[1].startAngle).toBe(bands[0].endAngle);
    expect(bands[1].endAngle).toBeCloseTo(angleOf(900));
    expect(bands[2].startAngle).toBe(bands[1].endAngle);
    expect(bands[2].endAngle).toBe(GAUGE_END_ANGLE);
  });

  it.each([
    ['age 0', 0, GAUGE_START_ANGLE],
    ['exactly warnAfter', 300, angleOf(300)],
    ['exactly errorAfter', 900, angleOf(900)],
    ['the end of the scale', 1350, GAUGE_END_ANGLE],
  ])('puts the needle at %s on the band boundary', (_, age, angle) => {
    const { needle } = gaugeGeometry(sla, age);
    expect(needle?.angle).toBeCloseTo(angle);
    expect(needle?.offScale).toBe(false);
  });

  it('puts the needle at warnAfter exactly where the warn band starts', () => {
    const { needle, bands } = gaugeGeometry(sla, 300);
    expect(needle?.angle).toBe(bands[1].startAngle);
  });

  it('rests the needle at the end, marked off scale, beyond the maximum', () => {
    expect(gaugeGeometry(sla, 1351).needle).toEqual({
      angle: GAUGE_END_ANGLE,
      offScale: true,
    });
  });

  it('has no needle for a table without commits', () => {
    expect(gaugeGeometry(sla, null).needle).toBeNull();
  });

  it('keeps bands in order when warnAfter exceeds errorAfter', () => {
    const { bands } = gaugeGeometry(
      { warnAfterSeconds: 600, errorAfterSeconds: 60 },
      0,
    );
    expect(bands.map(b => [b.status, b.fromSeconds, b.toSeconds])).toEqual([
      ['fresh', 0, 600],
      ['warn', 600, 600],
      ['error', 600, 900],
    ]);
    for (const b of bands)
      expect(b.endAngle).toBeGreaterThanOrEqual(b.startAngle);
  });
});

describe('pointAt', () => {
  it('follows d3 angles: 0 at twelve o’clock, clockwise', () => {
    const left = pointAt(GAUGE_START_ANGLE, 10);
    const top = pointAt(0, 10);
    const right = pointAt(GAUGE_END_ANGLE, 10);
    expect([left.x, left.y]).toEqual([-10, expect.closeTo(0)]);
    expect([top.x, top.y]).toEqual([0, -10]);
    expect([right.x, right.y]).toEqual([10, expect.closeTo(0)]);
  });
});
