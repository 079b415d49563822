import { useCallback, useEffect, useRef, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  CustomerDeploymentEntity,
  JournalUploadResponse,
} from '@fleetdeck/plugin-fleet-common';
import { fleetApiRef } from '../../api';
import {
  describeJournalError,
  isAbortError,
} from '../shared/describeJournalError';

/** A journal the backend received from one uploaded file. */
export type Receipt = JournalUploadResponse['receipts'][number];

/** One chosen file and how its upload went. */
export type UploadItem = {
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
 * The queue of journal files to upload for one CustomerDeployment: files are added (a file
 * already waiting is not added twice) and removed while waiting, then sent one after another,
 * each with its progress and its result (receipts, or the error in words). Stopping, or
 * unmounting, aborts the file in flight and cancels the rest.
 *
 * `onUploaded` is called after a round in which at least one file was received.
 */
export function useJournalUploadQueue(options: {
  entity: CustomerDeploymentEntity;
  onUploaded: () => void;
}) {
  const { entity, onUploaded } = options;
  const fleetApi = useApi(fleetApiRef);
  const nextId = useRef(1);
  const controller = useRef<AbortController>();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [uploading, setUploading] = useState(false);

  // Leaving the page stops the upload in flight.
  useEffect(() => () => controller.current?.abort(), []);

  const update = useCallback((id: number, change: Partial<UploadItem>) => {
    setItems(current =>
      current.map(item => (item.id === id ? { ...item, ...change } : item)),
    );
  }, []);

  const add = (files: File[]) => {
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

  const remove = (id: number) =>
    setItems(current => current.filter(item => item.id !== id));

  const waiting = items.filter(item => item.state === 'waiting');

  /** Sends the waiting files, for `replica` when one is named (else the file says). */
  const upload = async (replica?: string) => {
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
                  deployment: entity.metadata.name,
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

  /** Aborts the file in flight; the files after it are cancelled. */
  const stop = () => controller.current?.abort();

  return { items, waiting, uploading, add, remove, upload, stop };
}
