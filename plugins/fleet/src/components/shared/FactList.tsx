import { Fragment, ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** One labelled fact on a card. */
export type Fact = {
  label: string;
  value: ReactNode;
};

/**
 * Facts as a definition list (`<dl>`): labels in a narrow column, values beside them, so the
 * card reads as "Customer: Acme" and assistive technology hears term/definition pairs.
 */
export function FactList(props: { facts: Fact[] }) {
  return (
    <Box
      component="dl"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'minmax(7rem, max-content) 1fr',
        columnGap: 3,
        rowGap: 1.5,
        alignItems: 'baseline',
        m: 0,
      }}
    >
      {props.facts.map(fact => (
        <Fragment key={fact.label}>
          <Typography component="dt" variant="subtitle2" color="text.secondary">
            {fact.label}
          </Typography>
          <Typography
            component="dd"
            variant="body2"
            sx={{ m: 0, overflowWrap: 'anywhere' }}
          >
            {fact.value}
          </Typography>
        </Fragment>
      ))}
    </Box>
  );
}
