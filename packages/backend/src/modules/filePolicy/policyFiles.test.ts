import fs from 'node:fs';
import path from 'node:path';
import { parseConditionalPolicies, parseRolePolicies } from './policyFiles';

const examples = path.resolve(__dirname, '../../../../../examples/rbac');

describe('parseRolePolicies', () => {
  it('reads the shipped roles file', () => {
    const { permissions, memberships } = parseRolePolicies(
      fs.readFileSync(path.join(examples, 'policy.csv'), 'utf8'),
      'policy.csv',
    );
    expect(memberships).toContainEqual({
      member: 'group:default/billing',
      role: 'role:default/billing',
    });
    expect(permissions).toContainEqual({
      role: 'role:default/billing',
      permission: 'fleet.journal.read',
      action: 'read',
      effect: 'allow',
    });
  });

  it('names the line and what to write for every mistake', () => {
    const cases: Array<[string, string]> = [
      [
        'p, role:default/a, fleet.journal.read, read',
        'policy.csv line 1: a permission line has 5 fields: p, role:default/<name>, <permission or resource type>, <action>, allow|deny',
      ],
      [
        'p, role:default/a, fleet.journal.read, look, allow',
        "policy.csv line 1: unknown action 'look'; use one of create, read, update, delete, use",
      ],
      [
        'p, role:default/a, fleet.journal.read, read, maybe',
        "policy.csv line 1: the effect is 'allow' or 'deny', not 'maybe'",
      ],
      [
        'p, group:default/a, fleet.journal.read, read, allow',
        "policy.csv line 1: 'group:default/a' is a group; expected role",
      ],
      [
        '\ng, role:default/a, role:default/b',
        "policy.csv line 2: 'role:default/a' is a role; expected user or group",
      ],
      [
        'g, user:default/a',
        'policy.csv line 1: a membership line has 3 fields: g, user:default/<name> or group:default/<name>, role:default/<name>',
      ],
      [
        '# a comment',
        "policy.csv line 1: a line starts with 'p' (a permission of a role) or 'g' (a member of a role), not '# a comment'",
      ],
    ];
    for (const [text, message] of cases) {
      expect(() => parseRolePolicies(text, 'policy.csv')).toThrow(message);
    }
  });
});

describe('parseConditionalPolicies', () => {
  it('reads the shipped conditional policies: each account team, its own deployments', () => {
    const policies = parseConditionalPolicies(
      fs.readFileSync(path.join(examples, 'conditional-policies.yaml'), 'utf8'),
      'conditional-policies.yaml',
    );
    expect(policies.map(policy => policy.roleEntityRef)).toEqual([
      'role:default/solutions-east',
      'role:default/solutions-west',
      'role:default/solutions-emea',
    ]);
    for (const policy of policies) {
      expect(policy).toMatchObject({
        pluginId: 'fleet',
        resourceType: 'fleet-deployment',
        permissionMapping: ['read', 'create'],
        conditions: {
          rule: 'IS_DEPLOYMENT_OWNER',
          resourceType: 'fleet-deployment',
          params: { claims: ['$ownerRefs'] },
        },
      });
    }
  });

  it('names the document and what to write for every mistake', () => {
    const valid = `result: CONDITIONAL
roleEntityRef: role:default/a
pluginId: fleet
resourceType: fleet-deployment
permissionMapping: [read]
conditions: { rule: IS_DEPLOYMENT_OWNER, resourceType: fleet-deployment, params: { claims: ['$ownerRefs'] } }
`;
    const cases: Array<[string, string | RegExp]> = [
      [
        valid.replace('CONDITIONAL', 'ALLOW'),
        'p.yaml document 1: result must be CONDITIONAL',
      ],
      [
        valid.replace('[read]', '[peek]'),
        'p.yaml document 1: permissionMapping is a list of actions (create, read, update, delete, use)',
      ],
      [
        valid.replace('role:default/a', 'user:default/a'),
        "p.yaml document 1: 'user:default/a' is a user; expected role",
      ],
      [
        valid.replace(/conditions: .*/, 'conditions: { anyOf: [] }'),
        'p.yaml document 1: anyOf is a non-empty list of conditions',
      ],
      [
        valid.replace(/conditions: .*/, 'conditions: { params: {} }'),
        /^p\.yaml document 1: a condition names its rule and resourceType/,
      ],
      [
        `${valid}---\n- a list\n`,
        'p.yaml document 2: a conditional policy is a YAML mapping',
      ],
    ];
    for (const [text, message] of cases) {
      expect(() => parseConditionalPolicies(text, 'p.yaml')).toThrow(message);
    }
    expect(parseConditionalPolicies(valid, 'p.yaml')).toHaveLength(1);
  });
});
