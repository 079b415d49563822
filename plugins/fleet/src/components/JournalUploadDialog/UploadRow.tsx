import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import {
  describeJournalWarning,
  formatBytes,
  formatCount,
} from '../shared/describeJournal';
import { StatusIcon, StatusTone } from '../status';
import type { Receipt, UploadItem } from './useJournalUploadQueue';

/** The word and icon of a file's state. */
function stateLabel(item: UploadItem): { tone: StatusTone; word: string } {
  switch (item.state) {
    case 'waiting':
      return { tone: 'pending', word: 'Waiting' };
    case 'uploading':
      return { tone: 'pending', word: 'Uploading' };
    case 'received':
      return item.receipts?.length &&
        item.receipts.every(receipt => receipt.duplicate)
        ? { tone: 'ok', word: 'Already received' }
        : { tone: 'ok', word: 'Received' };
    case 'failed':
      return { tone: 'error', word: 'Failed' };
    default:
      return { tone: 'neutral', word: 'Cancelled' };
  }
}

/** One file of the upload queue: name, size, state, then its progress or its result. */
export function UploadRow(props: { item: UploadItem; onRemove?: () => void }) {
  const { item, onRemove } = props;
  const { tone, word } = stateLabel(item);
  return (
    <ListItem
      divider
      data-file={item.file.name}
      sx={{ display: 'block' }}
      secondaryAction={
        onRemove ? (
          <Button
            size="small"
            onClick={onRemove}
            aria-label={`Remove ${item.file.name}`}
          >
            Remove
          </Button>
        ) : undefined
      }
    >
      <Box
        sx={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'baseline',
          columnGap: 1,
        }}
      >
        <Typography
          variant="body2"
          fontWeight="medium"
          sx={{ overflowWrap: 'anywhere' }}
        >
          {item.file.name}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {formatBytes(item.file.size)}
        </Typography>
        <Box
          component="span"
          sx={{ display: 'inline-flex', alignItems: 'baseline' }}
        >
          <StatusIcon tone={tone} />
          <Typography component="span" variant="body2">
            {word}
          </Typography>
        </Box>
      </Box>
      {item.state === 'uploading' ? <UploadProgress item={item} /> : null}
      {item.state === 'failed' ? (
        <Typography variant="body2" color="error" sx={{ mt: 0.5 }}>
          {item.error}
        </Typography>
      ) : null}
      {item.state === 'received' ? (
        <ReceiptList receipts={item.receipts ?? []} />
      ) : null}
    </ListItem>
  );
}

function UploadProgress(props: { item: UploadItem }) {
  const { item } = props;
  const sent = item.total > 0 && item.loaded >= item.total;
  const percent =
    item.total > 0 ? Math.round((item.loaded / item.total) * 100) : 0;
  return (
    <Box sx={{ mt: 1 }}>
      {sent ? (
        <LinearProgress aria-label={`Checking ${item.file.name}`} />
      ) : (
        <LinearProgress
          variant="determinate"
          value={percent}
          aria-label={`Uploading ${item.file.name}`}
        />
      )}
      <Typography variant="caption" color="text.secondary">
        {sent
          ? 'Sent; the fleet backend is checking and storing the journal…'
          : `${formatBytes(item.loaded)} of ${formatBytes(
              item.total,
            )} sent (${percent}%)`}
      </Typography>
    </Box>
  );
}

function ReceiptList(props: { receipts: Receipt[] }) {
  const { receipts } = props;
  if (receipts.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        The file held no journal.
      </Typography>
    );
  }
  return (
    <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 3 }}>
      {receipts.map(receipt => (
        <li key={`${receipt.id}-${receipt.replica}`}>
          <Typography variant="body2" component="span">
            {receipt.replica} · {formatCount(receipt.lines)}{' '}
            {receipt.lines === 1 ? 'line' : 'lines'} ·{' '}
            {formatBytes(receipt.bytes)}
            {receipt.duplicate
              ? ' · already received, nothing changed'
              : ' · new'}
          </Typography>
          {receipt.warnings.map(warning => (
            <Box key={warning} sx={{ display: 'flex', alignItems: 'baseline' }}>
              <StatusIcon tone="warning" />
              <Typography variant="body2" component="span">
                Warning: {describeJournalWarning(warning)}
              </Typography>
            </Box>
          ))}
        </li>
      ))}
    </Box>
  );
}
