import type { JobParameter } from '@medallion/plugin-lakehouse-common';
import {
  initialParamValues,
  paramErrorsFromMessage,
  parseParamValues,
} from './jobParamsForm';

const parameters: JobParameter[] = [
  { name: 'rate', type: 'number', description: 'Per second', default: 20 },
  { name: 'count', type: 'integer', description: 'Events', default: null },
  {
    name: 'schema',
    type: 'string',
    description: 'Contract',
    default: 'v2',
    enum: ['v1', 'v2'],
  },
  { name: 'seed', type: 'string', description: 'Seed', default: null },
  { name: 'maxSpeed', type: 'boolean', description: 'Fast', default: false },
  {
    name: 'tables',
    type: 'string[]',
    description: 'Tables',
    default: ['bronze.a', 'silver.b'],
  },
];

describe('jobParamsForm', () => {
  it('prefills the defaults as field values', () => {
    expect(initialParamValues(parameters)).toEqual({
      rate: '20',
      count: '',
      schema: 'v2',
      seed: '',
      maxSpeed: false,
      tables: 'bronze.a, silver.b',
    });
  });

  it('sends nothing when every field is at its default', () => {
    expect(
      parseParamValues(parameters, initialParamValues(parameters)),
    ).toEqual({
      params: {},
      errors: {},
    });
  });

  it('converts changed fields to their types', () => {
    expect(
      parseParamValues(parameters, {
        rate: ' 1e3 ',
        count: '-5',
        schema: 'v1',
        seed: ' abc ',
        maxSpeed: true,
        tables: 'silver.b,, bronze.a ',
      }),
    ).toEqual({
      params: {
        rate: 1000,
        count: -5,
        schema: 'v1',
        seed: 'abc',
        maxSpeed: true,
        tables: ['silver.b', 'bronze.a'],
      },
      errors: {},
    });
  });

  it('leaves emptied fields to the backend default', () => {
    const values = {
      ...initialParamValues(parameters),
      rate: '  ',
      tables: '',
    };
    expect(parseParamValues(parameters, values).params).toEqual({});
  });

  it('reports values of the wrong type', () => {
    const values = {
      ...initialParamValues(parameters),
      rate: '12abc',
      count: '2.5',
      schema: 'v3',
    };
    expect(parseParamValues(parameters, values).errors).toEqual({
      rate: 'must be a number',
      count: 'must be a whole number',
      schema: 'must be one of v1, v2',
    });
  });

  it('rejects integers beyond what JSON numbers hold exactly', () => {
    const values = {
      ...initialParamValues(parameters),
      count: '9007199254740993',
    };
    expect(parseParamValues(parameters, values).errors.count).toBe(
      'must be a whole number',
    );
  });

  it('checks list items against an enumeration', () => {
    const listed: JobParameter[] = [
      {
        name: 'layers',
        type: 'string[]',
        description: 'Layers',
        default: null,
        enum: ['bronze', 'silver'],
      },
    ];
    expect(parseParamValues(listed, { layers: 'bronze, gold' }).errors).toEqual(
      {
        layers: 'gold: not one of bronze, silver',
      },
    );
  });

  it("finds the backend's problems per parameter", () => {
    expect(
      paramErrorsFromMessage(
        'Invalid params for job producer: params.rate: Too small: expected number to be >0; params.tables.1: must be one of a, b; params.extra: not a parameter of job producer (accepted: rate)',
        parameters,
      ),
    ).toEqual({
      rate: 'Too small: expected number to be >0',
      tables: 'must be one of a, b',
    });
  });
});
