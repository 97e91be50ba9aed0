import { jobsPaths } from './paths';
import {
  describeFrequency,
  describeSchedule,
  describeTrigger,
} from './describe';
import { readRunsFilter, writeRunsFilter } from './runsFilter';

describe('descriptions of API values', () => {
  it.each([
    ['PT10S', 'every 10 s'],
    ['PT300S', 'every 5 min'],
    ['PT1H30M', 'every 90 min'],
    ['P1D', 'every 1 d'],
    ['PT2.5S', 'every 2.5 s'],
    ['0 3 * * *', 'cron 0 3 * * *'],
    ['manual', 'on trigger only'],
  ])('describes the frequency %s as %s', (frequency, text) => {
    expect(describeFrequency(frequency)).toBe(text);
  });

  it('describes schedules with their scope', () => {
    expect(describeSchedule(null)).toBe('no schedule');
    expect(describeSchedule({ frequency: 'PT10S', scope: 'local' })).toBe(
      'every 10 s, on every backend instance',
    );
  });

  it('names who triggered a run', () => {
    expect(describeTrigger({ trigger: 'schedule', triggeredBy: null })).toBe(
      'schedule',
    );
    expect(
      describeTrigger({ trigger: 'service', triggeredBy: 'external:airflow' }),
    ).toBe('service (external:airflow)');
  });
});

describe('paths', () => {
  it('builds links under the page root', () => {
    const paths = jobsPaths('/lakehouse');
    expect(paths.jobs()).toBe('/lakehouse/jobs');
    expect(paths.jobs('silver')).toBe('/lakehouse/jobs?job=silver');
    expect(paths.run('a b')).toBe('/lakehouse/jobs/runs/a%20b');
    expect(paths.table('silver.purchases_rejected')).toBe(
      '/lakehouse/catalog/silver/purchases_rejected',
    );
    expect(jobsPaths('/').jobs()).toBe('/jobs');
  });
});

describe('runsFilter', () => {
  it('reads known jobs and statuses, in a stable order', () => {
    expect(
      readRunsFilter(
        new URLSearchParams('job=silver&status=failed,bogus,queued'),
      ),
    ).toEqual({ job: 'silver', status: ['queued', 'failed'] });
    expect(readRunsFilter(new URLSearchParams('job=nope'))).toEqual({
      job: undefined,
      status: [],
    });
  });

  it('writes the filter and keeps other parameters', () => {
    const next = writeRunsFilter(new URLSearchParams('tab=x&job=gold'), {
      status: ['running'],
    });
    expect(next.toString()).toBe('tab=x&status=running');
  });
});
