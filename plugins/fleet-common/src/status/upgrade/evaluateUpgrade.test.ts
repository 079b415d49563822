import { evaluate } from './__testUtils__/upgradeFixture';

describe('evaluateUpgrade', () => {
  it('is ready when every check passes', () => {
    const signal = evaluate();
    expect(signal).toMatchObject({
      status: 'ready',
      current: '0.39.0',
      target: '0.42.0',
      latest: '0.42.0',
      versionsBehind: 6,
      daysBehind: 42,
    });
    expect(signal.checks.map(c => [c.id, c.title, c.outcome])).toEqual([
      ['target', 'Target release', 'pass'],
      ['kubernetes', 'Kubernetes version', 'pass'],
      ['license', 'License', 'pass'],
      ['journal', 'Billing journals', 'pass'],
      ['gpu', 'GPU capacity', 'pass'],
      ['features', 'Features', 'pass'],
      ['values', 'Values keys', 'pass'],
      ['required-values', 'Required values', 'pass'],
      ['path', 'Upgrade path', 'pass'],
      ['bundle', 'Update bundle', 'pass'],
      ['backup', 'Database backup', 'pass'],
    ]);
    expect(signal.checks.map(c => c.message)).toEqual([
      'upgrade from 0.39.0 to 0.42.0: 6 releases ahead, 42 days newer',
      "Kubernetes v1.31.4-eks-2d5f260 (as declared in spec.cluster.kubernetesVersion) satisfies 0.42.0's kubeVersion >=1.28.0-0",
      'license LIC-NWH-2041 is valid through 2027-03-08 (200 days left)',
      'the journals of all 2 billing replicas are fresh (next due 2026-09-17T12:00:00.000Z)',
      '0.42.0 needs 4 nvidia.com/gpu (4 engine pods × 1); 8 allocatable, 4 free after the upgrade (snapshot 6 hours old)',
      '0.42.0 has every feature this deployment uses: journal billing (since 0.27.1)',
      'none of the 2 values keys on record was removed or renamed between 0.39.0 and 0.42.0',
      'the values on record set every value required between 0.39.0 and 0.42.0 and enable no values that exclude each other',
      'no required intermediate release or known-bad release between 0.39.0 and 0.42.0',
      'the update bundle for 0.42.0 handed out 5 days ago by user:default/dana.se was verified on site 3 days ago',
      "0.41.1 changes the product's database, but this deployment declares none (spec.databases)",
    ]);
    expect(signal.checks.every(c => c.fix === undefined)).toBe(true);
  });
});
