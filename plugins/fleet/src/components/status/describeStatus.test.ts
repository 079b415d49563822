import {
  describeGpuSignal,
  describeJournalSignal,
  describeLicenseSignal,
  describeUpgradeSignal,
  statusTone,
  statusWord,
} from './describeStatus';
import { deploymentStatus } from '../../__fixtures__/statuses';

const now = new Date('2026-11-22T10:00:00Z');
const base = deploymentStatus();

describe('statusWord and statusTone', () => {
  it('keeps the vocabulary words, readable', () => {
    expect(statusWord('never-received')).toBe('Never received');
    expect(statusWord('ready-with-warnings')).toBe('Ready with warnings');
    expect(statusWord('up-to-date')).toBe('Up to date');
    expect(statusWord('ok')).toBe('OK');
    expect(statusWord('expired')).toBe('Expired');
  });

  it('gives each status an icon tone, and an unknown value never reads as fine', () => {
    expect(statusTone('license', 'valid')).toBe('ok');
    expect(statusTone('license', 'expiring')).toBe('warning');
    expect(statusTone('license', 'missing')).toBe('error');
    expect(statusTone('license', 'not-required')).toBe('neutral');
    expect(statusTone('journal', 'never-received')).toBe('error');
    expect(statusTone('gpu', 'unknown')).toBe('pending');
    expect(statusTone('upgrade', 'ready')).toBe('ok');
    expect(statusTone('upgrade', 'blocked')).toBe('error');
    expect(statusTone('health', 'critical')).toBe('error');
    expect(statusTone('check', 'warn')).toBe('warning');
    expect(statusTone('license', 'lapsed')).toBe('pending');
    expect(statusTone('license', 'toString')).toBe('pending');
  });
});

describe('describeLicenseSignal', () => {
  it('counts the days to or since the last valid day', () => {
    expect(describeLicenseSignal({ status: 'expiring', daysLeft: 12 })).toBe(
      'expires in 12 days',
    );
    expect(describeLicenseSignal({ status: 'expiring', daysLeft: 0 })).toBe(
      'expires today',
    );
    expect(describeLicenseSignal({ status: 'expired', daysLeft: -9 })).toBe(
      'expired 9 days ago',
    );
    expect(describeLicenseSignal({ status: 'valid', daysLeft: 400 })).toBe(
      'expires in 13 months',
    );
  });

  it('falls back to the date, and names a missing license', () => {
    expect(
      describeLicenseSignal({ status: 'valid', expiresAt: '2027-03-31' }),
    ).toBe('expires 2027-03-31');
    expect(describeLicenseSignal({ status: 'missing' })).toBe(
      'no license on file',
    );
    expect(describeLicenseSignal({ status: 'not-required' })).toBe(
      'not needed for this profile',
    );
  });
});

describe('describeJournalSignal', () => {
  it('says how many replicas returned and when the last journal came in', () => {
    expect(
      describeJournalSignal(
        {
          ...base.journal,
          lastReceivedAt: '2026-11-19T23:00:00Z',
          dueAt: '2026-11-17T00:00:00Z',
        },
        now,
      ),
    ).toBe(
      '2 of 3 replicas returned · last received 3 days ago · was due 5 days ago',
    );
  });

  it('says when journals are due and when none has arrived', () => {
    expect(
      describeJournalSignal(
        {
          status: 'due',
          lastReceivedAt: '2026-10-25T08:00:00Z',
          dueAt: '2026-11-24T08:00:00Z',
          replicas: [{ name: 'deepgram-billing-0', status: 'due' }],
        },
        now,
      ),
    ).toBe('last received 28 days ago · due in 2 days');
    expect(
      describeJournalSignal(
        {
          status: 'never-received',
          replicas: [
            { name: 'deepgram-billing-0', status: 'never-received' },
            { name: 'deepgram-billing-1', status: 'never-received' },
          ],
        },
        now,
      ),
    ).toBe('0 of 2 replicas returned · no journal received yet');
    // New, not yet due: a warning with its first deadline.
    expect(
      describeJournalSignal(
        {
          status: 'never-received',
          health: 'warning',
          dueAt: '2026-12-01T08:00:00Z',
          replicas: [
            {
              name: 'deepgram-billing-0',
              status: 'never-received',
              health: 'warning',
              dueAt: '2026-12-01T08:00:00Z',
            },
          ],
        },
        now,
      ),
    ).toBe('no journal received yet · first due in 9 days');
    // Two replicas back, the third missing from their delivery.
    expect(
      describeJournalSignal(
        {
          status: 'never-received',
          health: 'critical',
          replicas: [
            {
              name: 'deepgram-billing-0',
              status: 'fresh',
              lastReceivedAt: '2026-11-20T08:00:00Z',
            },
            {
              name: 'deepgram-billing-1',
              status: 'never-received',
              health: 'critical',
              reason:
                'not in the delivery of 2026-11-20: is its volume backed up?',
            },
          ],
        },
        now,
      ),
    ).toBe(
      '1 of 2 replicas returned · deepgram-billing-1 not in the delivery of 2026-11-20: is its volume backed up?',
    );
    expect(
      describeJournalSignal({ status: 'not-applicable', replicas: [] }, now),
    ).toBe('billing does not use journals');
  });
});

describe('describeGpuSignal', () => {
  it('gives the numbers, or the reason they are unknown', () => {
    expect(describeGpuSignal(base.gpu)).toBe(
      '6 allocatable · 4 requested · 6 needed',
    );
    expect(
      describeGpuSignal({
        status: 'unknown',
        models: [],
        reason: 'no status report received',
      }),
    ).toBe('no status report received');
    expect(describeGpuSignal({ status: 'unknown', models: [] })).toBe(
      undefined,
    );
  });
});

describe('describeUpgradeSignal', () => {
  it('says how far behind and where to', () => {
    expect(describeUpgradeSignal(base.upgrade)).toBe(
      '3 releases / 120 days behind → 0.42.0',
    );
    expect(
      describeUpgradeSignal({
        status: 'blocked',
        current: '0.40.2',
        latest: '0.42.0',
        versionsBehind: 1,
        daysBehind: 1,
        checks: [
          {
            id: 'gpu',
            title: 'GPUs',
            outcome: 'fail',
            message: 'Needs 2 GPUs per pod',
          },
        ],
      }),
    ).toBe('1 release / 1 day behind → 0.42.0 · 1 check failed');
    expect(
      describeUpgradeSignal({
        status: 'up-to-date',
        current: '0.42.0',
        checks: [],
      }),
    ).toBe('on 0.42.0, the latest');
  });
});
