import { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { FleetApi, fleetApiRef } from '../../api';
import { deploymentEntity } from '../../__fixtures__/entities';
import { mockFleetApi } from '../../__testUtils__/fleetApi';
import { useJournalUploadQueue } from './useJournalUploadQueue';

function journalFile(name: string, size = 16): File {
  return new File(['x'.repeat(size)], name, { lastModified: 1 });
}

function renderQueue(fleetApi: FleetApi, onUploaded = jest.fn()) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[fleetApiRef, fleetApi]]}>
      {children}
    </TestApiProvider>
  );
  const hook = renderHook(
    () => useJournalUploadQueue({ entity: deploymentEntity(), onUploaded }),
    { wrapper },
  );
  return { ...hook, onUploaded };
}

describe('useJournalUploadQueue', () => {
  it('adds a waiting file once, and removes it on request', () => {
    const { result } = renderQueue(mockFleetApi());

    act(() => result.current.add([journalFile('a'), journalFile('b')]));
    act(() => result.current.add([journalFile('a')]));
    expect(result.current.waiting.map(item => item.file.name)).toEqual([
      'a',
      'b',
    ]);

    act(() => result.current.remove(result.current.items[0]!.id));
    expect(result.current.items.map(item => item.file.name)).toEqual(['b']);
  });

  it('sends the waiting files one after another, for the replica named, then tells the page', async () => {
    const fleetApi = mockFleetApi();
    const { result, onUploaded } = renderQueue(fleetApi);
    act(() => result.current.add([journalFile('a'), journalFile('b')]));

    await act(() => result.current.upload('deepgram-billing-1'));

    expect(fleetApi.uploadJournal).toHaveBeenCalledTimes(2);
    expect(fleetApi.uploadJournal).toHaveBeenLastCalledWith(
      'customerdeployment:default/acme-prod',
      expect.objectContaining({ name: 'b' }),
      expect.objectContaining({ replica: 'deepgram-billing-1' }),
    );
    expect(result.current.items.map(item => item.state)).toEqual([
      'received',
      'received',
    ]);
    const { receipts } = await fleetApi.uploadJournal.mock.results[0]!.value;
    expect(result.current.items[0]!.receipts).toEqual(receipts);
    expect(result.current.uploading).toBe(false);
    expect(onUploaded).toHaveBeenCalledTimes(1);
  });

  it('says why a file failed, and does not tell the page when nothing was received', async () => {
    const fleetApi = mockFleetApi({
      uploadJournal: jest.fn().mockRejectedValue(new Error('disk full')),
    });
    const { result, onUploaded } = renderQueue(fleetApi);
    act(() => result.current.add([journalFile('a')]));

    await act(() => result.current.upload());

    expect(fleetApi.uploadJournal.mock.calls[0]![2]).not.toHaveProperty(
      'replica',
    );
    expect(result.current.items[0]).toMatchObject({ state: 'failed' });
    expect(result.current.items[0]!.error).toContain('disk full');
    expect(onUploaded).not.toHaveBeenCalled();
  });

  it('stops: the file in flight is aborted and the files after it are cancelled', async () => {
    const fleetApi = mockFleetApi({
      uploadJournal: jest.fn(
        (_ref, _file, options) =>
          new Promise((_resolve, reject) => {
            options?.signal?.addEventListener('abort', () =>
              reject(
                Object.assign(new Error('Aborted'), { name: 'AbortError' }),
              ),
            );
          }),
      ),
    });
    const { result, onUploaded } = renderQueue(fleetApi);
    act(() => result.current.add([journalFile('a'), journalFile('b')]));

    let round: Promise<void> = Promise.resolve();
    act(() => {
      round = result.current.upload();
    });
    await waitFor(() =>
      expect(result.current.items[0]!.state).toBe('uploading'),
    );
    act(() => result.current.stop());
    await act(() => round);

    expect(fleetApi.uploadJournal).toHaveBeenCalledTimes(1);
    expect(result.current.items.map(item => item.state)).toEqual([
      'cancelled',
      'cancelled',
    ]);
    expect(onUploaded).not.toHaveBeenCalled();
  });
});
