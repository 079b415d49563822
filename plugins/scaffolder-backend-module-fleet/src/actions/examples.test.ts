import { parse } from 'yaml';
import { parseOnboardingAnswers } from '../answers/checkAnswers';
import { examples as registerExamples } from './registerDeployment.examples';
import { examples as cronJobExamples } from './renderBackupCronJobs.examples';
import { examples as runbookExamples } from './renderRunbook.examples';
import { examples as upgradePlanExamples } from './renderUpgradePlan.examples';
import { examples as valuesExamples } from './renderValues.examples';
import { airgappedAnswers, connectedAnswers } from './examples';

describe('action examples', () => {
  it.each([
    ['fleet:values:render', valuesExamples],
    ['fleet:backup-cronjobs:render', cronJobExamples],
    ['fleet:runbook:render', runbookExamples],
    ['fleet:deployment:register', registerExamples],
  ])(
    '%s: its example is a valid step with valid answers',
    (action, examples) => {
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        const { steps } = parse(example.example);
        expect(steps[0].action).toBe(action);
        expect(() =>
          parseOnboardingAnswers(steps[0].input.answers),
        ).not.toThrow();
      }
    },
  );

  it('fleet:upgrade-plan:render: its examples are steps naming a deployment', () => {
    expect(upgradePlanExamples.length).toBeGreaterThan(0);
    for (const example of upgradePlanExamples) {
      const { steps } = parse(example.example);
      expect(steps[0].action).toBe('fleet:upgrade-plan:render');
      expect(steps[0].input.deployment).toMatch(
        /^(customerdeployment:default\/[a-z0-9-]+|\$\{\{ parameters\.\w+ \}\})$/,
      );
    }
  });

  it('the example answers are valid', () => {
    expect(() => parseOnboardingAnswers(airgappedAnswers)).not.toThrow();
    expect(() => parseOnboardingAnswers(connectedAnswers)).not.toThrow();
  });
});
