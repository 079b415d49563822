import { Table, TableColumn } from '@backstage/core-components';
import type { AppliedValuesChange } from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { StatusIcon, StatusTone } from '../status';

const CHANGE_WORDS: Record<
  AppliedValuesChange['kind'],
  { word: string; tone: StatusTone }
> = {
  renamed: { word: 'Renamed (applied)', tone: 'ok' },
  removed: { word: 'Removed (applied)', tone: 'ok' },
  required: { word: 'Required: act', tone: 'warning' },
  conflict: { word: 'Conflict: act', tone: 'error' },
};

/** Whether the plan could not decide the change, so the SE must. */
export function needsAction(change: AppliedValuesChange): boolean {
  return change.kind === 'required' || change.kind === 'conflict';
}

/**
 * The values changes of one step: the key, what happened to it, where it went and why —
 * renames and removals as applied to the migrated values, required keys and conflicts flagged
 * with what the SE must do. Those come first.
 */
export function ValuesChangesTable(props: {
  version: string;
  changes: AppliedValuesChange[];
}) {
  const { version, changes } = props;
  if (changes.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {version} changes no values key the deployment sets.
      </Typography>
    );
  }
  const columns: TableColumn<AppliedValuesChange>[] = [
    {
      title: 'Key',
      field: 'key',
      render: row => <code>{row.key}</code>,
    },
    {
      title: 'Change',
      field: 'kind',
      render: row => (
        <Box
          component="span"
          data-kind={row.kind}
          sx={{ whiteSpace: 'nowrap' }}
        >
          <StatusIcon tone={CHANGE_WORDS[row.kind].tone} />
          {CHANGE_WORDS[row.kind].word}
        </Box>
      ),
    },
    {
      title: 'New key',
      field: 'movedTo',
      render: row => (row.movedTo ? <code>{row.movedTo}</code> : '—'),
    },
    {
      title: 'Note',
      field: 'note',
      sorting: false,
      render: row => (
        <>
          {row.note ? (
            <Typography variant="body2">{row.note}</Typography>
          ) : null}
          {row.action ? (
            <Typography variant="body2" fontWeight="bold">
              Action: {row.action}
            </Typography>
          ) : null}
        </>
      ),
    },
  ];
  const rows = [...changes].sort(
    (a, b) => Number(needsAction(b)) - Number(needsAction(a)),
  );
  return (
    <Table<AppliedValuesChange>
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
  );
}
