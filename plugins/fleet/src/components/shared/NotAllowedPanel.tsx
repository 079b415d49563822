import { InfoCard, WarningPanel } from '@backstage/core-components';
import { describeNotAllowed, NotAllowedContext } from './describeApiError';

/**
 * What a card or section shows instead of its content when the user may not see it: the
 * refusal in words (see {@link describeNotAllowed}), inside an `InfoCard` when given a title.
 */
export function NotAllowedPanel(props: NotAllowedContext & { title?: string }) {
  const { title, ...context } = props;
  const panel = (
    <WarningPanel
      severity="info"
      defaultExpanded
      title="Not allowed"
      message={describeNotAllowed(context)}
    />
  );
  return title ? <InfoCard title={title}>{panel}</InfoCard> : panel;
}
