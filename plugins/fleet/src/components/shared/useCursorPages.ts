import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';

type Paging = {
  /** What the cursors belong to; any change of it starts again at page 0. */
  key: string;
  page: number;
  /** `cursors[n]` fetches page n (page 0 needs none). */
  cursors: Record<number, string>;
};

/**
 * Server-side paging by cursor, for a table that pages one step at a time: it loads the
 * current page, remembers the cursor of every page it has seen so the user can go back, and
 * starts again at the first page whenever `pagingKey` changes (other filters, another page
 * size, a refresh).
 *
 * `pagingKey` must stand for everything `load` depends on besides the cursor.
 */
export function useCursorPages<T extends { nextCursor?: string }>(
  pagingKey: string,
  load: (cursor: string | undefined) => Promise<T>,
) {
  const [stored, setPaging] = useState<Paging>({
    key: pagingKey,
    page: 0,
    cursors: {},
  });
  const paging: Paging =
    stored.key === pagingKey
      ? stored
      : { key: pagingKey, page: 0, cursors: {} };
  const cursor = paging.cursors[paging.page];

  const { value, loading, error } = useAsync(
    () => load(cursor),
    [pagingKey, cursor],
  );

  /** Moves one page on (when there is a next page) or back to a page already seen. */
  const goToPage = (page: number) => {
    if (loading || !value) {
      return;
    }
    if (page === paging.page + 1 && value.nextCursor) {
      setPaging({
        ...paging,
        page,
        cursors: { ...paging.cursors, [page]: value.nextCursor },
      });
    } else if (page < paging.page && (page === 0 || paging.cursors[page])) {
      setPaging({ ...paging, page });
    }
  };

  return { value, loading, error, page: paging.page, goToPage };
}
