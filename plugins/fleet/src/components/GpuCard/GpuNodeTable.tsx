import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { GpuNodeObservation } from '@fleetdeck/plugin-fleet-common';
import {
  describeAllocatable,
  describeNodeState,
  describeSharing,
  formatGpuMemory,
} from './describeGpu';

/** The GPU nodes: model, memory, GPUs, sharing, driver and whether engine pods fit there. */
export function GpuNodeTable(props: { nodes: GpuNodeObservation[] }) {
  return (
    <Table size="small" aria-label="GPU nodes">
      <TableHead>
        <TableRow>
          <TableCell>Node</TableCell>
          <TableCell>Model</TableCell>
          <TableCell>Memory</TableCell>
          <TableCell>GPUs</TableCell>
          <TableCell>Sharing</TableCell>
          <TableCell>Driver</TableCell>
          <TableCell>State</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.nodes.map(node => (
          <TableRow key={node.name}>
            <TableCell>{node.name}</TableCell>
            <TableCell>{node.product ?? 'unlabelled'}</TableCell>
            <TableCell>{formatGpuMemory(node.memoryMiB)}</TableCell>
            <TableCell>
              {describeAllocatable(node)}
              {node.count !== undefined ? ` (${node.count} physical)` : ''}
            </TableCell>
            <TableCell>{describeSharing(node)}</TableCell>
            <TableCell>{node.driverVersion ?? '—'}</TableCell>
            <TableCell>{describeNodeState(node)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
