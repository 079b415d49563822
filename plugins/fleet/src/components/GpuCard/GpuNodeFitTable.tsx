import { ReactNode, useMemo, useState } from 'react';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import type {
  GpuFit,
  GpuNodeFit,
  GpuNodeObservation,
} from '@fleetdeck/plugin-fleet-common';
import {
  describeCounted,
  describeFree,
  describeIsolation,
  describeNodePods,
  describeUnitMemory,
} from './describeGpuFit';

type SortValue = string | number | undefined;

type Column = {
  label: string;
  /** What the column sorts by; the rendered text where that reads the same. */
  sortValue: (node: GpuNodeFit) => SortValue;
  render: (node: GpuNodeFit) => ReactNode;
  /** Kept on one line: a node's name, `1 of 4 free`. */
  noWrap?: boolean;
};

function Lines(props: { lines: string[] }) {
  return (
    <>
      {props.lines.map(line => (
        <Typography key={line} component="span" variant="body2" display="block">
          {line}
        </Typography>
      ))}
    </>
  );
}

function columnsFor(
  resourceName: string,
  driverOf: (node: string) => string | undefined,
): Column[] {
  return [
    {
      label: 'Node',
      sortValue: node => node.node,
      render: node => node.node,
      noWrap: true,
    },
    {
      label: 'Product',
      sortValue: node => node.product,
      render: node => {
        const driver = driverOf(node.node);
        return (
          <>
            {node.product ?? 'unlabelled'}
            {driver ? (
              <Typography
                component="span"
                variant="caption"
                color="text.secondary"
                display="block"
              >
                driver {driver}
              </Typography>
            ) : null}
          </>
        );
      },
    },
    {
      label: 'GPU memory',
      sortValue: node => node.unitMemoryMiB,
      render: describeUnitMemory,
    },
    {
      label: 'Physical GPUs',
      sortValue: node => node.physicalGpus,
      render: node => node.physicalGpus ?? '—',
    },
    {
      label: 'Shared or sliced',
      sortValue: node => describeIsolation(node, resourceName),
      render: node => describeIsolation(node, resourceName),
    },
    {
      label: 'Free',
      sortValue: node => node.free,
      render: describeFree,
      noWrap: true,
    },
    {
      label: 'Counted',
      // Counted nodes first, then the excluded ones by their reason.
      sortValue: node => (node.counts ? '' : describeCounted(node)),
      render: describeCounted,
    },
    {
      label: "This deployment's pods",
      sortValue: node => node.running.length + node.placed.length,
      render: node => <Lines lines={describeNodePods(node)} />,
    },
  ];
}

/** Numbers by value, text in natural order (`gpu-2` before `gpu-10`). */
function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** Sorted by one column; nodes without a value for it come last in either direction. */
function sortNodes(
  nodes: GpuNodeFit[],
  column: Column,
  direction: 'asc' | 'desc',
): GpuNodeFit[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...nodes].sort((a, b) => {
    const left = column.sortValue(a);
    const right = column.sortValue(b);
    if (left === undefined || right === undefined) {
      return Number(left === undefined) - Number(right === undefined);
    }
    return sign * compareValues(left, right);
  });
}

/**
 * Every GPU node as the packing saw it, sortable by any column: product, the memory of one
 * unit of the deployment's resource, physical GPUs, how they are shared or sliced, what is
 * free, whether the node counts (and why not), and this deployment's pods there.
 */
export function GpuNodeFitTable(props: {
  fit: GpuFit;
  /** The observed nodes, for what the fit does not carry (the driver). */
  observed?: GpuNodeObservation[];
}) {
  const { fit, observed } = props;
  const columns = useMemo(() => {
    const drivers = new Map(
      (observed ?? []).map(node => [node.name, node.driverVersion]),
    );
    return columnsFor(fit.resourceName, node => drivers.get(node));
  }, [fit.resourceName, observed]);
  const [sort, setSort] = useState<{
    label: string;
    direction: 'asc' | 'desc';
  }>({ label: 'Node', direction: 'asc' });
  const sortColumn =
    columns.find(column => column.label === sort.label) ?? columns[0];
  const rows = useMemo(
    () => sortNodes(fit.nodes, sortColumn, sort.direction),
    [fit.nodes, sortColumn, sort.direction],
  );
  const sortBy = (label: string) =>
    setSort(current => ({
      label,
      direction:
        current.label === label && current.direction === 'asc' ? 'desc' : 'asc',
    }));

  return (
    <TableContainer>
      <Table
        size="small"
        aria-label="GPU nodes"
        // Cards break words anywhere; the table breaks between words, and never in a name.
        sx={{ '& th, & td': { wordBreak: 'normal' } }}
      >
        <TableHead>
          <TableRow>
            {columns.map(column => {
              const active = column.label === sortColumn.label;
              return (
                <TableCell
                  key={column.label}
                  sortDirection={active ? sort.direction : false}
                >
                  <TableSortLabel
                    active={active}
                    direction={active ? sort.direction : 'asc'}
                    onClick={() => sortBy(column.label)}
                  >
                    {column.label}
                  </TableSortLabel>
                </TableCell>
              );
            })}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(node => (
            <TableRow key={node.node}>
              {columns.map(column => (
                <TableCell
                  key={column.label}
                  sx={column.noWrap ? { whiteSpace: 'nowrap' } : undefined}
                >
                  {column.render(node)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
