// Server-side paging with the API's keyset cursors: remembers the cursors of the pages seen so
// "previous" works without asking the server for offsets.
import { useState } from 'react';

export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | undefined)[] }>({
    key: resetKey,
    stack: [undefined],
  });
  const stack = state.key === resetKey ? state.stack : [undefined];
  const cursor = stack[stack.length - 1];
  return {
    cursor,
    page: stack.length,
    next(nextCursor: string | null | undefined) {
      if (nextCursor) setState({ key: resetKey, stack: [...stack, nextCursor] });
    },
    previous() {
      if (stack.length > 1) setState({ key: resetKey, stack: stack.slice(0, -1) });
    },
  };
}

/** The Pager's props for a list answer with a `next_cursor`. */
export function pagerOf(pages: ReturnType<typeof useCursorPages>, nextCursor: string | null | undefined) {
  return {
    page: pages.page,
    hasNext: !!nextCursor,
    onPrevious: pages.previous,
    onNext: () => pages.next(nextCursor),
  };
}
