import { TestDatabases } from '@backstage/backend-test-utils';
import type {
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
  type PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  fleetDeploymentConditions as is,
  fleetDeploymentRules,
  type FleetDeploymentFilter,
  type FleetDeploymentResource,
} from '../permissions';
import { applyDeploymentFilter } from './applyDeploymentFilter';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const EAST = 'group:default/solutions-east';
const WEST = 'group:default/solutions-west';

/** Rows as the status table stores them: refs lower-cased. */
const ROWS: FleetDeploymentResource[] = [
  ['a', EAST, 'northwind-health', 'airgapped'],
  ['b', EAST, 'harbor-trust-bank', 'connected'],
  ['c', WEST, 'aegis-dynamics', 'airgapped'],
  ['d', WEST, 'brightline-contact', 'saas'],
  ['e', 'group:default/solutions-emea', 'nordtel', 'connected'],
].map(([name, owner, customer, profile]) => ({
  entityRef: `customerdeployment:default/${name}`,
  owner,
  customer: `customer:default/${customer}`,
  profile,
}));

const rules = Object.values(fleetDeploymentRules);
const ruleset = {
  getRuleByName: (name: string) => rules.find(rule => rule.name === name)!,
} as PermissionRuleset<FleetDeploymentResource, FleetDeploymentFilter>;
const toFilter = createConditionTransformer(ruleset);
const matches = createConditionAuthorizer(ruleset);

type Criteria = PermissionCriteria<PermissionCondition<'fleet-deployment'>>;

const CASES: Array<[string, Criteria, string[]]> = [
  ['a rule', is.isDeploymentOwner({ claims: [EAST] }), ['a', 'b']],
  ['a rule without claims', is.isDeploymentOwner({ claims: [] }), []],
  [
    'a rule, case-insensitive',
    is.isDeploymentOwner({ claims: ['Group:default/Solutions-West'] }),
    ['c', 'd'],
  ],
  [
    'a customer by name and by ref',
    {
      anyOf: [
        is.hasCustomer({ customer: 'Nordtel' }),
        is.hasCustomer({ customer: 'customer:default/aegis-dynamics' }),
      ],
    },
    ['c', 'e'],
  ],
  [
    'AND',
    {
      allOf: [
        is.isDeploymentOwner({ claims: [EAST] }),
        is.hasProfile({ profile: 'airgapped' }),
      ],
    },
    ['a'],
  ],
  [
    'OR',
    {
      anyOf: [
        is.hasCustomer({ customer: 'aegis-dynamics' }),
        is.hasProfile({ profile: 'connected' }),
      ],
    },
    ['b', 'c', 'e'],
  ],
  ['NOT', { not: is.isDeploymentOwner({ claims: [EAST] }) }, ['c', 'd', 'e']],
  [
    'NOT of OR',
    {
      not: {
        anyOf: [
          is.isDeploymentOwner({ claims: [EAST] }),
          is.isDeploymentOwner({ claims: [WEST] }),
        ],
      },
    },
    ['e'],
  ],
  [
    'AND of OR and NOT',
    {
      allOf: [
        { anyOf: [is.isDeploymentOwner({ claims: [EAST, WEST] })] },
        { not: is.hasProfile({ profile: 'airgapped' }) },
      ],
    },
    ['b', 'd'],
  ],
  [
    'OR of ANDs with a NOT inside',
    {
      anyOf: [
        {
          allOf: [
            is.isDeploymentOwner({ claims: [EAST] }),
            is.hasCustomer({ customer: 'harbor-trust-bank' }),
          ],
        },
        {
          allOf: [
            is.isDeploymentOwner({ claims: [WEST] }),
            { not: is.hasProfile({ profile: 'saas' }) },
          ],
        },
      ],
    },
    ['b', 'c'],
  ],
  [
    'NOT of NOT of a rule without claims',
    { not: { not: is.isDeploymentOwner({ claims: [] }) } },
    [],
  ],
];

const names = (refs: string[]) => refs.map(ref => ref.split('/')[1]).sort();

describe.each(databases.eachSupportedId())(
  'applyDeploymentFilter on %p',
  databaseId => {
    it.each(CASES)(
      '%s: the SQL filter selects what the rules apply to',
      async (_name, criteria, expected) => {
        const knex = await databases.init(databaseId);
        if (!(await knex.schema.hasTable('statuses'))) {
          await knex.schema.createTable('statuses', table => {
            table.string('entity_ref').primary();
            table.string('owner');
            table.string('customer');
            table.string('profile');
          });
          await knex('statuses').insert(
            ROWS.map(row => ({
              entity_ref: row.entityRef,
              owner: row.owner,
              customer: row.customer,
              profile: row.profile,
            })),
          );
        }
        const selected: string[] = await applyDeploymentFilter(
          knex('statuses'),
          toFilter(criteria),
        ).pluck('entity_ref');
        expect(names(selected)).toEqual(expected);

        // The same decision applied in memory (one deployment's check) agrees.
        const decision = {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'fleet',
          resourceType: 'fleet-deployment',
          conditions: criteria,
        } as const;
        expect(
          names(
            ROWS.filter(row => matches(decision, row)).map(r => r.entityRef),
          ),
        ).toEqual(expected);
      },
    );
  },
);
