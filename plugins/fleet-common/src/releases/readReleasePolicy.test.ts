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
    expect(read.featureMinimums).toEqual([
      {
        feature: 'journal-billing',
        minimum: '0.27.1',
        note: expect.stringContaining('CHANGELOG 0.27.1'),
      },
      {
        feature: 'mig-resource',
        minimum: '0.34.0',
        note: expect.stringContaining('CHANGELOG 0.34.0'),
      },
    ]);
    expect(
      read.requiredValues?.map(({ since, key, oneOf, when, placeholder }) => ({
        since,
        key,
        oneOf,
        when,
        placeholder,
      })),
    ).toEqual([
      {
        since: '0.29.1',
        key: 'engine.flux.max_streams',
        oneOf: undefined,
        when: 'engine.flux.enabled',
        placeholder: 0,
      },
      {
        since: '0.42.0',
        key: 'fluxTts.uuid',
        oneOf: undefined,
        when: 'fluxTts.enabled',
        placeholder: '',
      },
      {
        since: '0.42.0',
        key: 'fluxTts.maxBatchSize',
        oneOf: undefined,
        when: 'fluxTts.enabled',
        placeholder: 0,
      },
      {
        since: '0.42.0',
        key: 'api.features.speakV2',
        oneOf: ['api.features.speakV2Streaming'],
        when: 'fluxTts.enabled',
        placeholder: false,
      },
    ]);
    expect(read.exclusiveValues).toEqual([
      {
        since: '0.42.0',
        keys: ['fluxTts.enabled', 'aura2.enabled'],
        note: expect.stringContaining('CHANGELOG 0.42.0'),
      },
    ]);
    expect(read.databaseChanges).toEqual([
      {
        since: '0.41.1',
        engine: 'postgresql',
        note: expect.stringContaining('EXAMPLE'),
      },
    ]);
    expect(read.images).toEqual([
      {
        component: 'engine',
        repository: 'quay.io/deepgram/self-hosted-engine',
      },
      { component: 'api', repository: 'quay.io/deepgram/self-hosted-api' },
      {
        component: 'licenseProxy',
        repository: 'quay.io/deepgram/self-hosted-license-proxy',
        when: 'licenseProxy.enabled',
      },
      {
        component: 'billing',
        repository: 'quay.io/deepgram/self-hosted-billing',
        since: '0.27.1',
        when: 'billing.enabled',
      },
    ]);
    expect(read.imageDigests).toBeUndefined();
  });

  it('cites a CHANGELOG entry, or says it is an example, in every upgrade rule', () => {
    const read = readReleasePolicy(readExample('policy.yaml'));
    const notes = [
      ...(read.featureMinimums ?? []),
      ...(read.requiredValues ?? []),
      ...(read.exclusiveValues ?? []),
      ...(read.databaseChanges ?? []),
    ].map(rule => rule.note);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      expect(note).toMatch(/CHANGELOG \d+\.\d+\.\d+|^EXAMPLE/);
    }
  });

  it('reads image digests', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    expect(
      readReleasePolicy(
        policy({
          imageDigests: [
            {
              version: '0.42.0',
              repository: 'quay.io/deepgram/self-hosted-api',
              digest,
            },
          ],
        }),
      ).imageDigests,
    ).toEqual([
      {
        version: '0.42.0',
        repository: 'quay.io/deepgram/self-hosted-api',
        digest,
      },
    ]);
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
      'spec.valueChanges: is not a field of spec; allowed: valuesChanges, gpuChanges, requiredIntermediates, knownBad, minimumDriver, unsupportedGpus, sizing, featureMinimums, requiredValues, exclusiveValues, databaseChanges, images, imageDigests',
    ],
    [
      policy({
        featureMinimums: [{ feature: 'mig', minimum: '0.34.0', note: 'n' }],
      }),
      'spec.featureMinimums[0] (feature "mig"): feature must be one of journal-billing, mig-resource, got "mig"',
    ],
    [
      policy({
        featureMinimums: [
          { feature: 'mig-resource', minimum: 'soon', note: 'n' },
        ],
      }),
      'spec.featureMinimums[0] (feature "mig-resource"): minimum must be semver, got "soon"',
    ],
    [
      policy({
        featureMinimums: [{ feature: 'mig-resource', minimum: '0.34.0' }],
      }),
      'spec.featureMinimums[0] (feature "mig-resource"): note is required, a string (quote it in YAML), got nothing',
    ],
    [
      policy({
        requiredValues: [
          { since: '0.42.0', key: 'fluxTts uuid', note: 'n', fix: 'f' },
        ],
      }),
      'spec.requiredValues[0] (key "fluxTts uuid"): key must be a dotted values key such as "engine.flux.max_streams", got "fluxTts uuid"',
    ],
    [
      policy({
        requiredValues: [{ since: '0.42.0', key: 'fluxTts.uuid', note: 'n' }],
      }),
      'spec.requiredValues[0] (key "fluxTts.uuid"): fix is required, a string (quote it in YAML), got nothing',
    ],
    [
      policy({
        requiredValues: [
          {
            since: '0.42.0',
            key: 'api.features.speakV2',
            oneOf: [],
            note: 'n',
            fix: 'f',
          },
        ],
      }),
      'spec.requiredValues[0] (key "api.features.speakV2"): oneOf must be a list of at least 1 dotted values keys, got a list',
    ],
    [
      policy({
        requiredValues: [
          {
            since: '0.42.0',
            key: 'fluxTts.maxBatchSize',
            placeholder: [0],
            note: 'n',
            fix: 'f',
          },
        ],
      }),
      'spec.requiredValues[0] (key "fluxTts.maxBatchSize"): placeholder must be a string, number or boolean, got a list',
    ],
    [
      policy({
        requiredValues: [
          {
            since: '0.42.0',
            key: 'fluxTts.uuid',
            if: 'fluxTts.enabled',
            note: 'n',
            fix: 'f',
          },
        ],
      }),
      'spec.requiredValues[0] (key "fluxTts.uuid").if: is not a field of spec.requiredValues[0] (key "fluxTts.uuid"); allowed: since, key, oneOf, when, placeholder, note, fix',
    ],
    [
      policy({
        exclusiveValues: [
          { since: '0.42.0', keys: ['fluxTts.enabled'], note: 'n' },
        ],
      }),
      'spec.exclusiveValues[0] (since "0.42.0"): keys must be a list of at least 2 dotted values keys, got a list',
    ],
    [
      policy({
        databaseChanges: [{ since: '0.41.1', engine: 'mysql', note: 'n' }],
      }),
      'spec.databaseChanges[0] (since "0.41.1"): engine must be postgresql, got "mysql"',
    ],
    [
      policy({
        images: [
          { component: 'engine', repository: 'quay.io/deepgram/engine:1.0' },
        ],
      }),
      'spec.images[0] (component "engine"): repository must be an image repository without tag, such as "quay.io/deepgram/self-hosted-engine", got "quay.io/deepgram/engine:1.0"',
    ],
    [
      policy({
        images: [
          { component: '../engine', repository: 'quay.io/deepgram/engine' },
        ],
      }),
      'spec.images[0] (component "../engine"): component must be a chart component name such as "licenseProxy" (letters, digits, "-"), got "../engine"',
    ],
    [
      policy({
        images: [
          {
            component: 'billing',
            repository: 'quay.io/deepgram/self-hosted-billing',
            since: 'later',
          },
        ],
      }),
      'spec.images[0] (component "billing"): since must be semver, got "later"',
    ],
    [
      policy({
        imageDigests: [
          {
            version: '0.42.0',
            repository: 'quay.io/deepgram/self-hosted-api',
            digest: 'sha256:abc',
          },
        ],
      }),
      'spec.imageDigests[0] (repository "quay.io/deepgram/self-hosted-api"): digest must be "sha256:" and 64 lower-case hex digits, got "sha256:abc"',
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
