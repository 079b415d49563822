import { useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CodeSnippet,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  fleetDeploymentReadPermission,
  fleetReportCreatePermission,
  type CustomerDeploymentEntity,
  type DeploymentValuesObservation,
} from '@fleetdeck/plugin-fleet-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { fleetApiRef } from '../../api';
import { describeRequestError, isNotAllowed } from '../shared/describeApiError';
import { FactList } from '../shared/FactList';
import { formatTimestamp } from '../shared/fleetStatus';
import { NotAllowedPanel } from '../shared/NotAllowedPanel';
import { readFileText } from '../shared/readFileText';

const TITLE = 'Values on record';

/** The largest values document the backend keeps. */
export const MAX_VALUES_BYTES = 256 * 1024;

const SOURCE_WORDS: Record<DeploymentValuesObservation['source'], string> = {
  onboarding: 'Generated at onboarding',
  upload: 'Uploaded',
};

/**
 * The Helm values the portal keeps for the deployment — where they came from, when, and the
 * document itself — and a way to replace them with the customer's current `values.yaml`
 * (chosen or pasted), since the plan migrates exactly these values. The backend refuses a
 * document with a secret value; its message is shown as it is. `onSaved` runs after a save.
 */
export function ValuesPanel(props: {
  entity: CustomerDeploymentEntity;
  onSaved: () => void;
  /** Told the document on record whenever it is (re)loaded: the plan's first diff starts there. */
  onLoaded?: (document: string | undefined) => void;
}) {
  const { entity, onSaved, onLoaded } = props;
  const name = entity.metadata.name;
  const entityRef = stringifyEntityRef(entity);
  const fleetApi = useApi(fleetApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => fleetApi.getValues(entityRef),
    [fleetApi, entityRef],
  );
  const document = value?.values?.document;
  useEffect(() => onLoaded?.(document), [onLoaded, document]);

  let body: JSX.Element;
  if (loading && !value) {
    body = <Progress />;
  } else if (isNotAllowed(error)) {
    return (
      <NotAllowedPanel
        title={TITLE}
        action="read the values on record"
        permission={fleetDeploymentReadPermission.name}
        deployment={name}
      />
    );
  } else if (error || !value) {
    body = (
      <ResponseErrorPanel
        title={`Could not load the values of ${name}`}
        error={error ?? new Error('No answer')}
      />
    );
  } else {
    body = <RecordedValues name={name} values={value.values} />;
  }

  return (
    <InfoCard title={TITLE}>
      <Box component="section" aria-label={TITLE}>
        {body}
      </Box>
      <ValuesUpload
        entity={entity}
        onSaved={() => {
          retry();
          onSaved();
        }}
      />
    </InfoCard>
  );
}

function RecordedValues(props: {
  name: string;
  values: DeploymentValuesObservation | undefined;
}) {
  const { name, values } = props;
  const [shown, setShown] = useState(false);
  if (!values) {
    return (
      <Typography variant="body2" color="text.secondary">
        No values of {name} are on record, so the plan cannot rewrite them for
        each step. Upload the customer's current <code>values.yaml</code> below.
      </Typography>
    );
  }
  return (
    <>
      <FactList
        facts={[
          { label: 'Source', value: SOURCE_WORDS[values.source] },
          { label: 'Recorded', value: formatTimestamp(values.recordedAt) },
          { label: 'sha256', value: <code>{values.sha256.slice(0, 12)}</code> },
        ]}
      />
      <Button size="small" sx={{ mt: 1 }} onClick={() => setShown(!shown)}>
        {shown ? 'Hide the values' : 'View the values'}
      </Button>
      {shown ? <CodeSnippet text={values.document} language="yaml" /> : null}
    </>
  );
}

/** Replacing the values: a file or pasted text, saved with `fleet.report.create`. */
function ValuesUpload(props: {
  entity: CustomerDeploymentEntity;
  onSaved: () => void;
}) {
  const { entity, onSaved } = props;
  const name = entity.metadata.name;
  const entityRef = stringifyEntityRef(entity);
  const fleetApi = useApi(fleetApiRef);
  const fileInput = useRef<HTMLInputElement>(null);
  const [document, setDocument] = useState('');
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<
    { severity: 'success' | 'error'; message: string } | undefined
  >();
  const permission = usePermission({
    permission: fleetReportCreatePermission,
    resourceRef: entityRef,
  });

  if (permission.loading) {
    return null;
  }
  if (!permission.allowed) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
        You may not replace the values of {name} (permission{' '}
        {fleetReportCreatePermission.name}); ask the team that owns it.
      </Typography>
    );
  }

  const size = new Blob([document]).size;
  const tooLarge = size > MAX_VALUES_BYTES;
  const save = async () => {
    setSaving(true);
    setOutcome(undefined);
    try {
      await fleetApi.uploadValues(entityRef, document);
      setDocument('');
      setOutcome({
        severity: 'success',
        message: `The values of ${name} were saved; the plan now starts from them.`,
      });
      onSaved();
    } catch (e) {
      setOutcome({ severity: 'error', message: describeRequestError(e) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box sx={{ mt: 3 }}>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        Replace the values
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        The customer's current <code>values.yaml</code>, with Secrets referred
        to by name only: a license key, API key or password is refused.
      </Typography>
      <Button
        variant="outlined"
        size="small"
        onClick={() => fileInput.current?.click()}
      >
        Choose a values file
      </Button>
      <input
        ref={fileInput}
        type="file"
        accept=".yaml,.yml,text/yaml,application/yaml"
        hidden
        aria-label="Values file"
        onChange={event => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) {
            readFileText(file).then(setDocument, (e: Error) =>
              setOutcome({ severity: 'error', message: e.message }),
            );
          }
        }}
      />
      <TextField
        label="Values (YAML)"
        multiline
        minRows={4}
        maxRows={16}
        fullWidth
        margin="normal"
        value={document}
        onChange={event => setDocument(event.target.value)}
        error={tooLarge}
        helperText={
          tooLarge
            ? `${Math.ceil(
                size / 1024,
              )} KiB: the portal keeps values files up to 256 KiB.`
            : 'Choose a file or paste the document.'
        }
        inputProps={{ spellCheck: false, style: { fontFamily: 'monospace' } }}
      />
      <Button
        variant="contained"
        disabled={saving || tooLarge || document.trim() === ''}
        onClick={save}
      >
        {saving ? 'Saving…' : 'Save values'}
      </Button>
      {outcome ? (
        <Alert severity={outcome.severity} sx={{ mt: 2 }}>
          {outcome.message}
        </Alert>
      ) : null}
    </Box>
  );
}
