import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  fleetArtifactReadPermission,
  type CustomerDeploymentEntity,
  type PlanFile,
} from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import { fleetApiRef } from '../../api';
import { formatBytes } from '../shared/describeJournal';
import { isNotAllowed } from '../shared/describeApiError';
import { NotAllowedPanel } from '../shared/NotAllowedPanel';
import { saveBlob } from '../shared/saveBlob';

/** `values/0.42.0.yaml` → `values-0.42.0.yaml`: a file name a browser keeps. */
export function planFileName(path: string): string {
  return path.replace(/\//g, '-');
}

/**
 * The files the plan renders to (`UPGRADE.md`, the migrated values per step, the collector),
 * each to download on its own — listed on request, since they need `fleet.artifact.read` and
 * repeat the plan above.
 */
export function PlanFiles(props: {
  entity: CustomerDeploymentEntity;
  target: string;
}) {
  const { entity, target } = props;
  const fleetApi = useApi(fleetApiRef);
  const entityRef = stringifyEntityRef(entity);
  const [shownFor, setShownFor] = useState<string>();
  const [state, load] = useAsyncFn(
    () => fleetApi.getUpgradePlanFiles(entityRef, { target }),
    [fleetApi, entityRef, target],
  );

  const show = () => {
    setShownFor(target);
    load();
  };
  if (shownFor !== target) {
    return (
      <Button size="small" onClick={show}>
        Show the plan's files
      </Button>
    );
  }
  if (state.loading) {
    return <Progress />;
  }
  if (isNotAllowed(state.error)) {
    return (
      <NotAllowedPanel
        action="download the upgrade plan"
        permission={fleetArtifactReadPermission.name}
        deployment={entity.metadata.name}
      />
    );
  }
  if (state.error || !state.value) {
    return (
      <ResponseErrorPanel
        title="Could not list the plan's files"
        error={state.error ?? new Error('No answer')}
      />
    );
  }
  const download = (file: PlanFile) =>
    saveBlob(new Blob([file.content]), planFileName(file.path));
  return (
    <Box component="section" aria-label="Plan files">
      <Typography variant="subtitle2" component="h3">
        Files
      </Typography>
      <List dense disablePadding>
        {state.value.files.map(file => (
          <ListItem key={file.path} disableGutters>
            <Link
              component="button"
              variant="body2"
              onClick={() => download(file)}
              aria-label={`Download ${file.path}`}
            >
              {file.path}
            </Link>
            <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }}>
              {formatBytes(new Blob([file.content]).size)}
            </Typography>
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
