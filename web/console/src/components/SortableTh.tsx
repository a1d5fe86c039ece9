// A sortable column header for server-sorted lists: a button in the Mantine Table.Th that cycles
// the API's `sort` parameter (ascending, descending) and announces the order with aria-sort.
import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The list's sort as the API takes it: `column` or `-column`; undefined = the list's default. */
export function useSort<C extends string>(initial?: `${'' | '-'}${C}`) {
  const [sort, setSort] = useState<`${'' | '-'}${C}` | undefined>(initial);
  /** Clicking a column sorts by it ascending; clicking it again reverses it. */
  const toggle = (column: C) => setSort(sort === column ? (`-${column}` as `-${C}`) : (column as `${C}`));
  return {
    sort,
    toggle,
    /** The props of the column's SortableTh. */
    header: (column: C) => ({
      column,
      direction: sort === column ? ('asc' as const) : sort === `-${column}` ? ('desc' as const) : null,
      onSort: () => toggle(column),
    }),
  };
}

export function SortableTh({
  label,
  direction,
  onSort,
  column,
}: {
  label: string;
  column: string;
  direction: 'asc' | 'desc' | null;
  onSort(): void;
}) {
  const { t } = useTranslation();
  return (
    <Table.Th
      aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}
      data-sort-column={column}
    >
      <UnstyledButton
        onClick={onSort}
        title={t(direction === 'asc' ? 'sorting.descending' : 'sorting.ascending', { column: label })}
      >
        <Group gap={4} wrap="nowrap">
          <Text fw={700} size="sm">
            {label}
          </Text>
          <Text span size="xs" aria-hidden>
            {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
          </Text>
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
