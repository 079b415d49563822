import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { readReleaseIndex } from './readReleaseIndex';

const examples = path.resolve(__dirname, '../__fixtures__/releases');
const readExample = (file: string): unknown =>
  parse(fs.readFileSync(path.join(examples, file), 'utf8'));

const entry = (overrides: Record<string, unknown> = {}) => ({
  version: '0.42.0',
  appVersion: 'release-260812',
  created: '2026-08-13T00:00:28.600614556Z',
  kubeVersion: '>=1.28.0-0',
  digest: 'abc',
  urls: ['https://charts.example/x.tgz'],
  ...overrides,
});

describe('readReleaseIndex', () => {
  it('reads the example index.yaml, newest first', () => {
    const index = readReleaseIndex(readExample('index.yaml'));
    expect(Object.keys(index)).toEqual(['deepgram-self-hosted']);
    const releases = index['deepgram-self-hosted'];
    expect(releases).toHaveLength(22);
    expect(releases[0]).toEqual({
      version: '0.42.0',
      appVersion: 'release-260812',
      created: '2026-08-13T00:00:28.600614556Z',
      kubeVersion: '>=1.28.0-0',
      digest:
        '05e074fc65b241251826fca53479f01fa161b0a49766ef4eedd8eabf4dbcda22',
    });
    expect(releases[releases.length - 1].version).toBe('0.27.0');
    expect(releases.map(r => r.version).slice(0, 4)).toEqual([
      '0.42.0',
      '0.41.1',
      '0.41.0',
      '0.40.2',
    ]);
  });

  it('sorts by SemVer, not by text or position', () => {
    const index = readReleaseIndex({
      entries: {
        chart: [
          entry({ version: '0.9.0' }),
          entry({ version: '0.10.0' }),
          entry({ version: '0.10.0-rc.1' }),
          entry({ version: '0.2.0-beta' }),
        ],
      },
    });
    expect(index.chart.map(r => r.version)).toEqual([
      '0.10.0',
      '0.10.0-rc.1',
      '0.9.0',
      '0.2.0-beta',
    ]);
  });

  it('accepts dates parsed by YAML 1.1 parsers, numeric appVersions and bare entries', () => {
    const index = readReleaseIndex({
      entries: {
        chart: [
          {
            version: '1.0.0',
            created: new Date('2026-01-02T03:04:05Z'),
            appVersion: 1.16,
          },
        ],
        empty: [],
      },
    });
    expect(index).toEqual({
      chart: [
        {
          version: '1.0.0',
          created: '2026-01-02T03:04:05.000Z',
          appVersion: '1.16',
        },
      ],
      empty: [],
    });
  });

  it.each([
    [
      'a bad version',
      [
        entry(),
        entry({ version: '0.41.1' }),
        entry({ version: '0.41.0' }),
        entry({ version: '0.4x' }),
      ],
      'entries.deepgram-self-hosted[3] (version "0.4x"): version must be semver, e.g. "0.42.0" or "1.0.0-rc.1"',
    ],
    [
      'a version YAML read as a number',
      [entry({ version: 0.4 })],
      'entries.deepgram-self-hosted[0]: version must be a SemVer string such as "0.42.0" (quote it in YAML), got 0.4',
    ],
    [
      'a missing version',
      [entry({ version: undefined })],
      'entries.deepgram-self-hosted[0]: version must be a SemVer string such as "0.42.0" (quote it in YAML), got nothing',
    ],
    [
      'a missing created',
      [entry({ created: undefined })],
      'entries.deepgram-self-hosted[0] (version "0.42.0"): created must be an ISO 8601 date-time such as "2026-08-13T00:00:28Z", got nothing',
    ],
    [
      'a created that is not a date-time',
      [entry({ created: 'last Tuesday' })],
      'entries.deepgram-self-hosted[0] (version "0.42.0"): created must be an ISO 8601 date-time such as "2026-08-13T00:00:28Z", got "last Tuesday"',
    ],
    [
      'a bad kubeVersion',
      [entry({ kubeVersion: '>= one-twenty-eight' })],
      'entries.deepgram-self-hosted[0] (version "0.42.0"): kubeVersion must be a semver range such as ">=1.28.0-0", got ">= one-twenty-eight"',
    ],
    [
      'a digest that is not a string',
      [entry({ digest: 42 })],
      'entries.deepgram-self-hosted[0] (version "0.42.0"): digest must be a string (quote it in YAML), got 42',
    ],
    [
      'a repeated version',
      [entry(), entry({ version: 'v0.42.0' })],
      'entries.deepgram-self-hosted[1] (version "v0.42.0"): version repeats entries.deepgram-self-hosted[0]',
    ],
    [
      'an entry that is not a mapping',
      ['0.42.0'],
      'entries.deepgram-self-hosted[0]: must be a mapping, got "0.42.0"',
    ],
  ])('refuses %s', (_what, releases, message) => {
    expect(() =>
      readReleaseIndex({ entries: { 'deepgram-self-hosted': releases } }),
    ).toThrow(new Error(message));
  });

  it.each([
    [
      null,
      'index: must be a mapping with "entries" (a Helm repository index.yaml), got null',
    ],
    [
      [],
      'index: must be a mapping with "entries" (a Helm repository index.yaml), got a list',
    ],
    [
      { apiVersion: 'v1' },
      'entries: must be a mapping of chart names to lists of releases, got nothing',
    ],
    [
      { entries: { chart: entry() } },
      'entries.chart: must be a list of releases, got a mapping',
    ],
  ])('refuses the document %j', (parsed, message) => {
    expect(() => readReleaseIndex(parsed)).toThrow(new Error(message));
  });
});
