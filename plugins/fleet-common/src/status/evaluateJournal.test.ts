import type { CustomerDeploymentSpec, DeploymentBilling } from '../kinds';
import { DAY_MS as DAY } from '../time/units';
import { billingReplicaNames, evaluateJournal } from './evaluateJournal';
import { journalHealth } from './health';
import type { DeploymentObservations } from './observations';

const spec = (billing?: DeploymentBilling): CustomerDeploymentSpec => ({
  customer: 'acme',
  owner: 'group:default/solutions-east',
  lifecycle: 'production',
  profile: 'airgapped',
  chart: { name: 'deepgram-self-hosted', version: '0.42.0' },
  cluster: { kubernetesVersion: '1.31', namespace: 'dg' },
  billing,
});

const journal = (replicas: number, returnEvery = 'P30D') =>
  spec({ mode: 'journal', replicas, journalStorage: 'ebs', returnEvery });

const received = new Date('2026-06-01T10:00:00Z');
const at = (days: number, ms = 0) =>
  new Date(received.getTime() + days * DAY + ms);
const receipt = (replica: string, when: Date) => ({
  replica,
  receivedAt: when.toISOString(),
});

describe('evaluateJournal', () => {
  it.each([
    [{ mode: 'license-server' } as DeploymentBilling],
    [{ mode: 'metered' } as DeploymentBilling],
    [undefined],
  ])('does not apply to billing %j', billing => {
    expect(evaluateJournal(spec(billing), {}, received)).toEqual({
      status: 'not-applicable',
      replicas: [],
    });
  });

  it.each([
    // days after the receipt, status (P30D: due on day 30, window opens on day 23)
    [0, 0, 'fresh'],
    [22, 0, 'fresh'],
    [23, -1, 'fresh'],
    [23, 0, 'due'],
    [29, 0, 'due'],
    [30, 0, 'due'],
    [30, 1, 'overdue'],
    [45, 0, 'overdue'],
  ])(
    'one replica, %d days and %d ms after its receipt, is %s',
    (days, ms, status) => {
      const signal = evaluateJournal(
        journal(1),
        { journals: [receipt('deepgram-billing-0', received)] },
        at(days, ms),
      );
      expect(signal).toEqual({
        status,
        lastReceivedAt: received.toISOString(),
        dueAt: at(30).toISOString(),
        replicas: [
          {
            name: 'deepgram-billing-0',
            status,
            lastReceivedAt: received.toISOString(),
            dueAt: at(30).toISOString(),
          },
        ],
      });
    },
  );

  it('takes the worst of three replicas when only two came back', () => {
    const signal = evaluateJournal(
      journal(3),
      {
        firstSeenAt: at(-90).toISOString(),
        journals: [
          receipt('deepgram-billing-0', at(-1)),
          receipt('deepgram-billing-1', at(-2)),
        ],
      },
      received,
    );
    expect(signal.status).toBe('never-received');
    expect(signal.health).toBe('critical');
    expect(signal.replicas.map(r => [r.name, r.status])).toEqual([
      ['deepgram-billing-0', 'fresh'],
      ['deepgram-billing-1', 'fresh'],
      ['deepgram-billing-2', 'never-received'],
    ]);
    // the deployment's freshness hangs on its oldest replica: one never returned anything
    expect(signal.lastReceivedAt).toBeUndefined();
    expect(signal.dueAt).toBe(at(-60).toISOString());
  });

  it('never calls a replica without a receipt fresh: critical at once when its siblings came back without it', () => {
    // The single-volume backup mistake: two replicas' journals back, the third's never.
    const observations: DeploymentObservations = {
      firstSeenAt: received.toISOString(),
      journals: [
        receipt('deepgram-billing-0', at(1)),
        receipt('deepgram-billing-1', at(2)),
      ],
    };
    for (const days of [2, 10, 25, 31]) {
      const signal = evaluateJournal(journal(3), observations, at(days));
      expect(signal.replicas[2]).toEqual({
        name: 'deepgram-billing-2',
        status: 'never-received',
        health: 'critical',
        reason: 'not in the delivery of 2026-06-03: is its volume backed up?',
        dueAt: at(30).toISOString(),
      });
      expect(signal.status).toBe('never-received');
      expect(signal.health).toBe('critical');
      expect(journalHealth(signal)).toBe('critical');
    }
  });

  it('judges replicas without any receipt as never-received: a warning until the first deadline, critical after it', () => {
    const observations: DeploymentObservations = {
      firstSeenAt: received.toISOString(),
    };
    const signal = (days: number) =>
      evaluateJournal(journal(2), observations, at(days));
    for (const days of [0, 10, 25, 30]) {
      expect(signal(days)).toEqual({
        status: 'never-received',
        health: 'warning',
        dueAt: at(30).toISOString(),
        replicas: ['deepgram-billing-0', 'deepgram-billing-1'].map(name => ({
          name,
          status: 'never-received',
          health: 'warning',
          dueAt: at(30).toISOString(),
        })),
      });
    }
    expect(signal(30.001).health).toBe('critical');
    expect(signal(30.001).replicas.map(r => r.health)).toEqual([
      'critical',
      'critical',
    ]);
  });

  it('says never-received, critical, at once when it is unknown since when the deployment runs', () => {
    expect(evaluateJournal(journal(1), {}, received)).toEqual({
      status: 'never-received',
      health: 'critical',
      replicas: [
        {
          name: 'deepgram-billing-0',
          status: 'never-received',
          health: 'critical',
        },
      ],
    });
  });

  it.each([
    [['fresh', 'due', 'overdue'], 'overdue'],
    [['fresh', 'overdue', 'never-received'], 'never-received'],
    [['fresh', 'due', 'fresh'], 'due'],
    [['fresh', 'fresh', 'fresh'], 'fresh'],
  ])('ranks %j as %s', (statuses, worst) => {
    const ageFor: Record<string, number | undefined> = {
      fresh: -1,
      due: -25,
      overdue: -40,
      'never-received': undefined,
    };
    const journals = statuses.flatMap((status, i) => {
      const age = ageFor[status];
      return age === undefined
        ? []
        : [receipt(`deepgram-billing-${i}`, at(age))];
    });
    const signal = evaluateJournal(
      journal(3),
      { firstSeenAt: at(-365).toISOString(), journals },
      received,
    );
    expect(signal.replicas.map(r => r.status)).toEqual(statuses);
    expect(signal.status).toBe(worst);
  });

  it('reports the oldest latest receipt and the earliest due date', () => {
    const signal = evaluateJournal(
      journal(2),
      {
        journals: [
          receipt('deepgram-billing-0', at(-3)),
          receipt('deepgram-billing-0', at(-1)),
          receipt('deepgram-billing-1', at(-5)),
          receipt('deepgram-billing-5', at(-90)),
          { replica: 'deepgram-billing-1', receivedAt: 'yesterday' },
        ],
      },
      received,
    );
    expect(signal.replicas.map(r => r.lastReceivedAt)).toEqual([
      at(-1).toISOString(),
      at(-5).toISOString(),
    ]);
    expect(signal.lastReceivedAt).toBe(at(-5).toISOString());
    expect(signal.dueAt).toBe(at(25).toISOString());
    expect(signal.status).toBe('fresh');
  });

  it('keeps when a journal was captured', () => {
    const signal = evaluateJournal(
      journal(1),
      {
        journals: [
          {
            replica: 'deepgram-billing-0',
            receivedAt: '2026-06-01T10:00:00Z',
            capturedAt: '2026-06-01T02:00:00Z',
          },
        ],
      },
      received,
    );
    expect(signal.replicas[0].capturedAt).toBe('2026-06-01T02:00:00.000Z');
  });

  it.each([
    ['2027-01-31T10:00:00.000Z', '2027-02-28T10:00:00.000Z'],
    ['2028-01-31T10:00:00.000Z', '2028-02-29T10:00:00.000Z'],
    ['2028-02-29T10:00:00.000Z', '2028-03-29T10:00:00.000Z'],
  ])('a monthly return from %s is due %s', (receivedAt, dueAt) => {
    const signal = evaluateJournal(
      journal(1, 'P1M'),
      { journals: [{ replica: 'deepgram-billing-0', receivedAt }] },
      new Date(receivedAt),
    );
    expect(signal.dueAt).toBe(dueAt);
  });

  it('caps the due window at half the return period', () => {
    const weekly = journal(1, 'P7D');
    const observations = {
      journals: [receipt('deepgram-billing-0', received)],
    };
    // a weekly journal is not due the moment it arrives: the window is 3.5 days, not 7
    expect(evaluateJournal(weekly, observations, at(3)).status).toBe('fresh');
    expect(evaluateJournal(weekly, observations, at(3.5)).status).toBe('due');
    expect(evaluateJournal(weekly, observations, at(7, 1)).status).toBe(
      'overdue',
    );
  });

  it('honours another due window', () => {
    const observations = {
      journals: [receipt('deepgram-billing-0', received)],
    };
    expect(
      evaluateJournal(journal(1), observations, at(16), { dueWindowDays: 14 })
        .status,
    ).toBe('due');
    expect(
      evaluateJournal(journal(1), observations, at(15), { dueWindowDays: 14 })
        .status,
    ).toBe('fresh');
  });
});

describe('billingReplicaNames', () => {
  it('names the StatefulSet pods', () => {
    expect(billingReplicaNames(3)).toEqual([
      'deepgram-billing-0',
      'deepgram-billing-1',
      'deepgram-billing-2',
    ]);
  });
});
