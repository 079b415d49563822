import { parse } from 'yaml';
import { migrateValues, type ValuesRules } from './migrateValues';

const rules: ValuesRules = {
  valuesChanges: [
    {
      since: '0.2.0-beta',
      from: 'scaling.static.engine.replicas',
      to: 'scaling.replicas.engine',
      note: 'CHANGELOG 0.2.0-beta',
    },
    {
      since: '0.6.0',
      from: 'engine.modelManager.models.links',
      to: 'engine.modelManager.models.add',
    },
    { since: '0.31.0', from: 'engine.halfPrecision' },
    { since: '0.50.0', from: 'api.later' },
  ],
  requiredValues: [
    {
      since: '0.42.0',
      key: 'fluxTts.maxBatchSize',
      when: 'fluxTts.enabled',
      placeholder: 0,
      note: 'CHANGELOG 0.42.0: no safe default',
      fix: 'set fluxTts.maxBatchSize for your GPU',
    },
  ],
  exclusiveValues: [
    {
      since: '0.42.0',
      keys: ['fluxTts.enabled', 'aura2.enabled'],
      note: 'CHANGELOG 0.42.0: exclusive',
    },
  ],
};

const step = { from: '0.1.0', to: '0.42.0' };

describe('migrateValues', () => {
  it('moves renamed subtrees with their comments, deletes removed keys and prunes empty maps', () => {
    const document = [
      'scaling:',
      '  static:',
      '    engine:',
      '      # two engines: one per GPU node',
      '      replicas: 2',
      'engine:',
      '  halfPrecision: true',
      '  modelManager:',
      '    models:',
      '      # the models this customer licenses',
      '      links:',
      '        - https://models.example/nova-3.dg # nova-3',
      'api:',
      '  later: kept',
      '',
    ].join('\n');
    const migrated = migrateValues(document, rules, step);
    expect(parse(migrated.document)).toEqual({
      scaling: { replicas: { engine: 2 } },
      engine: {
        modelManager: {
          models: { add: ['https://models.example/nova-3.dg'] },
        },
      },
      api: { later: 'kept' },
    });
    expect(migrated.document).toContain('# two engines: one per GPU node');
    expect(migrated.document).toContain('# the models this customer licenses');
    expect(migrated.document).toContain('# nova-3');
    // moved keys keep their place: scaling first, as the SE wrote it
    expect(migrated.document.startsWith('scaling:\n  replicas:\n')).toBe(true);
    expect(migrated.applied).toEqual([
      {
        key: 'scaling.static.engine.replicas',
        movedTo: 'scaling.replicas.engine',
        kind: 'renamed',
        since: '0.2.0-beta',
        note: 'CHANGELOG 0.2.0-beta',
      },
      {
        key: 'engine.modelManager.models.links',
        movedTo: 'engine.modelManager.models.add',
        kind: 'renamed',
        since: '0.6.0',
      },
      { key: 'engine.halfPrecision', kind: 'removed', since: '0.31.0' },
    ]);
  });

  it.each<{
    case: string;
    document: string;
    applied: Array<Partial<ReturnType<typeof migrateValues>['applied'][0]>>;
  }>([
    {
      case: 'a rename whose new key is already set is a conflict, moving nothing',
      document:
        'scaling:\n  static:\n    engine:\n      replicas: 2\n  replicas:\n    engine: 3\n',
      applied: [
        {
          key: 'scaling.static.engine.replicas',
          kind: 'conflict',
          action:
            'both scaling.static.engine.replicas and scaling.replicas.engine are set: keep the value you mean under scaling.replicas.engine and delete scaling.static.engine.replicas',
        },
      ],
    },
    {
      case: 'a required value left at its placeholder',
      document: 'fluxTts:\n  enabled: true\n  maxBatchSize: 0\n',
      applied: [
        {
          key: 'fluxTts.maxBatchSize',
          kind: 'required',
          since: '0.42.0',
          action: 'set fluxTts.maxBatchSize for your GPU',
        },
      ],
    },
    {
      case: 'a required value whose switch is off',
      document: 'fluxTts:\n  enabled: false\n',
      applied: [],
    },
    {
      case: 'exclusive values both on',
      document:
        'fluxTts:\n  enabled: true\n  maxBatchSize: 4\naura2:\n  enabled: true\n',
      applied: [
        {
          key: 'fluxTts.enabled',
          kind: 'conflict',
          action:
            'turn off all but one of fluxTts.enabled, aura2.enabled, and run the other in a separate release',
        },
      ],
    },
  ])('$case', ({ document, applied }) => {
    const migrated = migrateValues(document, rules, step);
    expect(migrated.applied).toEqual(
      applied.map(change => expect.objectContaining(change)),
    );
    expect(migrated.document).toBe(document);
  });

  it('applies only the rules of the step', () => {
    const document = 'engine:\n  halfPrecision: true\n';
    expect(
      migrateValues(document, rules, { from: '0.31.0', to: '0.42.0' }),
    ).toEqual({ document, applied: [] });
  });

  it.each([
    ['not YAML', 'engine: [unclosed', 'the values document is not YAML'],
    [
      'not a mapping',
      '- a\n- b\n',
      'the values document must be a mapping of Helm values at its top level',
    ],
    [
      'a secret value',
      'global:\n  licenseKey: dg_live_0123456789abcdef0123456789abcdef01234567\n',
      'the values document holds secret-like values at global.licenseKey',
    ],
  ])('refuses a document that is %s', (_, document, message) => {
    expect(() => migrateValues(document, rules, step)).toThrow(message);
  });

  it('never echoes the secret-like value it refuses', () => {
    const secret = 'dg_live_0123456789abcdef0123456789abcdef01234567';
    expect(() =>
      migrateValues(`global:\n  licenseKey: ${secret}\n`, rules, step),
    ).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) }),
    );
  });
});
