// The frame of a list screen with a "New" button (promotions, campaigns): title, the list's error,
// loading, the empty state that says what to do next, the table, and the pager. And the row
// action that says it worked and refreshes the list.
import { Button, Group, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from './Pager';
import { Empty, ErrorNote, Loading } from './States';

export function ListPage(props: {
  title: string;
  /** The "New" button's label; shown when `onNew` is given (the user may write). */
  newLabel: string;
  onNew?: () => void;
  error: unknown;
  pending: boolean;
  empty: { title: string; next: string } | null;
  pager: { page: number; hasNext: boolean; onPrevious(): void; onNext(): void };
  children: ReactNode;
  /** Dialogs opened from the list. */
  dialogs?: ReactNode;
}) {
  const newButton = props.onNew && <Button onClick={props.onNew}>{props.newLabel}</Button>;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{props.title}</Title>
        {newButton}
      </Group>
      <ErrorNote error={props.error} />
      {props.pending ? (
        <Loading />
      ) : props.empty ? (
        <Empty title={props.empty.title} next={props.empty.next} action={newButton} />
      ) : (
        props.children
      )}
      <Pager {...props.pager} />
      {props.dialogs}
    </Stack>
  );
}

/** A row action (end, cancel): on success a green note says so and the list is fetched again. */
export function useRowAction(action: (id: number) => Promise<unknown>, done: string, listKey: QueryKey) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: done,
        closeButtonProps: { 'aria-label': t('common.close') },
      });
      await client.invalidateQueries({ queryKey: listKey });
    },
  });
}
