import type {
  CheckOutcome,
  UpgradeCheck,
} from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import { CheckOutcomeLabel } from '../status';

const OUTCOME_ORDER: Record<CheckOutcome, number> = {
  fail: 0,
  warn: 1,
  unknown: 2,
  pass: 3,
};

/** Checks that need attention first (fail, warn, unknown, pass); otherwise as the backend sent them. */
export function sortChecks(checks: UpgradeCheck[]): UpgradeCheck[] {
  return [...checks].sort(
    (a, b) => (OUTCOME_ORDER[a.outcome] ?? 2) - (OUTCOME_ORDER[b.outcome] ?? 2),
  );
}

/**
 * Upgrade checks as readiness judges them, failures first: each with its outcome in words, title,
 * message and fix. The readiness card and each step of the upgrade plan show them alike.
 */
export function UpgradeCheckList(props: {
  checks: UpgradeCheck[];
  /** The list's accessible name, telling one list of checks from another on the page. */
  label: string;
}) {
  const { checks, label } = props;
  return (
    <List dense disablePadding aria-label={label}>
      {sortChecks(checks).map(check => (
        <ListItem
          key={check.id}
          divider
          disableGutters
          sx={{ display: 'block' }}
        >
          <Box
            sx={{
              display: 'flex',
              flexWrap: 'wrap',
              alignItems: 'baseline',
              columnGap: 1.5,
            }}
          >
            <CheckOutcomeLabel outcome={check.outcome} />
            <Typography variant="subtitle2" component="span">
              {check.title}
            </Typography>
          </Box>
          <Typography variant="body2">{check.message}</Typography>
          {check.fix ? (
            <Typography variant="body2" color="text.secondary">
              Fix: {check.fix}
            </Typography>
          ) : null}
        </ListItem>
      ))}
    </List>
  );
}
