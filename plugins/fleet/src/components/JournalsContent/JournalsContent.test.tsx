import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis } from '@backstage/frontend-test-utils';
import { deploymentEntity } from '../../__fixtures__/entities';
import {
  receipt,
  receiptPage,
  SHA_0,
  SHA_1,
} from '../../__fixtures__/journals';
import { mockFleetApi, responseError } from '../../__testUtils__/fleetApi';
import {
  receiptRows,
  renderJournalsContent as renderContent,
} from '../../__testUtils__/journalsContent';

const twoReceipts = receiptPage([
  receipt({
    id: 'r-1',
    replica: 'deepgram-billing-1',
    sha256: SHA_1,
    bytes: 48,
    lines: 1,
    capturedAt: undefined,
    warnings: ['billing-inactive'],
    source: 'inbox',
    fileName: 'backup-2026-11-20.tar.gz:journal-deepgram-billing-1/journal',
  }),
  receipt({ bytes: 3 * 1024 * 1024 + 200 * 1024 }),
]);

describe('JournalsContent', () => {
  it('lists the received journals with replica, size, lines, short sha and warnings in words', async () => {
    const fleetApi = mockFleetApi({
      listJournals: jest.fn().mockResolvedValue(twoReceipts),
    });
    renderContent(fleetApi);

    const [inbox, uploaded] = await receiptRows();
    expect(inbox.Replica).toHaveTextContent(/^deepgram-billing-1$/);
    expect(inbox.Captured).toHaveTextContent(/^Unknown$/);
    expect(inbox.Received).toHaveTextContent(
      /3 days ago · from the inbox: backup-2026-11-20\.tar\.gz:journal-deepgram-billing-1\/journal$/,
    );
    expect(inbox.Size).toHaveTextContent(/^48 B$/);
    expect(inbox.Lines).toHaveTextContent(/^1$/);
    expect(inbox['SHA-256']).toHaveTextContent(/^60303ae22b99$/);
    expect(within(inbox['SHA-256']).getByLabelText(`SHA-256 ${SHA_1}`)).toBe(
      inbox['SHA-256'].querySelector('code'),
    );
    expect(inbox.Warnings).toHaveTextContent(
      'billing-inactive: the journal holds only its initialisation line — billing may not have started',
    );

    expect(uploaded.Size).toHaveTextContent(/^3\.2 MB$/);
    expect(uploaded.Lines).toHaveTextContent(/^1,204$/);
    expect(uploaded['SHA-256']).toHaveTextContent(/^9f86d081884c$/);
    expect(uploaded.Warnings).toHaveTextContent(/^None$/);
    expect(uploaded.Received).toHaveTextContent(
      /uploaded: journal-deepgram-billing-0$/,
    );

    expect(screen.getByText('Received journals (2)')).toBeInTheDocument();
    // The journal card sits on the tab too.
    expect(
      await screen.findByRole('table', {
        name: 'Journals per billing replica',
      }),
    ).toBeInTheDocument();
    expect(fleetApi.listJournals).toHaveBeenCalledWith(
      'customerdeployment:default/acme-prod',
      { limit: 20 },
    );
  });

  it('shows the full sha256 on hover', async () => {
    renderContent(mockFleetApi());

    const [row] = await receiptRows();
    await userEvent.hover(within(row['SHA-256']).getByText('9f86d081884c'));

    expect(await screen.findByRole('tooltip')).toHaveTextContent(SHA_0);
  });

  it('downloads a journal through the API and saves it under its name', async () => {
    const content = new Blob(['{"d":1}\n']);
    const fleetApi = mockFleetApi({
      listJournals: jest.fn().mockResolvedValue(twoReceipts),
      downloadJournal: jest
        .fn()
        .mockResolvedValueOnce({ content })
        .mockResolvedValueOnce({
          content,
          fileName: 'acme-prod-deepgram-billing-0.journal',
        }),
    });
    const createObjectURL = jest
      .spyOn(URL, 'createObjectURL')
      .mockReturnValue('blob:journal');
    const saved: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function save(this: HTMLAnchorElement) {
        saved.push(`${this.download} ${this.href}`);
      });
    try {
      renderContent(fleetApi);
      await receiptRows();

      const buttons = screen.getAllByRole('button', {
        name: /^Download the journal of/,
      });
      expect(buttons[0]).toHaveAccessibleName(
        /^Download the journal of deepgram-billing-1 received \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/,
      );
      await userEvent.click(buttons[0]);
      await waitFor(() => expect(saved).toHaveLength(1));
      await userEvent.click(buttons[1]);
      await waitFor(() => expect(saved).toHaveLength(2));

      expect(fleetApi.downloadJournal).toHaveBeenNthCalledWith(
        1,
        'customerdeployment:default/acme-prod',
        'r-1',
      );
      expect(fleetApi.downloadJournal).toHaveBeenNthCalledWith(
        2,
        'customerdeployment:default/acme-prod',
        'r-0',
      );
      expect(createObjectURL).toHaveBeenCalledWith(content);
      expect(saved).toEqual([
        'deepgram-billing-1-60303ae22b99.journal blob:journal',
        'acme-prod-deepgram-billing-0.journal blob:journal',
      ]);
    } finally {
      createObjectURL.mockRestore();
      click.mockRestore();
    }
  });

  it('says why a download failed', async () => {
    const alertApi = mockApis.alert();
    const fleetApi = mockFleetApi({
      downloadJournal: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            404,
            'NotFoundError',
            'No journal receipt r-0 for customerdeployment:default/acme-prod',
          ),
        ),
    });
    renderContent(fleetApi, { alertApi });
    await receiptRows();

    await userEvent.click(
      screen.getByRole('button', { name: /^Download the journal of/ }),
    );

    await waitFor(() =>
      expect(alertApi.getAlerts()).toEqual([
        expect.objectContaining({
          severity: 'error',
          message:
            'Could not download the journal of deepgram-billing-0: The fleet backend no longer has this journal of acme-prod. No journal receipt r-0 for customerdeployment:default/acme-prod',
        }),
      ]),
    );
    expect(
      screen.getByRole('button', { name: /^Download the journal of/ }),
    ).toBeEnabled();
  });

  it('says when no journal has been received yet, with where journals come from', async () => {
    const fleetApi = mockFleetApi({
      listJournals: jest.fn().mockResolvedValue(receiptPage([])),
    });
    renderContent(fleetApi);

    expect(
      await screen.findByText('No journals received yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^No journal of acme-prod has reached/),
    ).toHaveTextContent(
      /archives of the backup CronJob .* into the fleet inbox/,
    );
    expect(
      screen.getAllByRole('button', { name: 'Upload journals' }),
    ).toHaveLength(2);
  });

  it('says in words when the journals may not be read, and shows other errors', async () => {
    const { unmount } = renderContent(
      mockFleetApi({
        listJournals: jest
          .fn()
          .mockRejectedValue(
            await responseError(403, 'NotAllowedError', 'Unauthorized'),
          ),
      }),
    );
    expect(
      await screen.findByText(
        'You may not read the billing journals of acme-prod: the permission fleet.journal.read is not granted to you. Ask a platform admin, or the team that owns acme-prod, for access.',
      ),
    ).toBeVisible();
    unmount();

    renderContent(
      mockFleetApi({
        listJournals: jest
          .fn()
          .mockRejectedValue(
            await responseError(503, 'ServiceUnavailableError', 'Store down'),
          ),
      }),
    );
    expect(
      await screen.findByText(/Could not load the journals of acme-prod/),
    ).toBeInTheDocument();
  });

  it('pages forward with the cursor and back to the first page', async () => {
    const firstPage = receiptPage([receipt()], {
      totalCount: 25,
      nextCursor: 'c2',
    });
    const secondPage = receiptPage(
      [receipt({ id: 'r-9', replica: 'deepgram-billing-2' })],
      { totalCount: 25 },
    );
    const fleetApi = mockFleetApi({
      listJournals: jest
        .fn()
        .mockImplementation((_ref, options) =>
          Promise.resolve(options?.cursor ? secondPage : firstPage),
        ),
    });
    renderContent(fleetApi);
    await receiptRows();

    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));

    await waitFor(async () =>
      expect((await receiptRows())[0].Replica).toHaveTextContent(
        'deepgram-billing-2',
      ),
    );
    expect(fleetApi.listJournals).toHaveBeenLastCalledWith(
      'customerdeployment:default/acme-prod',
      { limit: 20, cursor: 'c2' },
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous Page' }),
    );
    await waitFor(async () =>
      expect((await receiptRows())[0].Replica).toHaveTextContent(
        'deepgram-billing-0',
      ),
    );
  });

  it('uploads through the dialog, then fetches the journals and the status again', async () => {
    const fleetApi = mockFleetApi();
    renderContent(fleetApi);
    await receiptRows();
    await waitFor(() => expect(fleetApi.getDeployment).toHaveBeenCalled());
    expect(fleetApi.listJournals).toHaveBeenCalledTimes(1);
    const statusCalls = fleetApi.getDeployment.mock.calls.length;

    await userEvent.click(
      screen.getByRole('button', { name: 'Upload journals' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Upload journals of acme-prod',
    });
    fireEvent.drop(within(dialog).getByTestId('journal-drop-zone'), {
      dataTransfer: { files: [new File(['{"d":1}\n'], 'journal')] },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Upload 1 file' }),
    );

    await waitFor(() =>
      expect(within(dialog).getByText('Received')).toBeInTheDocument(),
    );
    await waitFor(() => expect(fleetApi.listJournals).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(fleetApi.getDeployment.mock.calls.length).toBeGreaterThan(
        statusCalls,
      ),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('only explains itself on a deployment that does not bill by journal', async () => {
    const fleetApi = mockFleetApi();
    renderContent(fleetApi, {
      entity: deploymentEntity({ spec: { billing: { mode: 'metered' } } }),
    });

    expect(screen.getByText('Not applicable')).toBeInTheDocument();
    expect(fleetApi.listJournals).not.toHaveBeenCalled();
  });
});
