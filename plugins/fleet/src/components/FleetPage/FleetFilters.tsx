import { useEffect, useId, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import OutlinedInput from '@mui/material/OutlinedInput';
import Select from '@mui/material/Select';
import TextField from '@mui/material/TextField';
import { describeProfile } from '../shared/describeDeployment';
import { statusWord } from '../status';
import {
  clearFilters,
  FleetView,
  isFiltered,
  REF_FILTER_KEYS,
  VOCABULARY_FILTER_KEYS,
  VOCABULARY_FILTERS,
  VocabularyFilter,
} from './fleetSearchParams';

const FILTER_LABELS: Record<VocabularyFilter, string> = {
  license: 'License',
  journal: 'Journals',
  gpu: 'GPU',
  upgrade: 'Upgrade',
  health: 'Health',
  profile: 'Profile',
};

const REF_LABELS = { customer: 'Customer', owner: 'Owner' } as const;

/** How a filter value reads: the status word, or the profile in words. */
export function filterValueLabel(key: VocabularyFilter, value: string): string {
  return key === 'profile' ? describeProfile(value) : statusWord(value);
}

/** How long typing pauses before the search is applied. */
const SEARCH_DELAY_MS = 300;

function VocabularySelect(props: {
  filter: VocabularyFilter;
  view: FleetView;
  onChange: (view: FleetView) => void;
}) {
  const { filter, view, onChange } = props;
  const labelId = useId();
  const label = FILTER_LABELS[filter];
  const selected = view[filter] as string[];
  return (
    <FormControl size="small" sx={{ minWidth: 150 }}>
      <InputLabel id={labelId}>{label}</InputLabel>
      <Select<string[]>
        multiple
        labelId={labelId}
        value={selected}
        input={<OutlinedInput label={label} />}
        renderValue={values =>
          values.map(value => filterValueLabel(filter, value)).join(', ')
        }
        onChange={event => {
          const { value } = event.target;
          const values = typeof value === 'string' ? value.split(',') : value;
          onChange({ ...view, [filter]: values });
        }}
      >
        {VOCABULARY_FILTERS[filter].map(value => (
          <MenuItem key={value} value={value} dense>
            <Checkbox size="small" checked={selected.includes(value)} />
            <ListItemText primary={filterValueLabel(filter, value)} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/**
 * Search as you type, applied once typing pauses. The text follows the URL when it changes
 * from elsewhere (a tile, "clear filters", the back button).
 */
function SearchField(props: {
  view: FleetView;
  onChange: (view: FleetView) => void;
}) {
  const { view, onChange } = props;
  const [text, setText] = useState(view.q);
  const applied = useRef(view.q);

  useEffect(() => {
    if (view.q !== applied.current) {
      applied.current = view.q;
      setText(view.q);
    }
  }, [view.q]);

  useDebounce(
    () => {
      if (text.trim() !== applied.current) {
        applied.current = text.trim();
        onChange({ ...view, q: text.trim() });
      }
    },
    SEARCH_DELAY_MS,
    [text],
  );

  return (
    <TextField
      size="small"
      type="search"
      label="Search"
      placeholder="Name, title, customer or owner"
      value={text}
      onChange={event => setText(event.target.value)}
      sx={{ minWidth: 260 }}
    />
  );
}

/** The fleet's filters: free-text search, one multi-select per signal and the profile. */
export function FleetFilters(props: {
  view: FleetView;
  onChange: (view: FleetView, options?: { replace?: boolean }) => void;
}) {
  const { view, onChange } = props;
  return (
    <Box
      component="section"
      aria-label="Filters"
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 2,
        alignItems: 'center',
        mb: 2,
      }}
    >
      <SearchField
        view={view}
        onChange={next => onChange(next, { replace: true })}
      />
      {VOCABULARY_FILTER_KEYS.map(filter => (
        <VocabularySelect
          key={filter}
          filter={filter}
          view={view}
          onChange={onChange}
        />
      ))}
      {REF_FILTER_KEYS.flatMap(key =>
        view[key].map(ref => (
          <Chip
            key={`${key}:${ref}`}
            label={`${REF_LABELS[key]}: ${ref}`}
            onDelete={() =>
              onChange({
                ...view,
                [key]: view[key].filter(other => other !== ref),
              })
            }
          />
        )),
      )}
      {isFiltered(view) ? (
        <Button onClick={() => onChange(clearFilters(view))}>
          Clear filters
        </Button>
      ) : null}
    </Box>
  );
}
