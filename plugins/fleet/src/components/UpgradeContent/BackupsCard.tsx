import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  fleetDeploymentReadPermission,
  type CustomerDeploymentEntity,
} from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { fleetApiRef } from '../../api';
import { formatBytes } from '../shared/describeJournal';
import { isNotAllowed } from '../shared/describeApiError';
import { formatTimestamp, READ_STATUS_ACTION } from '../shared/fleetStatus';
import { NotAllowedPanel } from '../shared/NotAllowedPanel';
import { StatusIcon } from '../status';
import { BackupRow, describeBackups } from './describeBackups';

const TITLE = 'Backups';

/**
 * The latest backup of each database the deployment declares (`spec.databases`): fresh inside
 * the 24 h an upgrade that migrates it needs, stale after, or none received yet — with how the
 * backup manifests reach the portal. `now` is for tests.
 */
export function BackupsCard(props: {
  entity: CustomerDeploymentEntity;
  now?: Date;
}) {
  const { entity } = props;
  const name = entity.metadata.name;
  const databases = entity.spec.databases ?? [];
  const fleetApi = useApi(fleetApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    async () =>
      databases.length > 0 ? fleetApi.listBackups(entityRef) : { items: [] },
    [fleetApi, entityRef, databases.length],
  );

  if (databases.length === 0) {
    return (
      <InfoCard title={TITLE}>
        <Typography variant="body2" color="text.secondary">
          {name} declares no databases (<code>spec.databases</code>), so no
          backup is needed before an upgrade. Declare the PostgreSQL databases
          the product uses there to have the onboarding template generate their
          backup CronJobs.
        </Typography>
      </InfoCard>
    );
  }
  if (loading) {
    return (
      <InfoCard title={TITLE}>
        <Progress />
      </InfoCard>
    );
  }
  if (isNotAllowed(error)) {
    return (
      <NotAllowedPanel
        title={TITLE}
        action={READ_STATUS_ACTION}
        permission={fleetDeploymentReadPermission.name}
        deployment={name}
      />
    );
  }
  if (error || !value) {
    return (
      <InfoCard title={TITLE}>
        <ResponseErrorPanel
          title={`Could not load the backups of ${name}`}
          error={error ?? new Error('No answer')}
        />
      </InfoCard>
    );
  }

  const rows = describeBackups(databases, value.items, props.now ?? new Date());
  const columns: TableColumn<BackupRow>[] = [
    {
      title: 'Database',
      field: 'component',
      render: row => (
        <>
          <Typography variant="body2">{row.component}</Typography>
          <Typography variant="caption" color="text.secondary">
            {row.database}
          </Typography>
        </>
      ),
    },
    {
      title: 'Latest backup',
      field: 'word',
      render: row => (
        <Box data-tone={row.tone}>
          <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
            <StatusIcon tone={row.tone} />
            {row.word}
          </Box>
          <Typography variant="caption" color="text.secondary" component="p">
            {row.detail}
          </Typography>
        </Box>
      ),
    },
    {
      title: 'Size',
      field: 'backup.bytes',
      render: row => (row.backup ? formatBytes(row.backup.bytes) : '—'),
    },
    {
      title: 'Taken at',
      field: 'backup.takenAt',
      defaultSort: 'desc',
      render: row =>
        row.backup ? formatTimestamp(row.backup.takenAt) : 'Never',
    },
    {
      title: 'Kept',
      field: 'backup.retentionDays',
      render: row => (row.backup ? `${row.backup.retentionDays} days` : '—'),
    },
  ];

  return (
    <InfoCard title={TITLE}>
      <Table<BackupRow>
        columns={columns}
        data={rows}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
          sorting: true,
        }}
      />
      {rows.some(row => !row.backup) ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          The backup CronJob generated at onboarding dumps each database every
          day at 02:00 UTC (<code>pg_dump -Fc</code>, kept 30 days) and writes a{' '}
          <code>&lt;database&gt;-&lt;time&gt;.manifest.json</code> beside the
          dump. Have the customer send those manifests back with the journals or
          drop them into the fleet inbox; the status collector brings them along
          too. The dumps themselves stay with the customer.
        </Typography>
      ) : null}
    </InfoCard>
  );
}
