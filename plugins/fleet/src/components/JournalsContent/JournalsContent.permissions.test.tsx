import { screen, waitFor } from '@testing-library/react';
import { mockFleetApi } from '../../__testUtils__/fleetApi';
import {
  receiptRows,
  renderJournalsContent,
} from '../../__testUtils__/journalsContent';

// A file of its own: `usePermission` caches answers (SWR) per permission for the whole module,
// so a denial after an allowance in the same file would read the cached allowance.
describe('JournalsContent without the permission to upload', () => {
  it('disables the upload, with the reason, without the permission to upload', async () => {
    renderJournalsContent(mockFleetApi(), { canUpload: false });
    await receiptRows();

    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Upload journals' }),
      ).toBeDisabled(),
    );
    expect(
      screen.getByText(/You are not allowed to upload journals/),
    ).toHaveTextContent(/fleet\.journal\.create/);
  });
});
