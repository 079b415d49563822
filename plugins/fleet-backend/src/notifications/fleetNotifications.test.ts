import { statusFixture } from '../__testUtils__/statuses';
import {
  entityPageLink,
  journalsOverdueNotification,
  licenseExpiredNotification,
  licenseExpiringNotification,
} from './fleetNotifications';

const NOW = new Date('2026-12-10T09:00:00Z');

describe('fleet notifications', () => {
  it('links to the entity page of a deployment in any namespace', () => {
    expect(entityPageLink('customerdeployment:default/acme-prod')).toBe(
      '/catalog/default/customerdeployment/acme-prod',
    );
    expect(entityPageLink('CustomerDeployment:emea/site 1')).toBe(
      '/catalog/emea/customerdeployment/site%201',
    );
  });

  it('names three late replicas in a title and counts the rest', () => {
    const status = statusFixture({ name: 'big', journal: 'overdue' });
    status.journal.replicas = Array.from({ length: 5 }, (_, i) => ({
      name: `deepgram-billing-${i}`,
      status: 'overdue' as const,
      lastReceivedAt: '2026-11-01T00:00:00.000Z',
      dueAt: '2026-12-01T00:00:00.000Z',
    }));
    const payload = journalsOverdueNotification(status, {
      now: NOW,
      raisedAt: NOW.toISOString(),
      reminder: 0,
    });
    expect(payload.title).toBe(
      'acme big: billing journals overdue (deepgram-billing-0 was due 2026-12-01, deepgram-billing-1 was due 2026-12-01, deepgram-billing-2 was due 2026-12-01, 2 more)',
    );
    expect(payload.description).toContain(
      'deepgram-billing-4: last journal received 2026-11-01, the next was due 2026-12-01 (9 days ago).',
    );
  });

  it('words the last days of a license and its end', () => {
    const status = statusFixture({
      name: 'acme-prod',
      license: 'expiring',
      expiresAt: '2026-12-10',
    });
    status.license.daysLeft = 0;
    expect(licenseExpiringNotification(status)).toMatchObject({
      title:
        'acme acme-prod: license expires today (2026-12-10 is its last valid day)',
      severity: 'normal',
      topic: 'fleet-license',
      scope: 'fleet-license:customerdeployment:default/acme-prod',
    });
    status.license = {
      status: 'expired',
      expiresAt: '2026-12-10',
      daysLeft: -3,
    };
    expect(licenseExpiredNotification(status)).toMatchObject({
      title: 'acme acme-prod: license expired (last valid day 2026-12-10)',
      description: expect.stringContaining(
        "The license's last valid day was 2026-12-10 (3 days ago).",
      ),
      severity: 'high',
    });
  });
});
