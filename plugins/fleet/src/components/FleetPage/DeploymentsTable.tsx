import { ReactNode, useMemo, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { Table, TableColumn } from '@backstage/core-components';
import {
  EntityRefLink,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import {
  DEPLOYMENT_ORDER_FIELDS,
  DeploymentOrderField,
  DeploymentStatus,
} from '@fleetdeck/plugin-fleet-common';
import Typography from '@mui/material/Typography';
import { describeProfile } from '../shared/describeDeployment';
import { EntityRefOrText } from '../shared/EntityRefOrText';
import {
  GpuStatusLabel,
  HealthStatusLabel,
  JournalStatusLabel,
  LicenseStatusLabel,
  UpgradeStatusLabel,
} from '../status';
import { serverPagingProps } from '../shared/serverPaging';

/** Page sizes offered; the API serves at most 500 per page. */
export const PAGE_SIZES = [20, 50, 100];

/** Rows come sorted by the backend; the table must not sort a page on its own. */
const keepServerOrder = () => 0;

function isOrderField(field: unknown): field is DeploymentOrderField {
  return (
    typeof field === 'string' &&
    (DEPLOYMENT_ORDER_FIELDS as readonly string[]).includes(field)
  );
}

/** An entity ref as the backend sent it, parsed; undefined when it is not one. */
function parseRef(ref: string): CompoundEntityRef | undefined {
  try {
    return parseEntityRef(ref);
  } catch {
    // Not a ref the catalog would produce; the caller shows the text as sent.
    return undefined;
  }
}

function sortable(
  field: DeploymentOrderField,
  column: Omit<TableColumn<DeploymentStatus>, 'field'>,
  sort: { orderBy?: DeploymentOrderField; order?: 'asc' | 'desc' },
): TableColumn<DeploymentStatus> {
  return {
    ...column,
    // The column's field is the API's `orderBy` value, which onOrderChange maps back.
    field,
    customSort: keepServerOrder,
    defaultSort: sort.orderBy === field ? sort.order ?? 'asc' : undefined,
  };
}

function columnsFor(
  sort: { orderBy?: DeploymentOrderField; order?: 'asc' | 'desc' },
  now: Date,
): TableColumn<DeploymentStatus>[] {
  return [
    sortable(
      'name',
      {
        title: 'Deployment',
        highlight: true,
        render: row => {
          const ref = parseRef(row.entityRef);
          const name = ref?.name ?? row.entityRef;
          return (
            <>
              {ref ? (
                <EntityRefLink entityRef={ref}>
                  {row.title || name}
                </EntityRefLink>
              ) : (
                row.title || name
              )}
              {row.title && row.title !== name ? (
                <Typography
                  variant="caption"
                  color="text.secondary"
                  component="div"
                >
                  {name}
                </Typography>
              ) : null}
            </>
          );
        },
      },
      sort,
    ),
    sortable(
      'health',
      {
        title: 'Health',
        render: row => <HealthStatusLabel health={row.health} />,
      },
      sort,
    ),
    {
      title: 'Customer',
      sorting: false,
      render: row => (
        <EntityRefOrText
          entityRef={parseRef(row.customer)}
          fallback={row.customer}
        />
      ),
    },
    {
      title: 'Profile',
      sorting: false,
      render: row => describeProfile(row.profile),
    },
    { title: 'Chart version', sorting: false, field: 'chartVersion' },
    sortable(
      'license.expiresAt',
      {
        title: 'License',
        render: row => <LicenseStatusLabel signal={row.license} compact />,
      },
      sort,
    ),
    sortable(
      'journal.lastReceivedAt',
      {
        title: 'Journals',
        render: row => (
          <JournalStatusLabel signal={row.journal} now={now} compact />
        ),
      },
      sort,
    ),
    {
      title: 'GPU',
      sorting: false,
      render: row => <GpuStatusLabel signal={row.gpu} compact />,
    },
    sortable(
      'upgrade.daysBehind',
      {
        title: 'Upgrade',
        render: row => <UpgradeStatusLabel signal={row.upgrade} compact />,
      },
      sort,
    ),
    {
      title: 'Owner',
      sorting: false,
      render: row => (
        <EntityRefOrText entityRef={parseRef(row.owner)} fallback={row.owner} />
      ),
    },
  ];
}

/**
 * One page of the fleet, paged and sorted by the backend. The core Table (material-table) is
 * given the page's rows with `page` and `totalCount`, which makes it show server-side page
 * numbers; its own sorting is neutralised and sort clicks are reported through `onSortChange`.
 * Paging is by cursor, so only previous and next are offered (no jump to the last page).
 */
export function DeploymentsTable(props: {
  title: string;
  rows: DeploymentStatus[];
  loading: boolean;
  page: number;
  pageSize: number;
  totalCount: number;
  orderBy?: DeploymentOrderField;
  order?: 'asc' | 'desc';
  emptyContent: ReactNode;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
  onSortChange: (
    sort: { orderBy: DeploymentOrderField; order: 'asc' | 'desc' } | undefined,
  ) => void;
}) {
  const {
    title,
    rows,
    loading,
    page,
    pageSize,
    totalCount,
    orderBy,
    order,
    emptyContent,
    onPageChange,
    onPageSizeChange,
    onSortChange,
  } = props;
  const navigate = useNavigate();
  const entityLink = useEntityRefLink();
  const columns = useMemo(
    () => columnsFor({ orderBy, order }, new Date()),
    [orderBy, order],
  );

  // material-table keeps its sort arrow in its own state and only takes `defaultSort` on mount.
  // A sort that changes from outside the table (a link, the back button) remounts it so the
  // arrow follows the URL; a click in the header does not, so focus stays on the header.
  const sort = `${orderBy ?? ''}:${order ?? ''}`;
  const reportedSort = useRef(sort);
  const generation = useRef(0);
  if (sort !== reportedSort.current) {
    reportedSort.current = sort;
    generation.current += 1;
  }

  const paging = serverPagingProps({
    page,
    pageSize,
    pageSizeOptions: PAGE_SIZES,
    onPageChange,
    onPageSizeChange,
  });

  return (
    <Table<DeploymentStatus>
      key={generation.current}
      title={title}
      columns={columns}
      data={rows}
      isLoading={loading}
      page={paging.page}
      totalCount={totalCount}
      emptyContent={emptyContent}
      options={{
        search: false,
        draggable: false,
        padding: 'dense',
        ...paging.options,
        // asc → desc → unsorted (the backend's default order); another column starts at asc.
        thirdSortClick: true,
        keepSortDirectionOnColumnSwitch: false,
      }}
      onPageChange={paging.onPageChange}
      onOrderChange={(columnIndex, direction) => {
        const field = columns[columnIndex]?.field;
        if (columnIndex < 0 || !direction || !isOrderField(field)) {
          reportedSort.current = ':';
          onSortChange(undefined);
        } else {
          reportedSort.current = `${field}:${direction}`;
          onSortChange({ orderBy: field, order: direction });
        }
      }}
      onRowClick={(event, row) => {
        // A click on a link in the row (customer, owner) goes where the link points.
        const ref = row && parseRef(row.entityRef);
        if (
          !ref ||
          (event?.target instanceof Element && event.target.closest('a'))
        ) {
          return;
        }
        navigate(entityLink(ref));
      }}
    />
  );
}
