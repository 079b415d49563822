/**
 * Scaffolder actions that onboard a customer deployment of the self-hosted chart, and render
 * its upgrade plan.
 *
 * @packageDocumentation
 */

export { scaffolderModuleFleet as default } from './module';
export { createRenderValuesAction } from './actions/renderValues.action';
export { createRenderBackupCronJobsAction } from './actions/renderBackupCronJobs.action';
export { createRenderRunbookAction } from './actions/renderRunbook.action';
export { createRegisterDeploymentAction } from './actions/registerDeployment.action';
export { createRenderUpgradePlanAction } from './actions/renderUpgradePlan.action';
export {
  onboardingAnswersSchema,
  type OnboardingAnswers,
  type OnboardingAnswersInput,
} from './answers/schema';
export { parseOnboardingAnswers } from './answers/checkAnswers';
export { describeCronProblem, CRON_PATTERN } from './answers/cron';
export * from './render';
