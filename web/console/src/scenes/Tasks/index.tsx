// The call list (P00) and the other staff tasks: filter by kind and status on the server,
// complete a task with its outcome ("recontacted" on a P00 starts the E07 follow-up).
import { Button, Group, Modal, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { formatDate } from '../../components/format';
import { Pager } from '../../components/Pager';
import { SortableTh, useSort } from '../../components/SortableTh';
import { Empty, ErrorNote, Loading } from '../../components/States';
import { StatusBadge } from '../../components/StatusBadge';
import { useCursorPages } from '../../components/useCursorPages';
import { useLocation, useSession } from '../../session';

const KINDS = ['P00', 'P01', 'E06', 'V01_SALES'] as const;
const STATUSES = ['open', 'done', 'cancelled'] as const;
const OUTCOMES = ['recontacted', 'no_answer', 'wrong_number', 'lost', 'done'] as const;
type Outcome = (typeof OUTCOMES)[number];

export default function Tasks() {
  const { t } = useTranslation();
  const location = useLocation();
  const { can } = useSession();
  const client = useQueryClient();
  const [kind, setKind] = useState<string | null>('P00');
  const [status, setStatus] = useState<string>('open');
  const sorting = useSort<'due_on' | 'kind' | 'customer_name' | 'customer_phone' | 'status'>('-due_on');
  const pages = useCursorPages(`${location.id}:${kind}:${status}:${sorting.sort ?? ''}`);
  const [completing, setCompleting] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome>('recontacted');
  const [note, setNote] = useState('');

  const tasks = useQuery({
    queryKey: ['tasks', location.id, kind, status, sorting.sort, pages.cursor],
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/tasks', {
          params: {
            path: { locationId: location.id },
            query: {
              limit: 25,
              status: status as (typeof STATUSES)[number],
              ...(sorting.sort ? { sort: sorting.sort } : {}),
              ...(kind ? { kind: kind as (typeof KINDS)[number] } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
  });
  const complete = useMutation({
    mutationFn: (id: number) =>
      call(
        api.POST('/api/v1/tasks/{taskId}/complete', {
          params: { path: { taskId: id } },
          body: { outcome, note },
        }),
      ),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('tasks.completed') });
      setCompleting(null);
      setNote('');
      await client.invalidateQueries({ queryKey: ['tasks'] });
    },
  });

  return (
    <Stack>
      <Title order={2}>{t('tasks.title')}</Title>
      <Group>
        <Select
          label={t('tasks.kind')}
          data={[
            { value: '', label: t('common.all') },
            ...KINDS.map((k) => ({ value: k, label: `${k} · ${t(`kinds.${k}`)}` })),
          ]}
          value={kind ?? ''}
          onChange={(v) => setKind(v || null)}
          allowDeselect={false}
          w={320}
        />
        <Select
          label={t('tasks.status')}
          data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status}
          onChange={(v) => v && setStatus(v)}
          allowDeselect={false}
        />
      </Group>
      <ErrorNote error={tasks.error} />
      {tasks.isPending ? (
        <Loading />
      ) : tasks.data && tasks.data.items.length === 0 ? (
        <Empty title={t('tasks.emptyTitle')} next={t('tasks.emptyNext')} />
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <SortableTh label={t('tasks.due')} {...sorting.header('due_on')} />
              <SortableTh label={t('tasks.kind')} {...sorting.header('kind')} />
              <SortableTh label={t('message.customer')} {...sorting.header('customer_name')} />
              <SortableTh label={t('customer.phone')} {...sorting.header('customer_phone')} />
              <SortableTh label={t('tasks.status')} {...sorting.header('status')} />
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.data?.items.map((task) => (
              <Table.Tr key={task.id} data-testid={`task-${task.id}`}>
                <Table.Td>{formatDate(task.due_on)}</Table.Td>
                <Table.Td>{t(`kinds.${task.kind}`, { defaultValue: task.kind })}</Table.Td>
                <Table.Td>
                  {task.customer_id ? (
                    <Link to={`/customers/${task.customer_id}`}>
                      {task.customer_name ?? `#${task.customer_id}`}
                    </Link>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>{task.customer_phone ?? '—'}</Table.Td>
                <Table.Td>
                  <StatusBadge status={task.status} />
                  {task.outcome && (
                    <Text span size="sm" ml="xs">
                      {t(`outcomes.${task.outcome}`, { defaultValue: task.outcome })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {task.status === 'open' && can('tasks.write') && (
                    <Button size="xs" onClick={() => setCompleting(task.id)}>
                      {t('tasks.complete')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager
        page={pages.page}
        hasNext={!!tasks.data?.next_cursor}
        onPrevious={pages.previous}
        onNext={() => pages.next(tasks.data?.next_cursor)}
      />
      <Modal opened={completing !== null} onClose={() => setCompleting(null)} title={t('tasks.complete')}>
        <Stack>
          <ErrorNote error={complete.error} />
          <Select
            label={t('tasks.outcome')}
            data={OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) }))}
            value={outcome}
            onChange={(v) => v && setOutcome(v as Outcome)}
            allowDeselect={false}
          />
          {outcome === 'recontacted' && (
            <Text size="sm" c="gray.7">
              {t('tasks.recontactedHint')}
            </Text>
          )}
          <Textarea label={t('tasks.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button
            loading={complete.isPending}
            onClick={() => completing !== null && complete.mutate(completing)}
          >
            {t('tasks.confirmComplete')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
