import { useMemo, useState } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { describeMoment, JournalReceipt } from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import {
  describeJournalWarning,
  formatBytes,
  formatCount,
  shortSha,
} from '../shared/describeJournal';
import { formatTimestamp } from '../shared/fleetStatus';
import { StatusIcon } from '../status';
import { serverPagingProps } from '../shared/serverPaging';

/** Page sizes offered for receipts. */
export const RECEIPT_PAGE_SIZES = [20, 50, 100];

function Moment(props: { iso: string; now: Date; extra?: string }) {
  const { iso, now, extra } = props;
  const relative = describeMoment(iso, now);
  return (
    <>
      <Typography component="span" variant="body2" display="block">
        {formatTimestamp(iso)}
      </Typography>
      <Typography
        component="span"
        variant="caption"
        color="text.secondary"
        display="block"
      >
        {[relative, extra].filter(Boolean).join(' · ')}
      </Typography>
    </>
  );
}

function describeSource(receipt: JournalReceipt): string {
  const how = receipt.source === 'inbox' ? 'from the inbox' : 'uploaded';
  return receipt.fileName ? `${how}: ${receipt.fileName}` : how;
}

function columnsFor(
  now: Date,
  downloading: string | undefined,
  onDownload: (receipt: JournalReceipt) => void,
): TableColumn<JournalReceipt>[] {
  return [
    {
      title: 'Replica',
      highlight: true,
      render: row => (
        <Typography
          component="span"
          variant="body2"
          sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}
        >
          {row.replica}
        </Typography>
      ),
    },
    {
      title: 'Captured',
      render: row =>
        row.capturedAt ? (
          <Moment iso={row.capturedAt} now={now} />
        ) : (
          <Typography component="span" variant="body2" color="text.secondary">
            Unknown
          </Typography>
        ),
    },
    {
      title: 'Received',
      render: row => (
        <Moment iso={row.receivedAt} now={now} extra={describeSource(row)} />
      ),
    },
    {
      title: 'Size',
      align: 'right',
      render: row => formatBytes(row.bytes),
    },
    {
      title: 'Lines',
      align: 'right',
      render: row => formatCount(row.lines),
    },
    {
      title: 'SHA-256',
      render: row => (
        <Tooltip title={row.sha256}>
          <Box
            component="code"
            aria-label={`SHA-256 ${row.sha256}`}
            sx={{ whiteSpace: 'nowrap' }}
          >
            {shortSha(row.sha256)}
          </Box>
        </Tooltip>
      ),
    },
    {
      title: 'Warnings',
      render: row =>
        row.warnings.length === 0 ? (
          <Typography component="span" variant="body2" color="text.secondary">
            None
          </Typography>
        ) : (
          row.warnings.map(warning => (
            <Box
              key={warning}
              sx={{ display: 'flex', alignItems: 'baseline', minWidth: 220 }}
            >
              <StatusIcon tone="warning" />
              <Typography component="span" variant="body2">
                {describeJournalWarning(warning)}
              </Typography>
            </Box>
          ))
        ),
    },
    {
      title: 'Journal',
      render: row => (
        <Button
          size="small"
          disabled={downloading === row.id}
          onClick={() => onDownload(row)}
          aria-label={`Download the journal of ${
            row.replica
          } received ${formatTimestamp(row.receivedAt)}`}
        >
          {downloading === row.id ? 'Downloading…' : 'Download'}
        </Button>
      ),
    },
  ];
}

/**
 * One page of a deployment's journal receipts, newest first, paged by the backend's cursor: the
 * core Table gets the page's rows with `page` and `totalCount`, so it shows "1-20 of 64" with
 * previous and next (a cursor cannot jump to the last page).
 */
export function ReceiptsTable(props: {
  title: string;
  rows: JournalReceipt[];
  loading: boolean;
  page: number;
  pageSize: number;
  totalCount: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
  onDownload: (receipt: JournalReceipt) => Promise<void>;
}) {
  const {
    title,
    rows,
    loading,
    page,
    pageSize,
    totalCount,
    onPageChange,
    onPageSizeChange,
    onDownload,
  } = props;
  const [downloading, setDownloading] = useState<string>();
  const columns = useMemo(
    () =>
      columnsFor(new Date(), downloading, receipt => {
        setDownloading(receipt.id);
        onDownload(receipt).finally(() => setDownloading(undefined));
      }),
    [downloading, onDownload],
  );
  const paging = serverPagingProps({
    page,
    pageSize,
    pageSizeOptions: RECEIPT_PAGE_SIZES,
    onPageChange,
    onPageSizeChange,
  });
  return (
    <Table<JournalReceipt>
      title={title}
      columns={columns}
      data={rows}
      isLoading={loading}
      page={paging.page}
      totalCount={totalCount}
      options={{
        search: false,
        sorting: false,
        draggable: false,
        padding: 'dense',
        ...paging.options,
      }}
      onPageChange={paging.onPageChange}
    />
  );
}
