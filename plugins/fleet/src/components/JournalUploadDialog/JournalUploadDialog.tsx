import { DragEvent, useId, useRef, useState } from 'react';
import {
  CustomerDeploymentEntity,
  plural,
} from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { journalReplicaNames } from '../shared/describeJournal';
import { UploadRow } from './UploadRow';
import { useJournalUploadQueue } from './useJournalUploadQueue';

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
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [replica, setReplica] = useState('');
  const [dragging, setDragging] = useState(false);
  const queue = useJournalUploadQueue({ entity, onUploaded });
  const { items, waiting, uploading } = queue;
  const replicas = journalReplicaNames(entity);
  const name = entity.metadata.name;

  const close = () => {
    queue.stop();
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
    queue.add(Array.from(event.dataTransfer?.files ?? []));
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
              queue.add(Array.from(event.target.files ?? []));
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
                    ? () => queue.remove(item.id)
                    : undefined
                }
              />
            ))}
          </List>
        ) : null}
      </DialogContent>
      <DialogActions>
        {uploading ? (
          <Button onClick={queue.stop}>Stop uploading</Button>
        ) : null}
        <Button onClick={close}>
          {uploading ? 'Close and stop' : 'Close'}
        </Button>
        <Button
          variant="contained"
          onClick={() => queue.upload(replica)}
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
