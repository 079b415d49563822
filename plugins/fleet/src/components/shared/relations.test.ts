import { customerRefOf, deploymentRefsOf, ownerRefOf } from './relations';
import { customerEntity, deploymentEntity } from '../../__fixtures__/entities';

describe('customerRefOf', () => {
  it('prefers the partOf relation to a Customer', () => {
    const entity = deploymentEntity({
      relations: [
        { type: 'partOf', targetRef: 'system:default/speech' },
        { type: 'partOf', targetRef: 'customer:accounts/acme' },
      ],
    });
    expect(customerRefOf(entity)).toEqual({
      kind: 'customer',
      namespace: 'accounts',
      name: 'acme',
    });
  });

  it("falls back to the spec, in the deployment's namespace", () => {
    expect(customerRefOf(deploymentEntity({ namespace: 'emea' }))).toEqual({
      kind: 'Customer',
      namespace: 'emea',
      name: 'acme',
    });
    expect(
      customerRefOf(
        deploymentEntity({ spec: { customer: 'customer:accounts/acme' } }),
      ),
    ).toEqual({ kind: 'customer', namespace: 'accounts', name: 'acme' });
  });

  it('gives nothing to link for a malformed or empty ref', () => {
    expect(
      customerRefOf(deploymentEntity({ spec: { customer: 'acme/' } })),
    ).toBeUndefined();
    expect(
      customerRefOf(deploymentEntity({ spec: { customer: '' } })),
    ).toBeUndefined();
  });
});

describe('ownerRefOf', () => {
  it('takes the ownedBy relation of any kind, else the spec as a Group', () => {
    expect(
      ownerRefOf(
        customerEntity({
          relations: [{ type: 'ownedBy', targetRef: 'user:default/jane' }],
        }),
      ),
    ).toEqual({ kind: 'user', namespace: 'default', name: 'jane' });
    expect(
      ownerRefOf(customerEntity({ spec: { owner: 'solutions-east' } })),
    ).toEqual({ kind: 'Group', namespace: 'default', name: 'solutions-east' });
  });
});

describe('deploymentRefsOf', () => {
  it('keeps only hasPart relations to CustomerDeployments', () => {
    const customer = customerEntity({
      relations: [
        { type: 'hasPart', targetRef: 'customerdeployment:default/acme-prod' },
        { type: 'hasPart', targetRef: 'resource:default/acme-bucket' },
        { type: 'ownedBy', targetRef: 'group:default/solutions-east' },
      ],
    });
    expect(deploymentRefsOf(customer)).toEqual([
      { kind: 'customerdeployment', namespace: 'default', name: 'acme-prod' },
    ]);
  });
});
