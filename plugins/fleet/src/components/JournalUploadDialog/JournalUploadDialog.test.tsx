import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { JournalUploadResponse } from '@fleetdeck/plugin-fleet-common';
import { JournalUploadDialog } from './JournalUploadDialog';
import { FleetApi, fleetApiRef, UploadJournalOptions } from '../../api';
import { deploymentEntity } from '../../__fixtures__/entities';
import { receipt, SHA_1 } from '../../__fixtures__/journals';
import { mockFleetApi, responseError } from '../../__testUtils__/fleetApi';

function journalFile(name: string, size = 2048): File {
  return new File(['x'.repeat(size)], name, { lastModified: 1 });
}

function renderDialog(fleetApi: FleetApi, onUploaded = jest.fn()) {
  const onClose = jest.fn();
  renderInTestApp(
    <JournalUploadDialog
      open
      entity={deploymentEntity()}
      onClose={onClose}
      onUploaded={onUploaded}
    />,
    { apis: [[fleetApiRef, fleetApi]] },
  );
  return { onClose, onUploaded };
}

/** The list item of the file `name`. */
function fileRow(name: string): HTMLElement {
  const list = screen.getByRole('list', { name: 'Files to upload' });
  const row = within(list)
    .getAllByRole('listitem')
    .find(item => item.getAttribute('data-file') === name);
  if (!row) {
    throw new Error(`No row for ${name}`);
  }
  return row;
}

function drop(files: File[]) {
  fireEvent.drop(screen.getByTestId('journal-drop-zone'), {
    dataTransfer: { files, types: ['Files'] },
  });
}

/** An upload that stays in flight until the test settles it. */
function deferredUpload() {
  let resolve: (response: JournalUploadResponse) => void = () => {};
  let reject: (error: Error) => void = () => {};
  let options: UploadJournalOptions = {};
  const promise = new Promise<JournalUploadResponse>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const start = (_ref: unknown, _file: File, opts?: UploadJournalOptions) => {
    options = opts ?? {};
    return promise;
  };
  return {
    start,
    resolve: (response: JournalUploadResponse) => act(() => resolve(response)),
    reject: (error: Error) => act(() => reject(error)),
    progress: (loaded: number, total: number) =>
      act(() => options.onProgress?.(loaded, total)),
  };
}

describe('JournalUploadDialog', () => {
  it('takes dropped files and chosen files, and lets a waiting file be removed', async () => {
    const fleetApi = mockFleetApi();
    renderDialog(fleetApi);

    expect(
      screen.getByRole('heading', { name: 'Upload journals of acme-prod' }),
    ).toBeInTheDocument();
    drop([journalFile('backup-2026-11-20.tar.gz'), journalFile('journal')]);
    await userEvent.upload(screen.getByLabelText('Journal files'), [
      journalFile('journal-deepgram-billing-2'),
    ]);
    // The same file again is not added twice.
    drop([journalFile('journal')]);

    expect(fileRow('backup-2026-11-20.tar.gz')).toHaveTextContent(
      'backup-2026-11-20.tar.gz2.0 KBWaiting',
    );
    expect(fileRow('journal-deepgram-billing-2')).toHaveTextContent('Waiting');
    expect(
      within(
        screen.getByRole('list', { name: 'Files to upload' }),
      ).getAllByRole('listitem'),
    ).toHaveLength(3);
    expect(
      screen.getByRole('button', { name: 'Upload 3 files' }),
    ).toBeEnabled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Remove journal' }),
    );

    expect(
      screen.getByRole('button', { name: 'Upload 2 files' }),
    ).toBeEnabled();
    expect(fleetApi.uploadJournal).not.toHaveBeenCalled();
  });

  it('uploads files one after another with a progress bar, then shows the receipts, duplicates and warnings', async () => {
    const first = deferredUpload();
    const second = deferredUpload();
    const fleetApi = mockFleetApi({
      uploadJournal: jest
        .fn()
        .mockImplementationOnce(first.start)
        .mockImplementationOnce(second.start),
    });
    const { onUploaded } = renderDialog(fleetApi);
    drop([journalFile('backup-2026-11-20.tar.gz'), journalFile('journal')]);

    await userEvent.click(
      screen.getByRole('button', { name: 'Upload 2 files' }),
    );

    // The first file is in flight; the second waits for it.
    expect(fleetApi.uploadJournal).toHaveBeenCalledTimes(1);
    expect(fleetApi.uploadJournal).toHaveBeenCalledWith(
      'customerdeployment:default/acme-prod',
      expect.objectContaining({ name: 'backup-2026-11-20.tar.gz' }),
      expect.objectContaining({ onProgress: expect.any(Function) }),
    );
    expect(fileRow('journal')).toHaveTextContent('Waiting');
    first.progress(512, 2048);
    const bar = within(fileRow('backup-2026-11-20.tar.gz')).getByRole(
      'progressbar',
      { name: 'Uploading backup-2026-11-20.tar.gz' },
    );
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(fileRow('backup-2026-11-20.tar.gz')).toHaveTextContent(
      '512 B of 2.0 KB sent (25%)',
    );
    first.progress(2048, 2048);
    expect(fileRow('backup-2026-11-20.tar.gz')).toHaveTextContent(
      'Sent; the fleet backend is checking and storing the journal',
    );

    first.resolve({
      receipts: [
        { ...receipt(), duplicate: false },
        {
          ...receipt({
            id: 'r-1',
            replica: 'deepgram-billing-1',
            sha256: SHA_1,
            lines: 1,
            bytes: 48,
            warnings: ['billing-inactive'],
          }),
          duplicate: true,
        },
      ],
    });
    await waitFor(() =>
      expect(fleetApi.uploadJournal).toHaveBeenCalledTimes(2),
    );
    const received = fileRow('backup-2026-11-20.tar.gz');
    expect(received).toHaveTextContent('Received');
    expect(received).toHaveTextContent(
      'deepgram-billing-0 · 1,204 lines · 12.3 KB · new',
    );
    expect(received).toHaveTextContent(
      'deepgram-billing-1 · 1 line · 48 B · already received, nothing changed',
    );
    expect(received).toHaveTextContent(
      'Warning: billing-inactive: the journal holds only its initialisation line — billing may not have started',
    );
    expect(onUploaded).not.toHaveBeenCalled();

    second.resolve({
      receipts: [{ ...receipt({ id: 'r-2' }), duplicate: true }],
    });
    await waitFor(() =>
      expect(fileRow('journal')).toHaveTextContent('Already received'),
    );
    expect(onUploaded).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Upload' })).toBeDisabled();
  });

  it("shows the backend's message when a file is refused, and goes on with the next", async () => {
    // Messages as the fleet backend words them.
    const fleetApi = mockFleetApi({
      uploadJournal: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(
            400,
            'InputError',
            'notes.txt is neither a billing journal nor a .tar.gz archive: line 1 is not JSON',
          ),
        )
        .mockRejectedValueOnce(
          await responseError(
            413,
            'PayloadTooLargeError',
            "everything.tar.gz is larger than 2 GiB (fleet.journals.maxUploadBytes); send each replica's journal on its own, or ask an administrator to raise the limit",
          ),
        )
        .mockResolvedValueOnce({
          receipts: [{ ...receipt(), duplicate: false }],
        }),
    });
    const { onUploaded } = renderDialog(fleetApi);
    drop([
      journalFile('notes.txt'),
      journalFile('everything.tar.gz'),
      journalFile('journal'),
    ]);

    await userEvent.click(
      screen.getByRole('button', { name: 'Upload 3 files' }),
    );

    await waitFor(() =>
      expect(fileRow('journal')).toHaveTextContent('Received'),
    );
    expect(fileRow('notes.txt')).toHaveTextContent(
      'Failed' +
        'notes.txt is neither a billing journal nor a .tar.gz archive: line 1 is not JSON',
    );
    expect(
      within(fileRow('notes.txt')).getByTestId('status-error'),
    ).toBeVisible();
    expect(fileRow('everything.tar.gz')).toHaveTextContent(
      "everything.tar.gz is larger than 2 GiB (fleet.journals.maxUploadBytes); send each replica's journal on its own, or ask an administrator to raise the limit",
    );
    expect(onUploaded).toHaveBeenCalledTimes(1);
  });

  it('says in words when uploading is not allowed, and calls nothing back when no file was received', async () => {
    const fleetApi = mockFleetApi({
      uploadJournal: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            403,
            'NotAllowedError',
            'You may not upload billing journals (permission fleet.journal.create)',
          ),
        ),
    });
    const { onUploaded } = renderDialog(fleetApi);
    drop([journalFile('journal')]);

    await userEvent.click(
      screen.getByRole('button', { name: 'Upload 1 file' }),
    );

    await waitFor(() =>
      expect(fileRow('journal')).toHaveTextContent(
        'FailedYou may not upload billing journals (permission fleet.journal.create)',
      ),
    );
    expect(onUploaded).not.toHaveBeenCalled();
  });

  it('sends the chosen replica, from deepgram-billing-0 to N-1 of the entity', async () => {
    const fleetApi = mockFleetApi();
    renderDialog(fleetApi);
    drop([journalFile('journal')]);

    const select = screen.getByRole('combobox', { name: 'Replica' });
    expect(select).toHaveTextContent('From the file');
    await userEvent.click(select);
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(option => option.textContent)).toEqual([
      'From the file',
      'deepgram-billing-0',
      'deepgram-billing-1',
      'deepgram-billing-2',
    ]);
    await userEvent.click(options[2]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Upload 1 file' }),
    );

    await waitFor(() =>
      expect(fileRow('journal')).toHaveTextContent('Received'),
    );
    expect(fleetApi.uploadJournal).toHaveBeenCalledWith(
      'customerdeployment:default/acme-prod',
      expect.anything(),
      expect.objectContaining({ replica: 'deepgram-billing-1' }),
    );
  });

  it('stops the upload in flight and cancels the rest', async () => {
    const first = deferredUpload();
    let signal: AbortSignal | undefined;
    const fleetApi = mockFleetApi({
      uploadJournal: jest.fn((ref, file, options) => {
        signal = options?.signal;
        signal?.addEventListener('abort', () => {
          const error = new Error('The upload was cancelled');
          error.name = 'AbortError';
          first.reject(error);
        });
        return first.start(ref, file, options);
      }),
    });
    renderDialog(fleetApi);
    drop([journalFile('a'), journalFile('b')]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Upload 2 files' }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Stop uploading' }),
    );

    await waitFor(() => expect(fileRow('b')).toHaveTextContent('Cancelled'));
    expect(fileRow('a')).toHaveTextContent('Cancelled');
    expect(signal?.aborted).toBe(true);
    expect(fleetApi.uploadJournal).toHaveBeenCalledTimes(1);
  });
});
