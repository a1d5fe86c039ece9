// Today: what the daily run decided for today (sent, held with the reason, failed, bounced) and
// the coming days' queue with why each message is due.
import {
  Card,
  Group,
  Pagination,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { formatDate, formatDateTime, formatNumber, todayIn } from '../../components/format';
import { Pager } from '../../components/Pager';
import { SortableTh, useSort } from '../../components/SortableTh';
import { Empty, ErrorNote, Loading } from '../../components/States';
import { StatusBadge } from '../../components/StatusBadge';
import { useCursorPages } from '../../components/useCursorPages';
import { useLocation } from '../../session';

/** The coming days' queue is computed whole (a preview); it is shown a page at a time. */
const QUEUE_PAGE = 25;
const FILTERS = ['all', 'sent', 'held', 'failed', 'bounced', 'pending'] as const;
type Filter = (typeof FILTERS)[number];

export default function Today() {
  const { t } = useTranslation();
  const location = useLocation();
  const today = todayIn(location.time_zone);
  const [filter, setFilter] = useState<Filter>('all');
  const [queuePage, setQueuePage] = useState(1);
  const sorting = useSort<'kind' | 'channel' | 'status' | 'sent_at'>();
  const pages = useCursorPages(`${location.id}:${filter}:${sorting.sort ?? ''}`);

  const stats = useQuery({
    queryKey: ['stats', location.id, today, today],
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/stats', {
          params: { path: { locationId: location.id }, query: { from: today, to: today } },
        }),
      ),
  });
  const messages = useQuery({
    queryKey: ['messages', location.id, today, filter, sorting.sort, pages.cursor],
    queryFn: () =>
      call(
        api.GET('/api/v1/messages', {
          params: {
            query: {
              location_id: location.id,
              due_from: today,
              due_to: today,
              limit: 25,
              ...(sorting.sort ? { sort: sorting.sort } : {}),
              ...(filter !== 'all' ? { status: filter } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
  });
  const queue = useQuery({
    queryKey: ['send-queue', location.id, today],
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/send-queue', {
          params: {
            path: { locationId: location.id },
            query: { from: todayIn(location.time_zone, 1), days: 7 },
          },
        }),
      ),
  });
  const byStatus = (stats.data?.totals.byStatus ?? {}) as Record<string, number>;

  return (
    <Stack>
      <Title order={2}>{t('today.title', { date: formatDate(today) })}</Title>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        {(['sent', 'held', 'failed', 'bounced', 'pending'] as const).map((s) => (
          <Card key={s} withBorder padding="sm">
            <Text size="sm" c="gray.7">
              {t(`status.${s}`)}
            </Text>
            <Text size="xl" fw={700} data-testid={`count-${s}`}>
              {formatNumber(byStatus[s] ?? 0)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Group justify="space-between">
        <Title order={3}>{t('today.decided')}</Title>
        <SegmentedControl
          aria-label={t('today.filter')}
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data={FILTERS.map((f) => ({ value: f, label: f === 'all' ? t('common.all') : t(`status.${f}`) }))}
        />
      </Group>
      <ErrorNote error={messages.error} />
      {messages.isPending ? (
        <Loading />
      ) : messages.data && messages.data.items.length === 0 ? (
        <Empty title={t('today.noneTitle')} next={t('today.noneNext')} />
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <SortableTh label={t('message.kind')} {...sorting.header('kind')} />
              <SortableTh label={t('message.channel')} {...sorting.header('channel')} />
              <Table.Th>{t('message.recipient')}</Table.Th>
              <SortableTh label={t('message.status')} {...sorting.header('status')} />
              <SortableTh label={t('message.sentAt')} {...sorting.header('sent_at')} />
              <Table.Th>{t('message.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {messages.data?.items.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{t(`kinds.${m.kind}`, { defaultValue: m.kind })}</Table.Td>
                <Table.Td>{t(`channels.${m.channel}`, { defaultValue: m.channel })}</Table.Td>
                <Table.Td>
                  {m.customer_id ? (
                    <Link to={`/customers/${m.customer_id}`}>{m.recipient_email ?? `#${m.customer_id}`}</Link>
                  ) : (
                    (m.recipient_email ?? '—')
                  )}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={m.status} />
                </Table.Td>
                <Table.Td>{formatDateTime(m.sent_at, location.time_zone)}</Table.Td>
                <Table.Td>{m.reason ? t(`reasons.${m.reason}`, { defaultValue: m.reason }) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager
        page={pages.page}
        hasNext={!!messages.data?.next_cursor}
        onPrevious={pages.previous}
        onNext={() => pages.next(messages.data?.next_cursor)}
      />

      <Title order={3}>{t('today.coming')}</Title>
      <ErrorNote error={queue.error} />
      {queue.isPending ? (
        <Loading />
      ) : queue.data && queue.data.items.length === 0 ? (
        <Empty title={t('today.queueEmptyTitle')} next={t('today.queueEmptyNext')} />
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('message.day')}</Table.Th>
              <Table.Th>{t('message.kind')}</Table.Th>
              <Table.Th>{t('message.channel')}</Table.Th>
              <Table.Th>{t('message.customer')}</Table.Th>
              <Table.Th>{t('message.vehicle')}</Table.Th>
              <Table.Th>{t('message.why')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {queue.data?.items.slice((queuePage - 1) * QUEUE_PAGE, queuePage * QUEUE_PAGE).map((q, i) => (
              <Table.Tr key={i}>
                <Table.Td>{formatDate(q.day)}</Table.Td>
                <Table.Td>{t(`kinds.${q.kind}`, { defaultValue: q.kind })}</Table.Td>
                <Table.Td>{t(`channels.${q.channel}`, { defaultValue: q.channel })}</Table.Td>
                <Table.Td>
                  {q.customerId ? (
                    <Link to={`/customers/${q.customerId}`}>{q.customerName ?? `#${q.customerId}`}</Link>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>{q.vehicle ?? ''}</Table.Td>
                <Table.Td>
                  {t(`why.${q.whyFacts.code}`, {
                    at: q.whyFacts.at ? formatDateTime(q.whyFacts.at, location.time_zone) : '',
                    on: q.whyFacts.on ? formatDate(q.whyFacts.on) : t('why.never'),
                    detail: q.whyFacts.detail ?? '',
                    count: q.whyFacts.count ?? 0,
                    defaultValue: q.why,
                  })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {queue.data && queue.data.items.length > QUEUE_PAGE && (
        <Group justify="flex-end">
          <Pagination
            size="sm"
            total={Math.ceil(queue.data.items.length / QUEUE_PAGE)}
            value={queuePage}
            onChange={setQueuePage}
            getControlProps={(control) => ({ 'aria-label': t(`common.${control}`) })}
          />
        </Group>
      )}
    </Stack>
  );
}
