import { ReactNode } from 'react';
import { CodeSnippet } from '@backstage/core-components';
import {
  unifiedValuesDiff,
  type UpgradeStep,
} from '@fleetdeck/plugin-fleet-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import { UpgradeCheckList } from '../shared/UpgradeCheckList';
import { ValuesChangesTable } from './ValuesChangesTable';

/** Why the plan stops at a version. */
export const STEP_REASON_WORDS: Record<UpgradeStep['reason'], string> = {
  'required-intermediate': 'Required intermediate',
  target: 'Target',
};

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={props.title} sx={{ mt: 2 }}>
      <Typography variant="subtitle2" component="h4" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** Commands as one copyable block (one per line), or nothing when there are none. */
function Commands(props: { title: string; lines: string[] }) {
  if (props.lines.length === 0) {
    return null;
  }
  return (
    <Section title={props.title}>
      <CodeSnippet
        text={props.lines.join('\n')}
        language="bash"
        showCopyCodeButton
      />
    </Section>
  );
}

/**
 * One `helm upgrade` of the plan: its values changes, per-pod GPU changes, checks, the commands
 * before, for and after it, the migrated values, and how to roll back — restoring the database
 * first when the step migrates it.
 */
export function UpgradeStepView(props: {
  step: UpgradeStep;
  /** The values before this step: those on record, or the previous step's. */
  valuesBefore?: string;
}) {
  const { step, valuesBefore } = props;
  const diff =
    step.values !== undefined && valuesBefore !== undefined
      ? unifiedValuesDiff({
          before: valuesBefore,
          after: step.values,
          beforeName: `values before ${step.to}`,
          afterName: `values/${step.to}.yaml`,
        })
      : '';
  return (
    <Box>
      <Section title={`Values changes in ${step.to}`}>
        <ValuesChangesTable version={step.to} changes={step.valuesChanges} />
      </Section>
      {step.gpuChanges.length > 0 ? (
        <Section title="GPU changes">
          <List dense disablePadding>
            {step.gpuChanges.map(change => (
              <ListItem key={change.component} disableGutters>
                <Typography variant="body2">
                  <strong>{change.component}</strong>: {change.gpusPerPod}{' '}
                  {change.gpusPerPod === 1 ? 'GPU' : 'GPUs'} per pod from{' '}
                  {change.since}
                  {change.note ? `. ${change.note}` : ''}
                </Typography>
              </ListItem>
            ))}
          </List>
        </Section>
      ) : null}
      {step.checks.length > 0 ? (
        <Section title="Checks">
          <UpgradeCheckList
            checks={step.checks}
            label={`Checks for ${step.to}`}
          />
        </Section>
      ) : null}
      {step.migratesDatabase ? (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {step.to} migrates the database. Take a backup first (the preflight
          does); the rollback restores it.
        </Alert>
      ) : null}
      <Commands title="Before the upgrade" lines={step.commands.preflight} />
      <Commands
        title={`Upgrade to ${step.to}`}
        lines={[step.commands.upgrade]}
      />
      <Commands title="Verify" lines={step.commands.verify} />
      {diff ? (
        <Section title={`Values diff for ${step.to}`}>
          <CodeSnippet text={diff} language="diff" />
        </Section>
      ) : null}
      {step.values ? (
        <Section title={`Values for ${step.to}`}>
          <CodeSnippet text={step.values} language="yaml" showCopyCodeButton />
        </Section>
      ) : null}
      <Commands
        title={
          step.migratesDatabase
            ? `Roll back to ${step.from} (restores the database)`
            : `Roll back to ${step.from}`
        }
        lines={step.commands.rollback}
      />
    </Box>
  );
}
