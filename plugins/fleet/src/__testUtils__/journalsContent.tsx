import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JournalsContent } from '../components/JournalsContent';
import { FleetApi, fleetApiRef } from '../api';
import { deploymentEntity } from '../__fixtures__/entities';

/** Renders the Journals tab of `entity` (acme-prod by default) with the given FleetApi. */
export function renderJournalsContent(
  fleetApi: FleetApi,
  options: {
    entity?: Entity;
    canUpload?: boolean;
    /** Names of further permissions the user does not hold. */
    denied?: string[];
    alertApi?: ReturnType<typeof mockApis.alert>;
  } = {},
) {
  const {
    entity = deploymentEntity(),
    canUpload = true,
    denied = [],
    alertApi = mockApis.alert(),
  } = options;
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <JournalsContent />
    </EntityProvider>,
    {
      apis: [
        [fleetApiRef, fleetApi],
        mockApis.permission({
          authorize: request =>
            (request.permission.name === 'fleet.journal.create' &&
              !canUpload) ||
            denied.includes(request.permission.name)
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }),
        alertApi,
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The receipts table's body rows, each as its cells' text by column title. */
export async function receiptRows(): Promise<
  Array<Record<string, HTMLElement>>
> {
  const history = await screen.findByTestId('journal-history');
  // The core Table puts its pagination in a second table; the rows are in the first.
  const [table] = within(history).getAllByRole('table');
  const headers = within(table)
    .getAllByRole('columnheader')
    .map(header => header.textContent ?? '');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      Object.fromEntries(
        Array.from(row.querySelectorAll<HTMLElement>('td')).map((cell, i) => [
          headers[i],
          cell,
        ]),
      ),
    );
}
