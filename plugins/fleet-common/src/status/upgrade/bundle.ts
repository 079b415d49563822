import { isSameChartVersion } from '../../releases/chartVersion';
import { describeMoment } from '../../time/durationWords';
import { defineUpgradeCheck } from './context';

/**
 * Air-gapped deployments only: the target's offline update bundle must have been handed out
 * and verified on site by `verify-bundle.sh` — fail without one or when its check failed,
 * warn while it is unverified. Judges the newest bundle handed out for the target.
 */
export const bundleCheck = defineUpgradeCheck({
  id: 'bundle',
  title: 'Update bundle',
  evaluate(ctx) {
    const { entity, target, observations, now } = ctx;
    const when = (iso: string) => describeMoment(iso, now) ?? iso;
    if (entity.spec.profile !== 'airgapped') {
      return {
        outcome: 'pass',
        message: `not needed: a ${entity.spec.profile} deployment pulls the chart and images itself`,
      };
    }
    if (!target) {
      return {
        outcome: 'unknown',
        message: 'no target release to look for an update bundle of',
      };
    }
    const create = `create the update bundle for ${target.version} on the deployment's page (Upgrade → "Create update bundle"), carry it into the site and run sh verify-bundle.sh there`;
    const bundle = (observations.bundles ?? []).find(b =>
      isSameChartVersion(b.target, target.version),
    );
    if (!bundle) {
      return {
        outcome: 'fail',
        message: `no update bundle for ${target.version} was handed out: an air-gapped site has no other way to get the chart and images`,
        fix: create,
      };
    }
    const handedOut = `the update bundle for ${
      target.version
    } handed out ${when(bundle.deliveredAt)} by ${bundle.deliveredBy}`;
    if (bundle.verification === 'failed') {
      const files = bundle.failedFiles?.length
        ? bundle.failedFiles.join(', ')
        : 'files not named by the report';
      return {
        outcome: 'fail',
        message: `${handedOut} failed verification on site${
          bundle.verifiedAt ? ` ${when(bundle.verifiedAt)}` : ''
        }: missing or changed ${files}`,
        fix: `copy ${files} again from the bundle and run sh verify-bundle.sh again, or ${create}`,
      };
    }
    if (bundle.verification !== 'verified') {
      return {
        outcome: 'warn',
        message: `${handedOut} has not been verified on site yet`,
        fix: 'run sh verify-bundle.sh in the bundle folder on site and return its bundle-verification.json through the inbox, or upload it on the deployment\'s page ("Upload bundle verification")',
      };
    }
    return {
      outcome: 'pass',
      message: `${handedOut} was verified on site${
        bundle.verifiedAt ? ` ${when(bundle.verifiedAt)}` : ''
      }`,
    };
  },
});
