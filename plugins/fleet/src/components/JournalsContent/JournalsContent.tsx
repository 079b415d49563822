import { useCallback, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  CustomerDeploymentEntity,
  fleetJournalCreatePermission,
  fleetJournalReadPermission,
  isCustomerDeploymentEntity,
  JournalReceipt,
} from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { fleetApiRef } from '../../api';
import { JournalCard } from '../JournalCard';
import { JournalUploadDialog } from '../JournalUploadDialog';
import { EntityKindFrame } from '../shared/WrongKindCard';
import { billsByJournal, journalFileName } from '../shared/describeJournal';
import {
  JournalsRefreshProvider,
  useJournalsRefresh,
} from '../shared/journalsRefresh';
import { describeJournalError } from '../shared/describeJournalError';
import { DeploymentPermissionGate } from '../shared/DeploymentPermissionGate';
import { isNotAllowed } from '../shared/describeApiError';
import { NotAllowedPanel } from '../shared/NotAllowedPanel';

/** "You may not …" for fleet.journal.read. */
const READ_JOURNALS_ACTION = 'read the billing journals';
import { useCursorPages } from '../shared/useCursorPages';
import { ReceiptsTable } from './ReceiptsTable';
import { saveBlob } from '../shared/saveBlob';

/** Receipts per page until the user picks another size. */
export const DEFAULT_RECEIPT_PAGE_SIZE = 20;

function statusCodeOf(error: Error): number | undefined {
  return error.name === 'ResponseError'
    ? (error as Error & { statusCode?: number }).statusCode
    : undefined;
}

/**
 * The "Journals" tab of a CustomerDeployment that bills by journal: the journal card (per
 * replica), a way to upload journals (drag and drop, progress, a result per file) and the history
 * of received journals, newest first, with downloads. After an upload the card and the history
 * are fetched again.
 */
export function JournalsContent() {
  return (
    <EntityKindFrame
      title="Journals"
      expectedKind={CUSTOMER_DEPLOYMENT_KIND}
      isKind={isCustomerDeploymentEntity}
    >
      {entity =>
        billsByJournal(entity) ? (
          <JournalsRefreshProvider key={stringifyEntityRef(entity)}>
            <Journals entity={entity} />
          </JournalsRefreshProvider>
        ) : (
          // The card explains that journals do not apply to this deployment.
          <JournalCard />
        )
      }
    </EntityKindFrame>
  );
}

function Journals(props: { entity: CustomerDeploymentEntity }) {
  const { entity } = props;
  const { refresh } = useJournalsRefresh();
  const upload = usePermission({
    permission: fleetJournalCreatePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [dialog, setDialog] = useState({ open: false, key: 0 });
  const openDialog = () =>
    setDialog(current => ({ open: true, key: current.key + 1 }));
  const closeDialog = () => setDialog(current => ({ ...current, open: false }));

  const uploadButton = (
    <Button variant="contained" onClick={openDialog} disabled={!upload.allowed}>
      Upload journals
    </Button>
  );
  const notAllowed =
    !upload.loading && !upload.allowed ? (
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        You are not allowed to upload journals (permission
        fleet.journal.create); ask the owners of {entity.metadata.name} or a
        Backstage admin.
      </Typography>
    ) : null;

  return (
    <>
      <Grid container spacing={3} alignItems="stretch">
        <Grid item xs={12} lg={7}>
          <JournalCard />
        </Grid>
        <Grid item xs={12} lg={5}>
          <InfoCard title="Upload journals">
            <Typography variant="body2" component="p" gutterBottom>
              Upload the journals that {entity.metadata.name} sent back: a
              billing pod's journal, or the <code>.tar.gz</code> archive that
              the backup CronJob writes each day. Several files can go at once;
              each replica's journal becomes one receipt, and the same bytes
              sent twice are received once.
            </Typography>
            <Typography
              variant="body2"
              color="text.secondary"
              component="p"
              gutterBottom
            >
              Archives dropped into the fleet inbox by the customer's process
              arrive on their own and are listed below.
            </Typography>
            <Box sx={{ mt: 2 }}>{uploadButton}</Box>
            {notAllowed}
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <DeploymentPermissionGate
            entity={entity}
            permission={fleetJournalReadPermission}
            action={READ_JOURNALS_ACTION}
          >
            <JournalHistory entity={entity} uploadButton={uploadButton} />
          </DeploymentPermissionGate>
        </Grid>
      </Grid>
      <JournalUploadDialog
        key={dialog.key}
        open={dialog.open}
        entity={entity}
        onClose={closeDialog}
        onUploaded={refresh}
      />
    </>
  );
}

/** The received journals, newest first, paged by the backend's cursor. */
function JournalHistory(props: {
  entity: CustomerDeploymentEntity;
  uploadButton: JSX.Element;
}) {
  const { entity, uploadButton } = props;
  const fleetApi = useApi(fleetApiRef);
  const alertApi = useApi(alertApiRef);
  const { generation } = useJournalsRefresh();
  const entityRef = stringifyEntityRef(entity);
  const name = entity.metadata.name;
  const [pageSize, setPageSize] = useState(DEFAULT_RECEIPT_PAGE_SIZE);
  // New receipts come first, so an upload starts again at the first page.
  const pagingKey = `${entityRef}|${pageSize}|${generation}`;
  const { value, loading, error, page, goToPage } = useCursorPages(
    pagingKey,
    cursor =>
      fleetApi.listJournals(entityRef, {
        limit: pageSize,
        ...(cursor && { cursor }),
      }),
  );

  const download = useCallback(
    async (receipt: JournalReceipt) => {
      try {
        const { content, fileName } = await fleetApi.downloadJournal(
          entityRef,
          receipt.id,
        );
        saveBlob(content, journalFileName(receipt, fileName));
      } catch (e) {
        alertApi.post({
          severity: 'error',
          message: `Could not download the journal of ${
            receipt.replica
          }: ${describeJournalError(e, {
            action: 'download',
            deployment: name,
          })}`,
        });
      }
    },
    [fleetApi, alertApi, entityRef, name],
  );

  if (error) {
    const status = statusCodeOf(error);
    if (isNotAllowed(error)) {
      return (
        <NotAllowedPanel
          action={READ_JOURNALS_ACTION}
          permission={fleetJournalReadPermission.name}
          deployment={name}
        />
      );
    }
    if (status === 404) {
      return (
        <WarningPanel
          severity="info"
          defaultExpanded
          title="Fleetdeck does not know this deployment yet"
          message={`The journals of ${name} are listed once the fleet backend has taken it from the catalog, normally a few minutes after it appears there.`}
        />
      );
    }
    return (
      <ResponseErrorPanel
        title={`Could not load the journals of ${name}`}
        error={error}
      />
    );
  }
  if (!value) {
    return <Progress />;
  }
  if (value.totalCount === 0 && page === 0) {
    return (
      <EmptyState
        missing="data"
        title="No journals received yet"
        description={`No journal of ${name} has reached Fleetdeck. Upload the journals the customer sent back, or have the customer's process drop the archives of the backup CronJob (which tars each billing pod's /journal folder every day) into the fleet inbox; they are listed here as they arrive.`}
        action={uploadButton}
      />
    );
  }
  return (
    <Box aria-busy={loading} data-testid="journal-history">
      <ReceiptsTable
        title={`Received journals (${value.totalCount})`}
        rows={value.items}
        loading={loading}
        page={page}
        pageSize={pageSize}
        totalCount={value.totalCount}
        onPageChange={goToPage}
        onPageSizeChange={setPageSize}
        onDownload={download}
      />
    </Box>
  );
}
