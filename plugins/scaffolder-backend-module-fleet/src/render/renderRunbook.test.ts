import { z } from 'zod/v3';
import { onboardingAnswersSchema } from '../answers/schema';
import { ANSWER_MATRIX, answersFor } from '../__testUtils__/answerMatrix';
import { renderRunbook } from './renderRunbook';

const parseAnswers = (input: unknown) =>
  onboardingAnswersSchema(z).parse(input);

describe('renderRunbook', () => {
  it.each(ANSWER_MATRIX)(
    "%s: names this deployment's pods, claims and jobs",
    (_, answers) => {
      const text = renderRunbook(answers);
      expect(text).toContain(`# Runbook: ${answers.deployment.name}`);
      expect(text).toContain(`--version ${answers.chart.version}`);
      expect(text).toContain('-f values.yaml');
      for (const pod of [
        'deepgram-billing-0',
        'deepgram-billing-1',
        'deepgram-billing-2',
      ]) {
        expect(text).toContain(`| \`${pod}\``);
      }
      expect(text).toContain('kubectl create job');
      expect(text).toContain('collect-status.sh');
      expect(text).not.toMatch(/kubectl delete (pvc|pv)\b|rm -/);
    },
  );

  it("per-pod claims: retrieval pinned to each billing pod's node", () => {
    const text = renderRunbook(
      parseAnswers(answersFor('airgapped', 'ebs', 'pvc', 2)),
    );
    expect(text).toContain(
      'claimName: journal-deepgram-billing-1, readOnly: true',
    );
    expect(text).toContain(
      "NODE=$(kubectl get pod deepgram-billing-1 -n dg-self-hosted -o jsonpath='{.spec.nodeName}')",
    );
    expect(text).toContain('--from=cronjob/journal-backup-deepgram-billing-1');
    expect(text).toContain(
      'helm pull deepgram/deepgram-self-hosted --version 0.42.0',
    );
  });

  it('shared EFS: one helper reading every journal-<pod>/ folder', () => {
    const text = renderRunbook(
      parseAnswers(answersFor('connected', 'efs', 's3-irsa', 2)),
    );
    expect(text).toContain('claimName: dg-models-aws-efs-pvc, readOnly: true');
    expect(text).toContain('/journals/journal-deepgram-billing-1/journal');
    expect(text).toContain('--from=cronjob/journal-backup ');
  });
});
