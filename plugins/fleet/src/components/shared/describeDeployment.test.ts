import {
  daysUntil,
  describeBilling,
  describeChart,
  describeCluster,
  describeGpu,
  describeLicense,
  describeLicenseExpiry,
  describeProfile,
} from './describeDeployment';

// Afternoon UTC, so that "today" is not an accident of midnight.
const now = new Date('2027-03-19T15:30:00Z');
const license = { id: 'LIC-ACME-7', expiresAt: '2027-03-31' };

describe('describeProfile', () => {
  it.each([
    ['airgapped', 'Air-gapped'],
    ['connected', 'Connected on-prem'],
    ['saas', 'SaaS-adjacent'],
  ])('%s reads %s', (profile, words) => {
    expect(describeProfile(profile)).toBe(words);
  });

  it('shows an unknown profile as written, never a prototype member', () => {
    expect(describeProfile('hybrid')).toBe('hybrid');
    expect(describeProfile('constructor')).toBe('constructor');
  });
});

describe('describeChart and describeCluster', () => {
  it('names the chart with its installed version', () => {
    expect(
      describeChart({ name: 'deepgram-self-hosted', version: '0.40.2' }),
    ).toBe('deepgram-self-hosted 0.40.2');
  });

  it('gives the Kubernetes version and namespace, and the cluster when named', () => {
    expect(
      describeCluster({
        kubernetesVersion: '1.31',
        namespace: 'dg-self-hosted',
      }),
    ).toBe('1.31 · namespace dg-self-hosted');
    expect(
      describeCluster({
        kubernetesVersion: 'v1.29.3-eks-4d1a2',
        namespace: 'dg',
        name: 'acme-eks',
      }),
    ).toBe('v1.29.3-eks-4d1a2 · namespace dg · cluster acme-eks');
  });
});

describe('daysUntil', () => {
  it('counts whole calendar days in UTC', () => {
    expect(daysUntil('2027-03-31', now)).toBe(12);
    expect(daysUntil('2027-03-19', now)).toBe(0);
    expect(daysUntil('2027-03-10', now)).toBe(-9);
    expect(daysUntil('2027-03-20', new Date('2027-03-19T23:59:59Z'))).toBe(1);
  });

  it('refuses dates that do not exist', () => {
    expect(daysUntil('2027-02-30', now)).toBeUndefined();
    expect(daysUntil('next year', now)).toBeUndefined();
  });
});

describe('describeLicense', () => {
  it('gives id, expiry date and how far away it is', () => {
    expect(describeLicense({ profile: 'airgapped', license }, now)).toBe(
      'LIC-ACME-7, expires 2027-03-31 (in 12 days)',
    );
  });

  it('says a license is still good on its last day and expired the day after', () => {
    expect(
      describeLicense(
        { profile: 'airgapped', license },
        new Date('2027-03-31T22:00:00Z'),
      ),
    ).toBe('LIC-ACME-7, expires 2027-03-31 (today)');
    expect(
      describeLicense(
        { profile: 'airgapped', license },
        new Date('2027-04-01T08:00:00Z'),
      ),
    ).toBe('LIC-ACME-7, expired 2027-03-31 (yesterday)');
    expect(
      describeLicense(
        {
          profile: 'airgapped',
          license: { id: 'LIC-ACME-6', expiresAt: '2027-03-10' },
        },
        now,
      ),
    ).toBe('LIC-ACME-6, expired 2027-03-10 (9 days ago)');
  });

  it('depends on the profile when there is no license', () => {
    expect(describeLicense({ profile: 'airgapped' }, now)).toBe(
      'No license on file',
    );
    expect(describeLicense({ profile: 'connected' }, now)).toBe(
      'Not required (Connected on-prem)',
    );
    expect(describeLicense({ profile: 'saas' }, now)).toBe(
      'Not required (SaaS-adjacent)',
    );
  });

  it('shows an unreadable expiry date rather than guessing', () => {
    expect(
      describeLicense(
        {
          profile: 'airgapped',
          license: { id: 'LIC-X', expiresAt: '2027-13-01' },
        },
        now,
      ),
    ).toBe('LIC-X, expiry date not readable ("2027-13-01")');
  });
});

describe('describeLicenseExpiry', () => {
  it('gives the date and the hint for a table cell', () => {
    expect(describeLicenseExpiry({ profile: 'airgapped', license }, now)).toBe(
      '2027-03-31 (in 12 days)',
    );
    expect(
      describeLicenseExpiry(
        {
          profile: 'connected',
          license: { id: 'LIC-ACME-6', expiresAt: '2027-03-10' },
        },
        now,
      ),
    ).toBe('2027-03-10 (expired 9 days ago)');
    expect(describeLicenseExpiry({ profile: 'connected' }, now)).toBe(
      'Not required (Connected on-prem)',
    );
  });
});

describe('describeBilling', () => {
  it('describes journal billing: replicas, where journals live, how often they come back', () => {
    expect(
      describeBilling({
        mode: 'journal',
        replicas: 3,
        journalStorage: 'ebs',
        returnEvery: 'P30D',
      }),
    ).toBe(
      'Journal billing · 3 replicas on EBS (per-pod claims) · return every 30 days',
    );
    expect(
      describeBilling({
        mode: 'journal',
        replicas: 1,
        journalStorage: 'efs',
        returnEvery: 'P1M',
      }),
    ).toBe(
      'Journal billing · 1 replica on a shared EFS volume · return every month',
    );
    expect(
      describeBilling({
        mode: 'journal',
        replicas: 2,
        journalStorage: 'existing-pvc',
        existingPvcName: 'acme-journals',
        returnEvery: 'P2W',
      }),
    ).toBe(
      'Journal billing · 2 replicas on the existing claim acme-journals · return every 2 weeks',
    );
  });

  it('says what it can of an incomplete journal setup', () => {
    expect(describeBilling({ mode: 'journal', journalStorage: 'ebs' })).toBe(
      'Journal billing · journals on EBS (per-pod claims)',
    );
    expect(describeBilling({ mode: 'journal', returnEvery: 'monthly' })).toBe(
      'Journal billing · return every "monthly" (not a duration)',
    );
  });

  it('names the other modes, and no billing at all', () => {
    expect(describeBilling({ mode: 'license-server' })).toBe(
      'License-server billing',
    );
    expect(describeBilling({ mode: 'metered' })).toBe('Metered billing');
    expect(describeBilling(undefined)).toBe('Not configured');
  });
});

describe('describeGpu', () => {
  it('gives engine pods times GPUs per pod', () => {
    expect(
      describeGpu({
        resourceName: 'nvidia.com/gpu',
        perEngine: 1,
        engineReplicas: 2,
      }),
    ).toBe('2 engine pods × 1 nvidia.com/gpu');
    expect(
      describeGpu({
        resourceName: 'nvidia.com/gpu',
        perEngine: 2,
        engineReplicas: 1,
      }),
    ).toBe('1 engine pod × 2 nvidia.com/gpu');
  });

  it('names MIG resources as slices', () => {
    expect(
      describeGpu({
        resourceName: 'nvidia.com/mig-1g.10gb',
        perEngine: 1,
        engineReplicas: 4,
      }),
    ).toBe('4 engine pods × 1 MIG slice nvidia.com/mig-1g.10gb');
    expect(
      describeGpu({
        resourceName: 'nvidia.com/mig-3g.40gb',
        perEngine: 2,
        engineReplicas: 1,
      }),
    ).toBe('1 engine pod × 2 MIG slices nvidia.com/mig-3g.40gb');
  });

  it('handles engines scaled to zero and no GPU request', () => {
    expect(
      describeGpu({
        resourceName: 'nvidia.com/gpu',
        perEngine: 1,
        engineReplicas: 0,
      }),
    ).toBe('No engine pods (scaled to zero) · 1 nvidia.com/gpu each');
    expect(describeGpu(undefined)).toBe('No GPU request on file');
  });
});
