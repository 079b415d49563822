import { useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  fleetDeploymentReadPermission,
  fleetReportCreatePermission,
  type BundleObservation,
  type CustomerDeploymentEntity,
} from '@fleetdeck/plugin-fleet-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { fleetApiRef } from '../../api';
import { describeRequestError, isNotAllowed } from '../shared/describeApiError';
import { EntityRefOrText } from '../shared/EntityRefOrText';
import { formatTimestamp } from '../shared/fleetStatus';
import { NotAllowedPanel } from '../shared/NotAllowedPanel';
import { readFileText } from '../shared/readFileText';
import { saveBlob } from '../shared/saveBlob';
import { StatusIcon } from '../status';
import { describeVerification } from './describeBundle';

const TITLE = 'Update bundles';

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function refOrUndefined(ref: string) {
  try {
    return parseEntityRef(ref);
  } catch {
    return undefined;
  }
}

/**
 * The offline update bundles of an air-gapped deployment: hand one out for the target, the
 * bundles handed out (to which version, when, by whom, and what the customer's
 * `verify-bundle.sh` found), each bundle's kit to download, and the upload of the
 * `bundle-verification.json` the customer sent back.
 */
export function BundlesPanel(props: {
  entity: CustomerDeploymentEntity;
  /** The version to hand a bundle out for; the backend's default (the latest) when absent. */
  target: string | undefined;
}) {
  const { entity, target } = props;
  const name = entity.metadata.name;
  const entityRef = stringifyEntityRef(entity);
  const fleetApi = useApi(fleetApiRef);
  const alertApi = useApi(alertApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => fleetApi.listBundles(entityRef),
    [fleetApi, entityRef],
  );
  const [handingOut, setHandingOut] = useState(false);
  const [outcome, setOutcome] = useState<
    { severity: 'success' | 'error'; message: string } | undefined
  >();

  const handOut = async () => {
    setHandingOut(true);
    setOutcome(undefined);
    try {
      const { bundle } = await fleetApi.handOutBundle(
        entityRef,
        target ? { target } : {},
      );
      setOutcome({
        severity: 'success',
        message: `A bundle from ${bundle.from} to ${bundle.target} was handed out; download its kit below and send it to the customer.`,
      });
      retry();
    } catch (e) {
      setOutcome({ severity: 'error', message: describeRequestError(e) });
    } finally {
      setHandingOut(false);
    }
  };

  const downloadKit = async (bundle: BundleObservation) => {
    try {
      const file = await fleetApi.downloadBundleKit(entityRef, bundle.id);
      saveBlob(
        file.content,
        file.fileName ?? `${name}-${bundle.target}-bundle-kit.tar.gz`,
      );
    } catch (e) {
      alertApi.post({
        severity: 'error',
        message: `Could not download the kit of the bundle to ${
          bundle.target
        }: ${describeRequestError(e)}`,
      });
    }
  };

  if (isNotAllowed(error)) {
    return (
      <NotAllowedPanel
        title={TITLE}
        action="see the update bundles"
        permission={fleetDeploymentReadPermission.name}
        deployment={name}
      />
    );
  }

  const columns: TableColumn<BundleObservation>[] = [
    {
      title: 'Upgrade',
      field: 'target',
      render: row => `${row.from} → ${row.target}`,
    },
    {
      title: 'Handed out',
      field: 'deliveredAt',
      defaultSort: 'desc',
      render: row => formatTimestamp(row.deliveredAt),
    },
    {
      title: 'By',
      field: 'deliveredBy',
      render: row => (
        <EntityRefOrText
          entityRef={refOrUndefined(row.deliveredBy)}
          fallback={row.deliveredBy}
        />
      ),
    },
    {
      title: 'Verification',
      field: 'verification',
      render: row => {
        const verification = describeVerification(row);
        return (
          <Box data-tone={verification.tone}>
            <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
              <StatusIcon tone={verification.tone} />
              {verification.word}
              {row.verifiedAt ? ` · ${formatTimestamp(row.verifiedAt)}` : ''}
            </Box>
            {verification.detail ? (
              <Typography
                variant="caption"
                color="text.secondary"
                component="p"
              >
                {verification.detail}
              </Typography>
            ) : null}
          </Box>
        );
      },
    },
    {
      title: 'Kit',
      sorting: false,
      render: row => (
        <Link
          component="button"
          variant="body2"
          onClick={() => downloadKit(row)}
          aria-label={`Download the kit of the bundle to ${
            row.target
          } handed out ${formatTimestamp(row.deliveredAt)}`}
        >
          Download kit
        </Link>
      ),
    },
  ];

  let list: JSX.Element;
  if (loading && !value) {
    list = <Progress />;
  } else if (error || !value) {
    list = (
      <ResponseErrorPanel
        title={`Could not load the update bundles of ${name}`}
        error={error ?? new Error('No answer')}
      />
    );
  } else if (value.items.length === 0) {
    list = (
      <Typography variant="body2" color="text.secondary">
        No bundle has been handed out for {name} yet.
      </Typography>
    );
  } else {
    list = (
      <Box data-testid="bundle-list">
        <Table<BundleObservation>
          columns={columns}
          data={value.items}
          options={{
            paging: false,
            search: false,
            toolbar: false,
            padding: 'dense',
            sorting: true,
          }}
        />
      </Box>
    );
  }

  return (
    <InfoCard
      title={TITLE}
      subheader="Charts, images, SBOMs and release notes for the air-gapped site, checked there with sha256sum -c"
    >
      <Box sx={{ mb: 2 }}>
        <Button variant="contained" disabled={handingOut} onClick={handOut}>
          {handingOut
            ? 'Creating the bundle…'
            : `Create update bundle for ${target ?? 'the latest release'}`}
        </Button>
        {outcome ? (
          <Alert severity={outcome.severity} sx={{ mt: 2 }}>
            {outcome.message}
          </Alert>
        ) : null}
      </Box>
      {list}
      <VerificationUpload entity={entity} onUploaded={retry} />
    </InfoCard>
  );
}

/** The upload of a `bundle-verification.json`, with `fleet.report.create`. */
function VerificationUpload(props: {
  entity: CustomerDeploymentEntity;
  onUploaded: () => void;
}) {
  const { entity, onUploaded } = props;
  const entityRef = stringifyEntityRef(entity);
  const fleetApi = useApi(fleetApiRef);
  const fileInput = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [outcome, setOutcome] = useState<
    { severity: 'success' | 'error'; message: string } | undefined
  >();
  const permission = usePermission({
    permission: fleetReportCreatePermission,
    resourceRef: entityRef,
  });

  const upload = async (file: File) => {
    setUploading(true);
    setOutcome(undefined);
    try {
      const text = await readFileText(file);
      if (!isJson(text)) {
        setOutcome({
          severity: 'error',
          message: `${file.name} is not JSON; upload the bundle-verification.json that verify-bundle.sh wrote, as it is.`,
        });
        return;
      }
      const { bundle } = await fleetApi.uploadBundleVerification(
        entityRef,
        text,
      );
      const verification = describeVerification(bundle);
      setOutcome({
        severity: bundle.verification === 'verified' ? 'success' : 'error',
        message: `The bundle to ${
          bundle.target
        }: ${verification.word.toLocaleLowerCase('en-US')}${
          verification.detail ? `. ${verification.detail}` : ''
        }.`,
      });
      onUploaded();
    } catch (e) {
      setOutcome({ severity: 'error', message: describeRequestError(e) });
    } finally {
      setUploading(false);
    }
  };

  return (
    <Box sx={{ mt: 3 }}>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        The customer's check
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        On site, <code>verify-bundle.sh</code> checks every file against{' '}
        <code>SHA256SUMS</code> and writes <code>bundle-verification.json</code>
        . It arrives through the fleet inbox, or upload it here.
      </Typography>
      {!permission.loading && !permission.allowed ? (
        <Typography variant="body2" color="text.secondary">
          You may not upload a verification for {entity.metadata.name}{' '}
          (permission {fleetReportCreatePermission.name}).
        </Typography>
      ) : (
        <>
          <Button
            variant="outlined"
            size="small"
            disabled={permission.loading || uploading}
            onClick={() => fileInput.current?.click()}
          >
            {uploading ? 'Uploading…' : 'Upload bundle verification'}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            aria-label="Bundle verification file"
            onChange={event => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) {
                upload(file);
              }
            }}
          />
        </>
      )}
      {outcome ? (
        <Alert severity={outcome.severity} sx={{ mt: 2 }}>
          {outcome.message}
        </Alert>
      ) : null}
    </Box>
  );
}
