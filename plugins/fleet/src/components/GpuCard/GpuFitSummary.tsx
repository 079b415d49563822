import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { GpuFit } from '@fleetdeck/plugin-fleet-common';
import {
  describeEnginePod,
  describeFitBasis,
  describeScaleUp,
} from './describeGpuFit';

/**
 * The scale-up answer first (how many more engine pods fit now), then what one engine pod
 * asks for, how the answer was reached, and the caveats a reader must know.
 */
export function GpuFitSummary(props: { fit: GpuFit }) {
  const { fit } = props;
  const basis = describeFitBasis(fit);
  return (
    <Box component="section" aria-label="Scale-up" sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="p">
        {describeScaleUp(fit)}
      </Typography>
      <Typography variant="body2" color="text.secondary" component="p">
        {describeEnginePod(fit)}
        {basis ? ` ${basis}` : ''}
      </Typography>
      {fit.notes.length > 0 ? (
        <Box component="ul" aria-label="Caveats" sx={{ mt: 1, mb: 0, pl: 3 }}>
          {fit.notes.map(note => (
            <Typography key={note} component="li" variant="body2">
              {note}
            </Typography>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
