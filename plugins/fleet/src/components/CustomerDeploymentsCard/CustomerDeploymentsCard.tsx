import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  compareChartVersions,
  CUSTOMER_KIND,
  CustomerDeploymentEntity,
  CustomerEntity,
  isCustomerDeploymentEntity,
  isCustomerEntity,
} from '@fleetdeck/plugin-fleet-common';
import Typography from '@mui/material/Typography';
import { EntityKindFrame } from '../shared/WrongKindCard';
import { deploymentRefsOf } from '../shared/relations';
import {
  describeLicenseExpiry,
  describeProfile,
} from '../shared/describeDeployment';

const TITLE = 'Deployments';

/** Only what the table shows is fetched. */
const FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.lifecycle',
  'spec.profile',
  'spec.chart',
  'spec.cluster',
  'spec.license',
];

type DeploymentRow = {
  entity: CustomerDeploymentEntity;
  name: string;
  lifecycle: string;
  profile: string;
  chartVersion: string;
  kubernetesVersion: string;
  licenseExpiry: string;
  /** `YYYY-MM-DD`, or undefined without a license; sorts the expiry column by date. */
  expiresAt: string | undefined;
};

function toRow(entity: CustomerDeploymentEntity, now: Date): DeploymentRow {
  const { spec } = entity;
  return {
    entity,
    name: entity.metadata.title ?? entity.metadata.name,
    lifecycle: spec.lifecycle,
    profile: describeProfile(spec.profile),
    chartVersion: spec.chart?.version ?? '',
    kubernetesVersion: spec.cluster?.kubernetesVersion ?? '',
    licenseExpiry: describeLicenseExpiry(spec, now),
    expiresAt: spec.license?.expiresAt,
  };
}

/** By expiry date; deployments without a license come after every dated one when ascending. */
function compareExpiry(a: DeploymentRow, b: DeploymentRow): number {
  if (a.expiresAt === b.expiresAt) {
    return 0;
  }
  if (a.expiresAt === undefined) {
    return 1;
  }
  if (b.expiresAt === undefined) {
    return -1;
  }
  return a.expiresAt.localeCompare(b.expiresAt);
}

const columns: TableColumn<DeploymentRow>[] = [
  {
    title: 'Name',
    field: 'name',
    highlight: true,
    render: row => <EntityRefLink entityRef={row.entity} hideIcon />,
  },
  { title: 'Lifecycle', field: 'lifecycle' },
  { title: 'Profile', field: 'profile' },
  {
    title: 'Chart version',
    field: 'chartVersion',
    customSort: (a, b) => compareChartVersions(a.chartVersion, b.chartVersion),
  },
  {
    title: 'Kubernetes',
    field: 'kubernetesVersion',
    customSort: (a, b) =>
      compareChartVersions(a.kubernetesVersion, b.kubernetesVersion),
  },
  {
    title: 'License expiry',
    field: 'licenseExpiry',
    customSort: compareExpiry,
  },
];

/**
 * The deployments of a Customer: the CustomerDeployments the catalog linked to it with
 * `hasPart`, fetched in one request.
 */
export function CustomerDeploymentsCard() {
  return (
    <EntityKindFrame
      title={TITLE}
      expectedKind={CUSTOMER_KIND}
      isKind={isCustomerEntity}
    >
      {entity => <RelatedDeployments customer={entity} />}
    </EntityKindFrame>
  );
}

function RelatedDeployments(props: { customer: CustomerEntity }) {
  const { customer } = props;
  const refs = useMemo(
    () => deploymentRefsOf(customer).map(ref => stringifyEntityRef(ref)),
    [customer],
  );
  // Without relations there is nothing to fetch.
  if (refs.length === 0) {
    return <DeploymentsTable deployments={[]} />;
  }
  return <FetchedDeployments customer={customer} refs={refs} />;
}

function FetchedDeployments(props: {
  customer: CustomerEntity;
  refs: string[];
}) {
  const { customer, refs } = props;
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: FIELDS,
    });
    // A ref the catalog no longer has (or the user may not see) comes back undefined.
    return items.filter(
      (item): item is CustomerDeploymentEntity =>
        item !== undefined && isCustomerDeploymentEntity(item),
    );
  }, [catalogApi, refs]);

  if (loading) {
    return (
      <InfoCard title={TITLE}>
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return (
      <ResponseErrorPanel
        title={`Could not load the deployments of ${customer.metadata.name}`}
        error={error}
      />
    );
  }
  return <DeploymentsTable deployments={value ?? []} />;
}

function DeploymentsTable(props: { deployments: CustomerDeploymentEntity[] }) {
  const { deployments } = props;
  const rows = useMemo(() => {
    const now = new Date();
    return deployments
      .map(deployment => toRow(deployment, now))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [deployments]);

  return (
    <Table<DeploymentRow>
      title={TITLE}
      options={{ search: false, paging: false, padding: 'dense' }}
      columns={columns}
      data={rows}
      emptyContent={
        <Typography variant="body2" sx={{ p: 2 }}>
          No deployments yet — create one with the New customer deployment
          template
        </Typography>
      }
    />
  );
}
