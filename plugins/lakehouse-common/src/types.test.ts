import { JOB_NAMES, isJobName } from './index';

describe('lakehouse-common', () => {
  it('lists the jobs in pipeline order', () => {
    expect(JOB_NAMES).toEqual([
      'producer',
      'bronze',
      'silver',
      'gold',
      'scoring',
      'training',
      'maintenance',
    ]);
  });

  it('recognises job names and rejects anything else', () => {
    for (const name of JOB_NAMES) {
      expect(isJobName(name)).toBe(true);
    }
    expect(isJobName('platinum')).toBe(false);
    expect(isJobName('')).toBe(false);
    expect(isJobName(undefined)).toBe(false);
    expect(isJobName(42)).toBe(false);
  });
});
