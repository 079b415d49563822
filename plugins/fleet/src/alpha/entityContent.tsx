import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isDeployment, isJournalDeployment } from './filters';

/**
 * `entity-content:fleet` — a "Fleet" tab on CustomerDeployments with the status, license and
 * upgrade cards (and the journal card when the deployment bills by journal).
 */
export const fleetEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/fleet',
    title: 'Fleet',
    filter: isDeployment,
    loader: () =>
      import('../components/FleetContent').then(m => <m.FleetContent />),
  },
});

/**
 * `entity-content:fleet/journals` — a "Journals" tab on CustomerDeployments that bill by journal:
 * the journal card, the upload dialog and the received journals.
 */
export const journalsEntityContent = EntityContentBlueprint.make({
  name: 'journals',
  params: {
    path: '/journals',
    title: 'Journals',
    filter: isJournalDeployment,
    loader: () =>
      import('../components/JournalsContent').then(m => <m.JournalsContent />),
  },
});

/**
 * `entity-content:fleet/upgrade` — an "Upgrade" tab on CustomerDeployments: the upgrade plan to
 * the target in the URL (`?target=`), the values on record, the update bundles of air-gapped
 * deployments and the latest backups.
 */
export const upgradeEntityContent = EntityContentBlueprint.make({
  name: 'upgrade',
  params: {
    path: '/upgrade',
    title: 'Upgrade',
    filter: isDeployment,
    loader: () =>
      import('../components/UpgradeContent').then(m => <m.UpgradeContent />),
  },
});
