import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { GpuSizingSignal } from '@fleetdeck/plugin-fleet-common';
import { FactList } from '../shared/FactList';
import { StatusIcon } from '../status';
import {
  describeExpectedLoad,
  describeSizingSource,
  describeTierName,
  describeTierShape,
  sizingVerdict,
} from './describeGpuSizing';

/**
 * The expected load against the release policy's sizing table: the tier it calls for, whether
 * the deployment as declared matches it, and the evaluator's message saying why.
 */
export function GpuSizing(props: { sizing: GpuSizingSignal }) {
  const { sizing } = props;
  const { tier } = sizing;
  const verdict = sizingVerdict(sizing);
  return (
    <>
      <FactList
        facts={[
          { label: 'Expected load', value: describeExpectedLoad(sizing) },
          {
            label: 'Tier',
            value: (
              <>
                {describeTierName(tier)}, from {describeSizingSource(sizing)}
                {tier.note ? (
                  <Typography
                    component="span"
                    variant="caption"
                    color="text.secondary"
                    display="block"
                  >
                    {tier.note}
                  </Typography>
                ) : null}
              </>
            ),
          },
          { label: 'The tier needs', value: describeTierShape(tier) },
          {
            label: 'Verdict',
            value: (
              <Box
                component="span"
                data-verdict={sizing.verdict}
                sx={{ display: 'inline-flex', alignItems: 'baseline' }}
              >
                <StatusIcon tone={verdict.tone} />
                {verdict.word}
              </Box>
            ),
          },
        ]}
      />
      <Typography variant="body2" component="p" sx={{ mt: 1.5 }}>
        {sizing.message}
      </Typography>
    </>
  );
}
