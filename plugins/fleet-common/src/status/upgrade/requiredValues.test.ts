import { createHash } from 'crypto';
import type { DeploymentValuesObservation } from '../observations';
import {
  baseObservations,
  checkOf,
  daysFromNow,
  evaluate,
} from './__testUtils__/upgradeFixture';

const valuesOf = (document: string): DeploymentValuesObservation => ({
  document,
  source: 'upload',
  recordedAt: daysFromNow(-1).toISOString(),
  sha256: createHash('sha256').update(document).digest('hex'),
});

const judge = (document: string, installed = '0.39.0') =>
  checkOf(
    evaluate({
      spec: { chart: { name: 'deepgram-self-hosted', version: installed } },
      observations: { values: valuesOf(document) },
    }),
    'required-values',
  );

const fluxTts = (lines: string) =>
  `api:\n  features:\n    speakV2: true\nfluxTts:\n  enabled: true\n${lines}`;

describe('evaluateUpgrade', () => {
  describe('required-values', () => {
    it.each([
      {
        case: 'Flux TTS off: nothing required',
        document: 'fluxTts:\n  enabled: false\n',
        outcome: 'pass',
      },
      {
        case: 'Flux TTS fully set',
        document: fluxTts('  uuid: 5a1c-model\n  maxBatchSize: 4\n'),
        outcome: 'pass',
      },
      {
        case: 'Flux TTS with the placeholder batch size',
        document: fluxTts('  uuid: 5a1c-model\n  maxBatchSize: 0\n'),
        outcome: 'fail',
        message:
          'fluxTts.maxBatchSize must be set from 0.42.0 when fluxTts.enabled is on (CHANGELOG 0.42.0',
        fix: 'set fluxTts.maxBatchSize to a non-zero batch size',
      },
      {
        case: 'Flux TTS without a model uuid',
        document: fluxTts('  uuid: ""\n  maxBatchSize: 4\n'),
        outcome: 'fail',
        message: 'fluxTts.uuid must be set from 0.42.0',
        fix: 'set fluxTts.uuid to the Flux TTS model UUID',
      },
      {
        case: 'Flux TTS with streaming speak only (one of two is enough)',
        document:
          'api:\n  features:\n    speakV2Streaming: true\nfluxTts:\n  enabled: true\n  uuid: m\n  maxBatchSize: 4\n',
        outcome: 'pass',
      },
      {
        case: 'Flux TTS without either speak endpoint',
        document: 'fluxTts:\n  enabled: true\n  uuid: m\n  maxBatchSize: 4\n',
        outcome: 'fail',
        message:
          'one of api.features.speakV2 / api.features.speakV2Streaming must be set from 0.42.0',
      },
      {
        case: 'Flux TTS and Aura-2 together',
        document: `${fluxTts(
          '  uuid: m\n  maxBatchSize: 4\n',
        )}aura2:\n  enabled: true\n`,
        outcome: 'fail',
        message:
          'fluxTts.enabled and aura2.enabled are both on, which 0.42.0 refuses',
        fix: 'turn off all but one of fluxTts.enabled, aura2.enabled, and run the other in a separate release',
      },
      {
        case: 'Flux STT on without max_streams, coming from before 0.29.1',
        installed: '0.29.0',
        document: 'engine:\n  flux:\n    enabled: true\n    max_streams:\n',
        outcome: 'fail',
        message: 'engine.flux.max_streams must be set from 0.29.1',
        fix: 'set engine.flux.max_streams to the concurrent Flux streams measured for your GPU type',
      },
      {
        case: 'Flux STT with max_streams at the placeholder 0',
        installed: '0.29.0',
        document: 'engine:\n  flux:\n    enabled: true\n    max_streams: 0\n',
        outcome: 'fail',
        message: 'engine.flux.max_streams must be set from 0.29.1',
      },
      {
        case: 'Flux STT with max_streams set',
        installed: '0.29.0',
        document: 'engine:\n  flux:\n    enabled: true\n    max_streams: 60\n',
        outcome: 'pass',
      },
      {
        case: 'Flux STT without max_streams, but already past 0.29.1',
        installed: '0.30.0',
        document: 'engine:\n  flux:\n    enabled: true\n',
        outcome: 'pass',
      },
    ])('$case: $outcome', ({ document, installed, ...want }) => {
      const check = judge(document, installed);
      expect(check.outcome).toBe(want.outcome);
      expect(check.message).toContain(want.message ?? '');
      expect(check.fix === undefined).toBe(want.outcome === 'pass');
      expect(check.fix ?? '').toContain(want.fix ?? '');
    });

    it('judges the parsed form recorded beside the document, without parsing the YAML again', () => {
      const check = checkOf(
        evaluate({
          spec: { chart: { name: 'deepgram-self-hosted', version: '0.39.0' } },
          observations: {
            values: {
              ...valuesOf('fluxTts:\n  enabled: false\n'),
              // as the backend recorded it: the same values, parsed
              parsed: {
                fluxTts: { enabled: true, uuid: 'm', maxBatchSize: 0 },
              },
            },
          },
        }),
        'required-values',
      );
      expect(check.outcome).toBe('fail');
      expect(check.message).toContain('fluxTts.maxBatchSize must be set');
    });

    it('names every missing value at once', () => {
      const check = judge('fluxTts:\n  enabled: true\n');
      expect(check.outcome).toBe('fail');
      expect(check.message.match(/must be set from 0\.42\.0/g)).toHaveLength(3);
      expect(check.fix?.split('; ')).toHaveLength(3);
    });

    it('is unknown without a values document, and says where to upload one', () => {
      const { values, ...observations } = baseObservations();
      expect(values).toBeDefined();
      const signal = evaluate({
        observations: { ...observations, values: undefined },
      });
      expect(checkOf(signal, 'required-values')).toEqual({
        id: 'required-values',
        title: 'Required values',
        outcome: 'unknown',
        message: 'no values document on record for this deployment',
        fix: "upload the deployment's values file on its page (Secret names and refs only, no secret values)",
      });
      expect(signal.status).toBe('ready-with-warnings');
    });

    it('is unknown when the document on record cannot be read, without echoing it', () => {
      const check = judge('engine: [unclosed');
      expect(check.outcome).toBe('unknown');
      expect(check.message).toContain('is not YAML');
    });

    it('passes without a values document when no release on the way requires a value', () => {
      const check = checkOf(
        evaluate({
          spec: { chart: { name: 'deepgram-self-hosted', version: '0.30.0' } },
          observations: { values: undefined },
          options: { target: '0.41.1' },
        }),
        'required-values',
      );
      expect(check).toEqual({
        id: 'required-values',
        title: 'Required values',
        outcome: 'pass',
        message:
          'no release between 0.30.0 and 0.41.1 starts to require a value or forbids values together',
      });
    });
  });
});
