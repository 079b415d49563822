import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { readReleasePolicy } from './readReleasePolicy';

const examples = path.resolve(__dirname, '../__fixtures__/releases');
const readExample = (file: string): unknown =>
  parse(fs.readFileSync(path.join(examples, file), 'utf8'));

const policy = (
  spec: Record<string, unknown>,
  top: Record<string, unknown> = {},
) => ({
  apiVersion: 'fleetdeck.io/v1alpha1',
  kind: 'ReleasePolicy',
  metadata: { chart: 'deepgram-self-hosted' },
  spec,
  ...top,
});

const light = {
  name: 'light',
  upToStreams: 2,
  engineReplicas: 1,
  gpusPerEngine: 1,
  gpuMemoryGiB: 12,
  cpu: '4',
  memory: '16Gi',
};
const medium = { ...light, name: 'medium', upToStreams: 10, gpuMemoryGiB: 16 };

describe('readReleasePolicy', () => {
  it('reads the example policy.yaml', () => {
    const read = readReleasePolicy(readExample('policy.yaml'));
    expect(read.chart).toBe('deepgram-self-hosted');
    expect(read.valuesChanges).toHaveLength(4);
    expect(read.valuesChanges[0]).toEqual({
      since: '0.6.0',
      from: 'engine.modelManager.models.links',
      to: 'engine.modelManager.models.add',
      note: expect.stringContaining('CHANGELOG 0.6.0'),
    });
    expect(read.gpuChanges).toEqual([
      {
        since: '0.35.0',
        component: 'agent-text-to-speech',
        gpusPerPod: 2,
        note: expect.any(String),
      },
    ]);
    expect(read.requiredIntermediates).toEqual([]);
    expect(
      read.knownBad.map(({ version, fixedIn }) => ({ version, fixedIn })),
    ).toEqual([
      { version: '0.40.2', fixedIn: '0.41.1' },
      { version: '0.41.0', fixedIn: '0.41.1' },
    ]);
    expect(read.minimumDriver).toBeUndefined();
  });

  it('reads omitted lists as empty and a minimum driver', () => {
    expect(
      readReleasePolicy(
        policy({
          minimumDriver: { version: '550.54.15' },
          requiredIntermediates: [{ from: '<0.30.0', via: '0.30.0' }],
        }),
      ),
    ).toEqual({
      chart: 'deepgram-self-hosted',
      valuesChanges: [],
      gpuChanges: [],
      requiredIntermediates: [{ from: '<0.30.0', via: '0.30.0' }],
      knownBad: [],
      minimumDriver: { version: '550.54.15' },
    });
  });

  it('reads unsupported GPUs and a sizing table', () => {
    const read = readReleasePolicy(
      policy({
        unsupportedGpus: [
          { product: 'Tesla-T4*', since: '0.50.0', note: 'example' },
        ],
        sizing: [
          {
            since: '0.30.0',
            loads: [
              light,
              medium,
              { ...medium, name: 'heavy', upToStreams: undefined },
            ],
          },
        ],
      }),
    );
    expect(read.unsupportedGpus).toEqual([
      { product: 'Tesla-T4*', since: '0.50.0', note: 'example' },
    ]);
    expect(read.sizing?.[0].loads.map(row => row.name)).toEqual([
      'light',
      'medium',
      'heavy',
    ]);
    expect(read.sizing?.[0].loads[2].upToStreams).toBeUndefined();
  });

  it.each([
    [
      policy({}, { apiVersion: 'v1' }),
      'apiVersion: must be fleetdeck.io/v1alpha1, got "v1"',
    ],
    [
      policy({}, { kind: 'Policy' }),
      'kind: must be ReleasePolicy, got "Policy"',
    ],
    [
      policy({}, { metadata: {} }),
      'metadata: chart is required, a string (quote it in YAML), got nothing',
    ],
    [
      policy({ valueChanges: [] }),
      'spec.valueChanges: is not a field of spec; allowed: valuesChanges, gpuChanges, requiredIntermediates, knownBad, minimumDriver, unsupportedGpus, sizing',
    ],
    [
      policy({ knownBad: [{ version: '0.40.2', fixedIn: 'soon' }] }),
      'spec.knownBad[0] (version "0.40.2"): fixedIn must be semver, got "soon"',
    ],
    [
      policy({ knownBad: [{ version: '0.40.2', fixed: '0.41.1' }] }),
      'spec.knownBad[0] (version "0.40.2").fixed: is not a field of spec.knownBad[0] (version "0.40.2"); allowed: version, fixedIn, note',
    ],
    [
      policy({ valuesChanges: [{ since: 0.6, from: 'a.b' }] }),
      'spec.valuesChanges[0] (from "a.b"): since is required, a string (quote it in YAML), got 0.6',
    ],
    [
      policy({
        gpuChanges: [{ since: '0.35.0', component: 'tts', gpusPerPod: -1 }],
      }),
      'spec.gpuChanges[0] (component "tts"): gpusPerPod must be a whole number ≥ 0, got -1',
    ],
    [
      policy({ requiredIntermediates: [{ from: 'old ones', via: '0.30.0' }] }),
      'spec.requiredIntermediates[0] (via "0.30.0"): from must be a semver range such as "<0.30.0", got "old ones"',
    ],
    [policy({ knownBad: {} }), 'spec.knownBad: must be a list, got a mapping'],
    [
      policy({ unsupportedGpus: [{ product: 'Tesla-T4*' }] }),
      'spec.unsupportedGpus[0] (product "Tesla-T4*"): since is required, a string (quote it in YAML), got nothing',
    ],
    [
      policy({ sizing: [{ since: '0.30.0', loads: [] }] }),
      'spec.sizing[0] (since "0.30.0"): loads must be a non-empty list of rows, got a list',
    ],
    [
      policy({
        sizing: [{ since: '0.30.0', loads: [{ ...light, gpuMemoryGiB: 0 }] }],
      }),
      'spec.sizing[0] (since "0.30.0").loads[0] (name "light"): gpuMemoryGiB must be a number above 0, got 0',
    ],
    [
      policy({
        sizing: [
          { since: '0.30.0', loads: [{ ...light, engineReplicas: 1.5 }] },
        ],
      }),
      'spec.sizing[0] (since "0.30.0").loads[0] (name "light"): engineReplicas must be a whole number above 0, got 1.5',
    ],
    [
      policy({
        sizing: [
          {
            since: '0.30.0',
            loads: [{ ...light, upToStreams: undefined }, medium],
          },
        ],
      }),
      'spec.sizing[0] (since "0.30.0").loads[0]: upToStreams is required on every row but the last',
    ],
    [
      policy({
        sizing: [
          { since: '0.30.0', loads: [{ ...light, upToStreams: 12 }, medium] },
        ],
      }),
      'spec.sizing[0] (since "0.30.0").loads[1]: upToStreams must grow from row to row (lightest first); 10 follows 12',
    ],
    [
      policy({ sizing: [{ since: '0.30.0', loads: [{ ...light, gpus: 1 }] }] }),
      'spec.sizing[0] (since "0.30.0").loads[0] (name "light").gpus: is not a field of spec.sizing[0] (since "0.30.0").loads[0] (name "light"); allowed: name, upToStreams, engineReplicas, gpusPerEngine, gpuMemoryGiB, cpu, memory, note',
    ],
    [
      policy({ minimumDriver: { version: 'r550' } }),
      'spec.minimumDriver: version must be a driver version such as "550.54.15", got "r550"',
    ],
  ])('refuses %j', (parsed, message) => {
    expect(() => readReleasePolicy(parsed)).toThrow(new Error(message));
  });
});
