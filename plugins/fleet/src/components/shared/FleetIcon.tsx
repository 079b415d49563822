import SvgIcon, { SvgIconProps } from '@mui/material/SvgIcon';

/** Three stacked servers: the fleet in the sidebar and the page header. */
export function FleetIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M4 3h16a1 1 0 0 1 1 1v4a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Zm1 2v2h14V5H5Zm-1 5h16a1 1 0 0 1 1 1v4a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-4a1 1 0 0 1 1-1Zm1 2v2h14v-2H5Zm-1 5h16a1 1 0 0 1 1 1v3a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-3a1 1 0 0 1 1-1Zm1 2v1h14v-1H5Zm2-13h2v1H7V6Zm0 7h2v1H7v-1Zm0 6h2v1H7v-1Z" />
    </SvgIcon>
  );
}
