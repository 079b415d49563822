/**
 * The Backstage `Table` props of a table whose rows the backend pages: one page of rows, a
 * page-size picker, and "previous / next" only (pages are fetched by cursor, so there is no
 * jumping to the last page). The table reports a size change and a page change through one
 * callback; they are told apart here.
 */
export function serverPagingProps(options: {
  page: number;
  pageSize: number;
  pageSizeOptions: number[];
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}) {
  const { page, pageSize, pageSizeOptions, onPageChange, onPageSizeChange } =
    options;
  return {
    page,
    options: {
      paging: true,
      pageSize,
      pageSizeOptions,
      paginationType: 'normal' as const,
      showFirstLastPageButtons: false,
      emptyRowsWhenPaging: false,
    },
    onPageChange: (nextPage: number, nextPageSize: number) => {
      if (nextPageSize !== pageSize) {
        onPageSizeChange(nextPageSize);
      } else if (nextPage !== page) {
        onPageChange(nextPage);
      }
    },
  };
}
