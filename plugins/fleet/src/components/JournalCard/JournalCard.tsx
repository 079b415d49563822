import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  CustomerDeploymentEntity,
  DeploymentStatus,
  describeIsoDuration,
  describeMoment,
  isCustomerDeploymentEntity,
  JournalReplicaSignal,
  JournalSignal,
} from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { FactList } from '../shared/FactList';
import { DeploymentStatusCardFrame } from '../shared/DeploymentCardFrame';
import { formatTimestamp } from '../shared/fleetStatus';
import { billsByJournal, describeDue } from '../shared/describeJournal';
import { useJournalsRefresh } from '../shared/journalsRefresh';
import { journalTone, JournalStatusLabel, StatusLabel } from '../status';

const TITLE = 'Billing journals';

const BILLING_WORDS: Record<string, string> = {
  'license-server': 'license-server billing',
  metered: 'metered billing',
};

/**
 * A CustomerDeployment's billing journals, per billing replica (`deepgram-billing-N`, each keeps
 * its own journal): status in words, when its latest journal was received and captured, and when
 * the next one is due ("due in 5 days", "overdue by 10 days"). Deployments that do not bill by
 * journal get a short "not applicable" note, without a call to the backend.
 */
export function JournalCard() {
  const { entity } = useEntity();
  const { generation } = useJournalsRefresh();
  if (isCustomerDeploymentEntity(entity) && !billsByJournal(entity)) {
    return <NotApplicableCard entity={entity} />;
  }
  // Fetched again after an upload (generation), when the deployment's status turns fresh.
  return (
    <DeploymentStatusCardFrame title={TITLE} generation={generation}>
      {(status, deployment, refresh) => (
        <JournalStatus
          status={status}
          entity={deployment}
          error={refresh.error}
        />
      )}
    </DeploymentStatusCardFrame>
  );
}

function NotApplicableCard(props: { entity: CustomerDeploymentEntity }) {
  const { entity } = props;
  const mode = entity.spec.billing?.mode;
  const billing = mode
    ? BILLING_WORDS[mode] ?? `${mode} billing`
    : 'no billing configuration';
  return (
    <InfoCard title={TITLE}>
      <StatusLabel
        kind="journal"
        status="not-applicable"
        detail={`${entity.metadata.name} uses ${billing}, so it returns no journals`}
      />
    </InfoCard>
  );
}

function JournalStatus(props: {
  status: DeploymentStatus;
  entity: CustomerDeploymentEntity;
  /** Why fetching the status again failed; the status shown is the last one. */
  error?: Error;
}) {
  const { status, entity, error } = props;
  const now = new Date();
  const every =
    entity.spec.billing?.returnEvery &&
    describeIsoDuration(entity.spec.billing.returnEvery);
  return (
    <>
      <FactList
        facts={[
          {
            label: 'Status',
            value: <JournalStatusLabel signal={status.journal} now={now} />,
          },
          ...(every ? [{ label: 'Returned every', value: every }] : []),
        ]}
      />
      {status.journal.status === 'not-applicable' ? null : (
        <ReplicaTable signal={status.journal} now={now} />
      )}
      {error ? (
        <Typography variant="body2" color="error" sx={{ mt: 2 }} role="alert">
          Could not refresh the journal status: {error.message}
        </Typography>
      ) : null}
    </>
  );
}

/** A moment as `3 days ago` over its timestamp, or the words for its absence. */
function Moment(props: { iso?: string; now: Date; absent: string }) {
  const { iso, now, absent } = props;
  if (!iso) {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {absent}
      </Typography>
    );
  }
  return (
    <>
      <Typography component="span" variant="body2" display="block">
        {describeMoment(iso, now) ?? iso}
      </Typography>
      <Typography
        component="span"
        variant="caption"
        color="text.secondary"
        display="block"
      >
        {formatTimestamp(iso)}
      </Typography>
    </>
  );
}

function dueWords(replica: JournalReplicaSignal, now: Date): string {
  if (!replica.dueAt) {
    return replica.status === 'never-received' ? 'Already due' : 'No due date';
  }
  const words = describeDue(replica.dueAt, now) ?? replica.dueAt;
  return words.charAt(0).toLocaleUpperCase('en-US') + words.slice(1);
}

function ReplicaTable(props: { signal: JournalSignal; now: Date }) {
  const { signal, now } = props;
  if (signal.replicas.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
        The fleet backend has not evaluated any billing replica yet.
      </Typography>
    );
  }
  return (
    <Box sx={{ mt: 2, overflowX: 'auto' }}>
      <Table size="small" aria-label="Journals per billing replica">
        <TableHead>
          <TableRow>
            <TableCell>Replica</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Last received</TableCell>
            <TableCell>Captured</TableCell>
            <TableCell>Next due</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {signal.replicas.map(replica => (
            <TableRow key={replica.name} data-replica={replica.name}>
              <TableCell component="th" scope="row">
                <Typography
                  component="span"
                  variant="body2"
                  sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}
                >
                  {replica.name}
                </Typography>
              </TableCell>
              <TableCell>
                <StatusLabel
                  kind="journal"
                  status={replica.status}
                  tone={journalTone(replica)}
                />
              </TableCell>
              <TableCell>
                <Moment iso={replica.lastReceivedAt} now={now} absent="Never" />
              </TableCell>
              <TableCell>
                <Moment iso={replica.capturedAt} now={now} absent="Unknown" />
              </TableCell>
              <TableCell>
                <Typography component="span" variant="body2">
                  {dueWords(replica, now)}
                </Typography>
                {replica.dueAt ? (
                  <Typography
                    component="span"
                    variant="caption"
                    color="text.secondary"
                    display="block"
                  >
                    {formatTimestamp(replica.dueAt)}
                  </Typography>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
