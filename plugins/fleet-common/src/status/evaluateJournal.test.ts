import type { CustomerDeploymentSpec, DeploymentBilling } from '../kinds';
import { billingReplicaNames, evaluateJournal } from './evaluateJournal';
import type { DeploymentObservations } from './observations';

const DAY = 24 * 60 * 60 * 1000;

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
    expect(signal.replicas.map(r => [r.name, r.status])).toEqual([
      ['deepgram-billing-0', 'fresh'],
      ['deepgram-billing-1', 'fresh'],
      ['deepgram-billing-2', 'never-received'],
    ]);
    // the deployment's freshness hangs on its oldest replica: one never returned anything
    expect(signal.lastReceivedAt).toBeUndefined();
    expect(signal.dueAt).toBe(at(-60).toISOString());
  });

  it('judges a replica without a receipt against its first deadline', () => {
    const observations: DeploymentObservations = {
      firstSeenAt: received.toISOString(),
      journals: [
        receipt('deepgram-billing-0', at(1)),
        receipt('deepgram-billing-1', at(2)),
      ],
    };
    const status = (days: number) =>
      evaluateJournal(journal(3), observations, at(days)).replicas[2];
    expect(status(10)).toEqual({
      name: 'deepgram-billing-2',
      status: 'fresh',
      dueAt: at(30).toISOString(),
    });
    expect(status(25).status).toBe('due');
    expect(status(30).status).toBe('due');
    expect(status(31).status).toBe('never-received');
    // three replicas, two back, the third still inside its first period: not fresh overall
    expect(evaluateJournal(journal(3), observations, at(25)).status).toBe(
      'due',
    );
  });

  it('says never-received at once when it is unknown since when the deployment runs', () => {
    expect(evaluateJournal(journal(1), {}, received)).toEqual({
      status: 'never-received',
      replicas: [{ name: 'deepgram-billing-0', status: 'never-received' }],
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
