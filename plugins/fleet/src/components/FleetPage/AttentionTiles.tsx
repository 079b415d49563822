import { DeploymentSummary } from '@fleetdeck/plugin-fleet-common';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { StatusIcon } from '../status';
import {
  ATTENTION_TILES,
  isTileActive,
  tileCount,
  toggleTile,
} from './attention';
import { FleetView } from './fleetSearchParams';

/**
 * One tile per kind of attention, counted over the filtered fleet. Each tile is a toggle
 * button: pressing it filters the fleet to what it counts, pressing it again removes the
 * filter.
 */
export function AttentionTiles(props: {
  summary: DeploymentSummary;
  view: FleetView;
  onChange: (view: FleetView) => void;
}) {
  const { summary, view, onChange } = props;
  return (
    <Box
      component="section"
      aria-label="Needs attention"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(11rem, 1fr))',
        gap: 2,
        mb: 3,
      }}
    >
      {ATTENTION_TILES.map(tile => {
        const count = tileCount(tile, summary);
        const active = isTileActive(tile, view);
        return (
          <Card
            key={tile.id}
            variant="outlined"
            sx={{
              borderWidth: active ? 2 : 1,
              borderColor: active ? 'primary.main' : undefined,
            }}
          >
            <CardActionArea
              aria-pressed={active}
              data-testid={`tile-${tile.id}`}
              onClick={() => onChange(toggleTile(tile, view))}
              sx={{ height: '100%' }}
            >
              <CardContent>
                <Typography variant="h4" component="p">
                  {count}
                </Typography>
                <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 0.5 }}>
                  <StatusIcon tone={count > 0 ? tile.tone : 'ok'} />
                  <Typography variant="subtitle2" component="span">
                    {tile.label}
                  </Typography>
                </Box>
                <Typography variant="caption" color="text.secondary">
                  {tile.description}
                </Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        );
      })}
    </Box>
  );
}
