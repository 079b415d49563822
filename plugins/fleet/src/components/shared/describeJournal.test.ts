import { ResponseError } from '@backstage/errors';
import {
  describeDue,
  describeJournalWarning,
  formatBytes,
  journalFileName,
  shortSha,
} from './describeJournal';
import { describeJournalError } from './describeJournalError';
import { responseError } from '../../__testUtils__/fleetApi';
import { SHA_0 } from '../../__fixtures__/journals';

const now = new Date('2026-11-22T10:00:00Z');

describe('formatBytes', () => {
  it('uses B, KB and MB', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(12_595)).toBe('12.3 KB');
    expect(formatBytes(3 * 1024 * 1024 + 200 * 1024)).toBe('3.2 MB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
    expect(formatBytes(-1)).toBe('Unknown');
  });
});

describe('describeDue', () => {
  it('counts calendar days to or past the due date', () => {
    expect(describeDue('2026-11-27T10:00:00Z', now)).toBe('due in 5 days');
    expect(describeDue('2026-11-23T01:00:00Z', now)).toBe('due tomorrow');
    expect(describeDue('2026-11-22T23:00:00Z', now)).toBe('due today');
    expect(describeDue('2026-11-22T08:00:00Z', now)).toBe(
      'overdue since today',
    );
    expect(describeDue('2026-11-21T23:00:00Z', now)).toBe('overdue by 1 day');
    expect(describeDue('2026-11-12T00:00:00Z', now)).toBe('overdue by 10 days');
    expect(describeDue('soon', now)).toBeUndefined();
  });
});

describe('describeJournalWarning', () => {
  it('puts known codes into words and keeps unknown ones as sent', () => {
    expect(describeJournalWarning('billing-inactive')).toBe(
      'billing-inactive: the journal holds only its initialisation line — billing may not have started',
    );
    expect(describeJournalWarning('clock-skew: captured in the future')).toBe(
      'clock-skew: captured in the future',
    );
  });
});

describe('journalFileName', () => {
  const base = { replica: 'deepgram-billing-0', sha256: SHA_0 };

  it("prefers the backend's name, then the uploaded file's, then replica and digest", () => {
    expect(
      journalFileName({ ...base, fileName: 'x' }, 'suggested.journal'),
    ).toBe('suggested.journal');
    expect(journalFileName({ ...base, fileName: 'dir/journal-0' })).toBe(
      'journal-0',
    );
    expect(
      journalFileName({ ...base, fileName: 'backup.tar.gz:journal-x/journal' }),
    ).toBe('deepgram-billing-0-9f86d081884c.journal');
    expect(journalFileName(base)).toBe(
      'deepgram-billing-0-9f86d081884c.journal',
    );
    expect(shortSha(SHA_0)).toBe('9f86d081884c');
  });
});

describe('describeJournalError', () => {
  const upload = { action: 'upload' as const, deployment: 'acme-prod' };

  it("gives the backend's message, led by what the status means", async () => {
    expect(
      describeJournalError(
        await responseError(400, 'InputError', 'line 2 is not JSON'),
        upload,
      ),
    ).toBe('line 2 is not JSON');
    expect(
      describeJournalError(
        await responseError(
          404,
          'NotFoundError',
          'No deployment default/acme-prod',
        ),
        upload,
      ),
    ).toBe(
      'The fleet backend does not know acme-prod yet; it takes deployments from the catalog. No deployment default/acme-prod',
    );
    expect(
      describeJournalError(
        await responseError(
          403,
          'NotAllowedError',
          'You may not read billing journals (permission fleet.journal.read)',
        ),
        { action: 'download', deployment: 'acme-prod' },
      ),
    ).toBe('You may not read billing journals (permission fleet.journal.read)');
    expect(
      describeJournalError(
        await responseError(503, 'ServiceUnavailableError', 'Store down'),
        upload,
      ),
    ).toBe('The fleet backend failed (503); try again later. Store down');
  });

  it("leaves out a body that was not the backend's error, such as a proxy page", async () => {
    const proxyPage = await ResponseError.fromResponse(
      new Response('<html>413 Request Entity Too Large</html>', {
        status: 413,
        statusText: 'Payload Too Large',
        headers: { 'Content-Type': 'text/html' },
      }),
    );

    expect(describeJournalError(proxyPage, upload)).toBe(
      "The file is larger than the fleet backend accepts; send each replica's journal on its own.",
    );
    expect(describeJournalError(new Error('offline'), upload)).toBe('offline');
  });
});
