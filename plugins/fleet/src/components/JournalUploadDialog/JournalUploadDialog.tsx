import {
  DragEvent,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  CustomerDeploymentEntity,
  JournalUploadResponse,
} from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { fleetApiRef } from '../../api';
import {
  describeJournalWarning,
  formatBytes,
  formatCount,
  journalReplicaNames,
} from '../shared/describeJournal';
import { StatusIcon, StatusTone } from '../status';
import { plural } from '@fleetdeck/plugin-fleet-common';
import {
  describeJournalError,
  isAbortError,
} from '../shared/describeJournalError';

type Receipt = JournalUploadResponse['receipts'][number];

/** One chosen file and how its upload went. */
type UploadItem = {
  id: number;
  file: File;
  state: 'waiting' | 'uploading' | 'received' | 'failed' | 'cancelled';
  /** Bytes sent so far, of `total`. */
  loaded: number;
  total: number;
  receipts?: Receipt[];
  error?: string;
};

/** The same file chosen twice (same name, size and modification time) is added once. */
function sameFile(a: File, b: File): boolean {
  return (
    a.name === b.name && a.size === b.size && a.lastModified === b.lastModified
  );
}

/**
 * Uploads billing journals of one CustomerDeployment: files are dropped on the zone or chosen
 * with the picker (several at once: raw journals, or the `.tar.gz` archives the backup CronJob
 * writes), optionally for one replica, then sent one after another with a progress bar each.
 * Each file ends with its result in words: the journals received (replica, lines, size, "already
 * received" for the same bytes sent before, warnings) or what went wrong.
 *
 * `onUploaded` is called after a round of uploads in which at least one file was received, so
 * the page can fetch the receipts and the deployment's status again.
 */
export function JournalUploadDialog(props: {
  open: boolean;
  entity: CustomerDeploymentEntity;
  onClose: () => void;
  onUploaded: () => void;
}) {
  const { open, entity, onClose, onUploaded } = props;
  const fleetApi = useApi(fleetApiRef);
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const nextId = useRef(1);
  const controller = useRef<AbortController>();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [replica, setReplica] = useState('');
  const [uploading, setUploading] = useState(false);
  const [dragging, setDragging] = useState(false);
  const replicas = journalReplicaNames(entity);
  const name = entity.metadata.name;

  // Leaving the page stops the upload in flight.
  useEffect(() => () => controller.current?.abort(), []);

  const update = useCallback((id: number, change: Partial<UploadItem>) => {
    setItems(current =>
      current.map(item => (item.id === id ? { ...item, ...change } : item)),
    );
  }, []);

  const addFiles = (files: File[]) => {
    setItems(current => {
      const added = files
        .filter(
          file =>
            !current.some(
              item => item.state === 'waiting' && sameFile(item.file, file),
            ),
        )
        .map(
          (file): UploadItem => ({
            id: nextId.current++,
            file,
            state: 'waiting',
            loaded: 0,
            total: file.size,
          }),
        );
      return [...current, ...added];
    });
  };

  const waiting = items.filter(item => item.state === 'waiting');

  const uploadAll = async () => {
    const batch = waiting;
    if (batch.length === 0 || uploading) {
      return;
    }
    const abort = new AbortController();
    controller.current = abort;
    setUploading(true);
    let received = 0;
    for (const item of batch) {
      if (abort.signal.aborted) {
        update(item.id, { state: 'cancelled' });
        continue;
      }
      update(item.id, { state: 'uploading', loaded: 0 });
      try {
        const response = await fleetApi.uploadJournal(
          stringifyEntityRef(entity),
          item.file,
          {
            ...(replica && { replica }),
            signal: abort.signal,
            onProgress: (loaded, total) => update(item.id, { loaded, total }),
          },
        );
        received += 1;
        update(item.id, {
          state: 'received',
          loaded: item.file.size,
          receipts: response.receipts,
        });
      } catch (error) {
        update(
          item.id,
          isAbortError(error)
            ? { state: 'cancelled' }
            : {
                state: 'failed',
                error: describeJournalError(error, {
                  action: 'upload',
                  deployment: name,
                }),
              },
        );
      }
    }
    controller.current = undefined;
    setUploading(false);
    if (received > 0) {
      onUploaded();
    }
  };

  const close = () => {
    controller.current?.abort();
    onClose();
  };

  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    if (event.dataTransfer) {
      event.dataTransfer.dropEffect = 'copy';
    }
    setDragging(true);
  };
  const onDragLeave = (event: DragEvent) => {
    // Moving over the zone's own text and button is not leaving it.
    if (
      !(event.relatedTarget instanceof Node) ||
      !event.currentTarget.contains(event.relatedTarget)
    ) {
      setDragging(false);
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    addFiles(Array.from(event.dataTransfer?.files ?? []));
  };

  return (
    <Dialog
      open={open}
      onClose={(_event, reason) => {
        // A stray click beside the dialog must not cancel uploads; Escape and the buttons do.
        if (!(uploading && reason === 'backdropClick')) {
          close();
        }
      }}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id={titleId}>Upload journals of {name}</DialogTitle>
      <DialogContent dividers>
        <Box
          data-testid="journal-drop-zone"
          onDragEnter={onDragOver}
          onDragOver={onDragOver}
          onDragLeave={onDragLeave}
          onDrop={onDrop}
          sx={{
            border: 2,
            borderStyle: 'dashed',
            borderColor: dragging ? 'primary.main' : 'divider',
            bgcolor: dragging ? 'action.hover' : undefined,
            borderRadius: 1,
            p: 3,
            textAlign: 'center',
          }}
        >
          <Typography variant="subtitle1" component="p">
            {dragging ? 'Release to add the files' : 'Drop journal files here'}
          </Typography>
          <Typography
            variant="body2"
            color="text.secondary"
            component="p"
            gutterBottom
          >
            Raw journals (a billing pod's <code>/journal/journal</code>) or the{' '}
            <code>.tar.gz</code> archives written by the backup CronJob. The
            same bytes sent twice are received once.
          </Typography>
          <Button variant="outlined" onClick={() => inputRef.current?.click()}>
            Choose files
          </Button>
          <input
            ref={inputRef}
            type="file"
            multiple
            hidden
            aria-label="Journal files"
            data-testid="journal-file-input"
            onChange={event => {
              addFiles(Array.from(event.target.files ?? []));
              // Lets the same file be chosen again after it was removed.
              event.target.value = '';
            }}
          />
        </Box>

        {replicas.length > 0 ? (
          <TextField
            select
            size="small"
            label="Replica"
            value={replica}
            disabled={uploading}
            onChange={event => setReplica(event.target.value)}
            InputLabelProps={{ shrink: true }}
            SelectProps={{ displayEmpty: true }}
            helperText={`Leave "From the file" for archives of the backup CronJob, which keep each replica's journal in its own folder. For a raw journal copied by hand, choose the pod it came from.`}
            sx={{ mt: 3, minWidth: 260, maxWidth: 560 }}
          >
            <MenuItem value="">From the file</MenuItem>
            {replicas.map(replicaName => (
              <MenuItem key={replicaName} value={replicaName}>
                {replicaName}
              </MenuItem>
            ))}
          </TextField>
        ) : null}

        {items.length > 0 ? (
          <List aria-label="Files to upload" sx={{ mt: 2 }}>
            {items.map(item => (
              <UploadRow
                key={item.id}
                item={item}
                onRemove={
                  item.state === 'waiting' && !uploading
                    ? () =>
                        setItems(current =>
                          current.filter(other => other.id !== item.id),
                        )
                    : undefined
                }
              />
            ))}
          </List>
        ) : null}
      </DialogContent>
      <DialogActions>
        {uploading ? (
          <Button onClick={() => controller.current?.abort()}>
            Stop uploading
          </Button>
        ) : null}
        <Button onClick={close}>
          {uploading ? 'Close and stop' : 'Close'}
        </Button>
        <Button
          variant="contained"
          onClick={uploadAll}
          disabled={uploading || waiting.length === 0}
        >
          {waiting.length > 0
            ? `Upload ${plural(waiting.length, 'file')}`
            : 'Upload'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

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

function UploadRow(props: { item: UploadItem; onRemove?: () => void }) {
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
