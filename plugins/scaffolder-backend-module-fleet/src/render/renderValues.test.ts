import { parse, parseAllDocuments } from 'yaml';
import { z } from 'zod/v3';
import { onboardingAnswersSchema } from '../answers/schema';
import {
  ANSWER_MATRIX,
  answersFor,
  sizedAnswersFor,
} from '../__testUtils__/answerMatrix';
import { CHART_VALUE_KEYS, leafPaths } from '../__testUtils__/chartValueKeys';
import { renderValues } from './renderValues';

const parseAnswers = (input: unknown) =>
  onboardingAnswersSchema(z).parse(input);

/** `billing.journal` as the chart reads it, by journal storage. */
const EXPECTED_JOURNAL = {
  efs: { aws: { efs: { enabled: true } } },
  ebs: { storageClass: 'gp3', size: '2Gi', aws: { efs: { enabled: false } } },
  'existing-pvc': {
    existingPvcName: 'acme-journals',
    aws: { efs: { enabled: false } },
  },
};

/** EFS journals share the models' file system. */
const EFS_MODELS = {
  volumes: {
    aws: {
      efs: {
        enabled: true,
        fileSystemId: 'fs-0a1b2c3d4e5f60718',
        namePrefix: 'dg-models',
      },
    },
  },
};

describe('renderValues', () => {
  it.each(ANSWER_MATRIX)(
    '%s: one YAML document, chart keys only',
    (_, answers) => {
      const text = renderValues(answers);
      const docs = parseAllDocuments(text);
      expect(docs).toHaveLength(1);
      expect(docs[0].errors).toEqual([]);
      const unknown = leafPaths(parse(text)).filter(
        k => !CHART_VALUE_KEYS.has(k),
      );
      expect(unknown).toEqual([]);
    },
  );

  it.each(ANSWER_MATRIX)(
    '%s: journal storage as the chart reads it',
    (_, answers) => {
      const values = parse(renderValues(answers));
      expect(values.billing.enabled).toBe(true);
      expect(values.billing.replicas).toBe(3);
      expect(values.billing.journal).toEqual(
        EXPECTED_JOURNAL[answers.billing.journalStorage!],
      );
      expect(values.engine.modelManager).toEqual(
        answers.billing.journalStorage === 'efs' ? EFS_MODELS : undefined,
      );
    },
  );

  it('air-gapped: license secret refs, license proxy, every image from the private registry', () => {
    const values = parse(
      renderValues(parseAnswers(answersFor('airgapped', 'ebs', 'nfs'))),
    );
    expect(values.global).toEqual({
      pullSecretRef: 'acme-regcred',
      deepgramLicenseSecretRef: 'dg-license-key',
      initContainer: {
        image: {
          registry: 'registry.acme.internal:5000',
          repository: 'ubuntu',
        },
      },
    });
    expect(values.billing.licenseFile).toEqual({
      secretRef: 'dg-license-file',
      secretKey: 'license.dg',
    });
    expect(values.licenseProxy.enabled).toBe(true);
    for (const component of ['api', 'engine', 'licenseProxy', 'billing']) {
      expect(values[component].image.path).toMatch(
        /^registry\.acme\.internal:5000\/deepgram\/self-hosted-/,
      );
    }
    expect(values.engine.resources).toEqual({
      gpuResourceName: 'nvidia.com/mig-3g.40gb',
      requests: { gpu: 2 },
      limits: { gpu: 2 },
    });
    expect(values.scaling.replicas.engine).toBe(2);
  });

  it('sized for a load: engine replicas, GPUs, CPU and memory as requests and limits, chart keys only', () => {
    const text = renderValues(
      parseAnswers(sizedAnswersFor('airgapped', 'ebs', 'nfs')),
    );
    const values = parse(text);
    expect(values.scaling.replicas.engine).toBe(2);
    expect(values.engine.resources).toEqual({
      gpuResourceName: 'nvidia.com/mig-3g.40gb',
      requests: { gpu: 2, cpu: '4', memory: '24Gi' },
      limits: { gpu: 2, cpu: '4', memory: '24Gi' },
    });
    expect(text).not.toMatch(/[&*]a\d/);
    expect(leafPaths(values).filter(k => !CHART_VALUE_KEYS.has(k))).toEqual([]);
    expect(text).toContain(
      '# Sized for 8 concurrent streams at peak: 2 engine pods with 2 nvidia.com/mig-3g.40gb, 16 GiB of GPU memory, 4 CPU and 24Gi memory each.',
    );
  });

  it("unsized: the chart's CPU and memory defaults stay, and the header says nothing of a load", () => {
    const text = renderValues(
      parseAnswers(answersFor('airgapped', 'ebs', 'nfs')),
    );
    expect(parse(text).engine.resources.requests).toEqual({ gpu: 2 });
    expect(text).not.toContain('Sized for');
  });

  it('connected: the API key secret ref, images from quay.io (no path override)', () => {
    const values = parse(
      renderValues(parseAnswers(answersFor('connected', 'ebs', 's3-irsa'))),
    );
    expect(values.global.deepgramSecretRef).toBe('dg-api-key');
    expect(values.api).toEqual({});
    expect(values.global.initContainer).toBeUndefined();
  });

  it('connected without journals turns billing off and needs no license secrets', () => {
    const values = parse(
      renderValues(
        parseAnswers({
          ...answersFor('connected', 'ebs', 's3-irsa'),
          billing: { journals: false, journalStorage: 'ebs' },
        }),
      ),
    );
    expect(values.billing).toEqual({ enabled: false });
    expect(values.global.deepgramLicenseSecretRef).toBeUndefined();
  });

  it('lists the Secrets to create in its header, with placeholders only', () => {
    const text = renderValues(
      parseAnswers(answersFor('airgapped', 'ebs', 'nfs')),
    );
    const header = text.slice(0, text.indexOf('global:'));
    expect(header).toContain(
      "kubectl create secret generic dg-license-key -n dg-self-hosted --from-literal=DEEPGRAM_LICENSE_KEY='<license key>'",
    );
    expect(header).toContain('--from-file=license.dg=<path to license.dg>');
    expect(header).toContain(
      'kubectl create secret docker-registry acme-regcred',
    );
  });
});
