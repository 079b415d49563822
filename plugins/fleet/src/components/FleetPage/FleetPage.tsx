import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { fleetDeploymentReadPermission } from '@fleetdeck/plugin-fleet-common';
import { fleetApiRef } from '../../api';
import { describeNotAllowed, isNotAllowed } from '../shared/describeApiError';
import { AttentionTiles } from './AttentionTiles';
import { DeploymentsTable } from './DeploymentsTable';
import { useCursorPages } from '../shared/useCursorPages';
import { FleetFilters } from './FleetFilters';
import {
  clearFilters,
  FleetView,
  isFiltered,
  readFleetView,
  toDeploymentQuery,
  writeFleetView,
} from './fleetSearchParams';

/** Rows per page until the user picks another size. */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * The view (filters, sort, search) lives in the URL; this hook reads it and writes changes
 * back. Changes push a history entry, so the back button undoes a filter; typing in the search
 * box replaces the current entry instead of adding one per keystroke.
 */
function useFleetView() {
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => readFleetView(searchParams), [searchParams]);
  const setView = useCallback(
    (next: FleetView, options?: { replace?: boolean }) =>
      setSearchParams(current => writeFleetView(next, current), options),
    [setSearchParams],
  );
  return [view, setView] as const;
}

/**
 * Every customer deployment with its four signals, what needs attention first: tiles that
 * count it over the filtered fleet, filters, search and a table sorted and paged by the
 * backend.
 */
export function FleetOverview() {
  const fleetApi = useApi(fleetApiRef);
  const [view, setView] = useFleetView();
  const query = useMemo(() => toDeploymentQuery(view), [view]);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const pagingKey = `${JSON.stringify(query)}|${pageSize}`;
  const { value, loading, error, page, goToPage } = useCursorPages(
    pagingKey,
    cursor =>
      fleetApi.listDeployments({
        ...query,
        limit: pageSize,
        ...(cursor && { cursor }),
      }),
  );

  const filters = <FleetFilters view={view} onChange={setView} />;

  if (isNotAllowed(error)) {
    // A refusal is not a failure: the fleet holds nothing this user may see.
    return (
      <EmptyState
        missing="data"
        title="No deployments you may see"
        description={describeNotAllowed({
          action: 'see the fleet status of any deployment',
          permission: fleetDeploymentReadPermission.name,
        })}
      />
    );
  }
  if (error) {
    return (
      <>
        {filters}
        <ResponseErrorPanel title="Could not load the fleet" error={error} />
      </>
    );
  }
  if (!value) {
    return <Progress />;
  }
  if (value.totalCount === 0 && !isFiltered(view)) {
    return (
      <EmptyState
        missing="data"
        title="No deployments in the fleet yet"
        description="Customer deployments appear here once they are in the catalog and the fleet backend has evaluated them. Create one with the New customer deployment template, or register CustomerDeployment entities."
      />
    );
  }

  return (
    // Busy while a new page, filter or sort loads; the previous results stay visible meanwhile.
    <Box aria-busy={loading} data-testid="fleet-overview">
      <AttentionTiles summary={value.summary} view={view} onChange={setView} />
      {filters}
      <DeploymentsTable
        title={`Deployments (${value.totalCount})`}
        rows={value.items}
        loading={loading}
        page={page}
        pageSize={pageSize}
        totalCount={value.totalCount}
        orderBy={view.orderBy}
        order={view.order}
        onPageChange={goToPage}
        onPageSizeChange={setPageSize}
        onSortChange={sort =>
          setView({
            ...view,
            ...(sort ?? { orderBy: undefined, order: undefined }),
          })
        }
        emptyContent={
          <Box sx={{ p: 3, textAlign: 'center' }}>
            <Typography variant="body1" gutterBottom>
              No deployments match these filters
            </Typography>
            <Button
              variant="outlined"
              onClick={() => setView(clearFilters(view))}
            >
              Clear filters
            </Button>
          </Box>
        }
      />
    </Box>
  );
}

/**
 * The fleet page for apps on the legacy frontend system, with its own header. The new frontend
 * system renders {@link FleetPageContent} inside the page layout it provides.
 */
export function FleetPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Customer fleet"
        subtitle="Every customer deployment, and what needs attention"
      />
      <Content>
        <FleetOverview />
      </Content>
    </Page>
  );
}

/** The fleet page's content without a header, for the new frontend system's page layout. */
export function FleetPageContent() {
  return (
    <Content>
      <FleetOverview />
    </Content>
  );
}
