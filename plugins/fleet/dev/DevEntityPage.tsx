import { Entity } from '@backstage/catalog-model';
import {
  Content,
  Header,
  Page,
  WarningPanel,
} from '@backstage/core-components';
import { attachComponentData } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { useParams } from 'react-router-dom';
import {
  EntityCustomerOverviewCard,
  EntityDeploymentOverviewCard,
  EntityFleetContent,
  EntityJournalsContent,
  EntityUpgradeContent,
} from '../src';
import { customerEntity, deploymentEntity } from '../src/__fixtures__/entities';

/** The entities of the dev app, by `kind/namespace/name` as the entity route spells them. */
const ENTITIES: Entity[] = [
  deploymentEntity({
    spec: {
      databases: [
        {
          name: 'transcripts-db',
          engine: 'postgresql',
          host: 'pg.acme.internal',
          database: 'transcripts',
          credentialsSecretRef: 'transcripts-db-credentials',
        },
      ],
    },
  }),
  customerEntity(),
];

function findEntity(params: Record<string, string | undefined>) {
  return ENTITIES.find(
    entity =>
      entity.kind.toLocaleLowerCase('en-US') ===
        params.kind?.toLocaleLowerCase('en-US') &&
      (entity.metadata.namespace ?? 'default') === params.namespace &&
      entity.metadata.name === params.name,
  );
}

function Section(props: { title: string; children: JSX.Element }) {
  return (
    <Grid item xs={12}>
      <Typography variant="h5" component="h2" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Grid>
  );
}

/**
 * The catalog's entity page as far as the fleet plugin fills it, for the fixtures' `acme-prod`
 * and its customer `acme`. Mounted on the catalog's entity route, so that the links of the
 * fleet page and of the cards lead here.
 */
export function DevEntityPage() {
  const entity = findEntity(useParams());
  if (!entity) {
    return (
      <Page themeId="tool">
        <Content>
          <WarningPanel title="Not in the dev app">
            The dev app knows customerdeployment:default/acme-prod and
            customer:default/acme only.
          </WarningPanel>
        </Content>
      </Page>
    );
  }
  const deployment = entity.kind === 'CustomerDeployment';
  return (
    <Page themeId="tool">
      <Header title={entity.metadata.name} type={entity.kind} />
      <Content>
        <EntityProvider entity={entity}>
          <Grid container spacing={3}>
            {deployment ? (
              <>
                <Section title="Overview">
                  <EntityDeploymentOverviewCard />
                </Section>
                <Section title="Fleet">
                  <EntityFleetContent />
                </Section>
                <Section title="Upgrade">
                  <EntityUpgradeContent />
                </Section>
                <Section title="Journals">
                  <EntityJournalsContent />
                </Section>
              </>
            ) : (
              <Section title="Overview">
                <EntityCustomerOverviewCard />
              </Section>
            )}
          </Grid>
        </EntityProvider>
      </Content>
    </Page>
  );
}

attachComponentData(DevEntityPage, 'core.mountPoint', entityRouteRef);
