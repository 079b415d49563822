import type { OnboardingAnswers } from '../answers/schema';

/** The chart's defaults (`billing.namePrefix`, `engine.modelManager.volumes.aws.efs.namePrefix`). */
export const BILLING_NAME_PREFIX = 'deepgram-billing';
export const MODELS_EFS_NAME_PREFIX = 'dg-models';

/**
 * One billing replica and where its journal lives on the volume.
 *
 * @public
 */
export type BillingReplica = {
  /** The StatefulSet pod, `deepgram-billing-N`. */
  pod: string;
  /** The claim that holds this replica's journal. */
  claimName: string;
  /** The folder of the journal relative to the claim's root (`.` for a per-pod claim). */
  folder: string;
};

/**
 * Where the chart puts each replica's journal (`/journal/journal` in the pod):
 * - `per-pod`: no existing claim and EFS off → `volumeClaimTemplates` named `journal`, so one
 *   RWO claim `journal-deepgram-billing-N` per replica, the journal at its root;
 * - `shared`: `billing.journal.existingPvcName`, or EFS reusing the models claim
 *   `dg-models-aws-efs-pvc`; each pod writes under `journal-<pod>/`.
 *
 * @public
 */
export type JournalLayout = {
  kind: 'per-pod' | 'shared';
  replicas: BillingReplica[];
  /** The shared claim, for `shared`. */
  sharedClaimName?: string;
};

/**
 * The journal layout the chart creates for these answers.
 *
 * @public
 */
export function journalLayoutOf(answers: OnboardingAnswers): JournalLayout {
  const pods = Array.from(
    { length: answers.billing.replicas },
    (_, index) => `${BILLING_NAME_PREFIX}-${index}`,
  );
  const { journalStorage, existingPvcName } = answers.billing;
  if (journalStorage === 'ebs') {
    return {
      kind: 'per-pod',
      replicas: pods.map(pod => ({
        pod,
        claimName: `journal-${pod}`,
        folder: '.',
      })),
    };
  }
  const sharedClaimName =
    journalStorage === 'existing-pvc' && existingPvcName
      ? existingPvcName
      : `${MODELS_EFS_NAME_PREFIX}-aws-efs-pvc`;
  return {
    kind: 'shared',
    sharedClaimName,
    replicas: pods.map(pod => ({
      pod,
      claimName: sharedClaimName,
      folder: `journal-${pod}`,
    })),
  };
}
