import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  fleetArtifactReadPermission,
  type ArtifactSummary,
  type CustomerDeploymentEntity,
} from '@fleetdeck/plugin-fleet-common';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { fleetApiRef } from '../../api';
import { saveBlob } from '../shared/saveBlob';
import { DeploymentCardFrame } from '../shared/DeploymentCardFrame';
import { describeNotAllowed, isNotAllowed } from '../shared/describeApiError';
import { NotAllowedPanel } from '../shared/NotAllowedPanel';
import { describeArtifact, formatSize } from './describeArtifact';

const TITLE = 'Generated files';
/** "You may not …" for fleet.artifact.read. */
const READ_ARTIFACTS_ACTION = 'download the generated files';

const isNotFound = (error: unknown) =>
  error instanceof ResponseError && error.statusCode === 404;

/**
 * The files generated when a CustomerDeployment was onboarded through the portal — Helm values,
 * backup CronJobs, runbook, status collector — each downloadable, and all as one `.tar.gz`.
 * Deployments that came from elsewhere (git) say so instead.
 */
export function ArtifactsCard() {
  return (
    <DeploymentCardFrame
      title={TITLE}
      permission={fleetArtifactReadPermission}
      action={READ_ARTIFACTS_ACTION}
    >
      {entity => <ArtifactsCardContent entity={entity} />}
    </DeploymentCardFrame>
  );
}

function ArtifactsCardContent(props: { entity: CustomerDeploymentEntity }) {
  const { entity } = props;
  const fleetApi = useApi(fleetApiRef);
  const alertApi = useApi(alertApiRef);
  const [downloading, setDownloading] = useState<string>();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => fleetApi.listArtifacts(entityRef),
    [fleetApi, entityRef],
  );

  const download = async (name?: string) => {
    setDownloading(name ?? 'all');
    try {
      const file = name
        ? await fleetApi.downloadArtifact(entityRef, name)
        : await fleetApi.downloadArtifactArchive(entityRef);
      saveBlob(
        file.content,
        file.fileName ?? name ?? `${entity.metadata.name}-onboarding.tar.gz`,
      );
    } catch (e) {
      alertApi.post({
        message: isNotAllowed(e)
          ? describeNotAllowed({
              action: READ_ARTIFACTS_ACTION,
              permission: fleetArtifactReadPermission.name,
              deployment: entity.metadata.name,
            })
          : `Could not download ${name ?? 'the files'}: ${
              (e as Error).message
            }`,
        severity: 'error',
      });
    } finally {
      setDownloading(undefined);
    }
  };

  if (loading) {
    return (
      <InfoCard title={TITLE}>
        <Progress />
      </InfoCard>
    );
  }
  if (isNotFound(error)) {
    return (
      <InfoCard title={TITLE}>
        <Typography variant="body2" color="text.secondary">
          This deployment was not onboarded through the portal, so there are no
          generated files. New deployments get Helm values, backup CronJobs and
          a runbook from the "New customer deployment" template.
        </Typography>
      </InfoCard>
    );
  }
  if (isNotAllowed(error)) {
    return (
      <NotAllowedPanel
        title={TITLE}
        action={READ_ARTIFACTS_ACTION}
        permission={fleetArtifactReadPermission.name}
        deployment={entity.metadata.name}
      />
    );
  }
  if (error || !value) {
    return (
      <InfoCard title={TITLE}>
        <ResponseErrorPanel error={error ?? new Error('No answer')} />
      </InfoCard>
    );
  }

  const columns: TableColumn<ArtifactSummary>[] = [
    {
      title: 'File',
      field: 'name',
      render: row => (
        <Link
          component="button"
          variant="body2"
          disabled={downloading !== undefined}
          onClick={() => download(row.name)}
          aria-label={`Download ${row.name}`}
        >
          {row.name}
        </Link>
      ),
    },
    { title: 'What it is', render: row => describeArtifact(row.name) },
    { title: 'Size', render: row => formatSize(row.bytes), width: '6em' },
  ];

  return (
    <InfoCard
      title={TITLE}
      subheader={`Registered ${value.registeredAt.slice(0, 10)}`}
      action={
        <Button
          variant="outlined"
          size="small"
          sx={{ mt: 1, mr: 1 }}
          disabled={downloading !== undefined || value.items.length === 0}
          onClick={() => download()}
        >
          Download all (.tar.gz)
        </Button>
      }
    >
      <Table<ArtifactSummary>
        columns={columns}
        data={value.items}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
      />
    </InfoCard>
  );
}
