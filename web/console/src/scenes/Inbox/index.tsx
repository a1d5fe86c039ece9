// The text inbox: one conversation per customer (and per number that matches no customer,
// NumberThread.tsx), latest first, with its unread texts (paged on the
// server); opening one shows the texts in and out (times in the location's time zone), marks it
// read, and lets staff answer. An answer is queued for the send worker like every text (its status
// shows under it); a number that texted STOP cannot be texted and the API's refusal is shown.
import { Alert, Anchor, Badge, Card, Grid, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { Pager } from '../../components/Pager';
import { Empty, ErrorNote, Loading } from '../../components/States';
import { useCursorPages } from '../../components/useCursorPages';
import { useLocation, useSession } from '../../session';
import { AnswerForm, TextList, useMarkRead, useSendText } from './Conversation';
import { NumberThread } from './NumberThread';

export default function Inbox() {
  const { t } = useTranslation();
  const location = useLocation();
  const { customerId, phone } = useParams();
  const open = customerId ? Number(customerId) : null;
  const pages = useCursorPages(String(location.id));
  const list = useQuery({
    queryKey: ['conversations', location.id, pages.cursor],
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/conversations', {
          params: {
            path: { locationId: location.id },
            query: { limit: 20, ...(pages.cursor ? { cursor: pages.cursor } : {}) },
          },
        }),
      ),
    refetchInterval: 30_000,
  });

  return (
    <Stack>
      <Title order={2}>{t('inbox.title')}</Title>
      <Text size="sm" c="gray.7">
        {t('inbox.intro')}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <ErrorNote error={list.error} />
          {list.isPending ? (
            <Loading />
          ) : list.data && list.data.items.length === 0 ? (
            <Empty title={t('inbox.emptyTitle')} next={t('inbox.emptyNext')} />
          ) : (
            <nav aria-label={t('inbox.conversations')}>
              {list.data?.items.map((c) => (
                <NavLink
                  key={c.customer_id ?? c.mobile_phone}
                  component={Link}
                  to={
                    c.customer_id !== null
                      ? `/inbox/${c.customer_id}`
                      : `/inbox/number/${encodeURIComponent(c.mobile_phone ?? '')}`
                  }
                  active={c.customer_id !== null ? open === c.customer_id : phone === c.mobile_phone}
                  data-testid={`conversation-${c.customer_id ?? c.mobile_phone}`}
                  label={
                    <Group justify="space-between" wrap="nowrap">
                      <Text size="sm" fw={c.unread ? 700 : 400} truncate>
                        {c.customer_name ?? `${c.mobile_phone} · ${t('inbox.unknownNumber')}`}
                      </Text>
                      {c.unread > 0 && (
                        <Badge color="red.8" size="sm" aria-label={t('inbox.unread', { count: c.unread })}>
                          {c.unread}
                        </Badge>
                      )}
                    </Group>
                  }
                  description={
                    <Text size="xs" c="gray.7" truncate component="span">
                      {formatDateTime(c.last_at, location.time_zone)} ·{' '}
                      {c.last_direction === 'out' ? `${t('inbox.you')}: ` : ''}
                      {c.last_body}
                    </Text>
                  }
                />
              ))}
            </nav>
          )}
          <Pager
            page={pages.page}
            hasNext={!!list.data?.next_cursor}
            onPrevious={pages.previous}
            onNext={() => pages.next(list.data?.next_cursor)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {open ? (
            <Thread key={`${location.id}:${open}`} customerId={open} />
          ) : phone ? (
            <NumberThread key={`${location.id}:${phone}`} phone={phone} />
          ) : (
            <Text c="gray.7">{t('inbox.pick')}</Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Thread({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { can } = useSession();
  const thread = useQuery({
    queryKey: ['conversation', location.id, customerId],
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/conversations/{customerId}', {
          params: { path: { locationId: location.id, customerId }, query: { limit: 100 } },
        }),
      ),
  });
  const [searchParams] = useSearchParams();
  const writable = can('texts.write');
  useMarkRead(
    () =>
      call(
        api.POST('/api/v1/locations/{locationId}/conversations/{customerId}/read', {
          params: { path: { locationId: location.id, customerId } },
        }),
      ),
    writable && (thread.data?.unread ?? 0) > 0,
    ['conversation', location.id, customerId],
  );

  const send = useSendText(
    (body) =>
      call(
        api.POST('/api/v1/locations/{locationId}/conversations/{customerId}/texts', {
          params: { path: { locationId: location.id, customerId } },
          body: { body },
        }),
      ),
    ['conversation', location.id, customerId],
  );

  if (thread.isPending) return <Loading />;
  if (thread.error) return <ErrorNote error={thread.error} />;
  const d = thread.data;
  return (
    <Card withBorder data-testid="thread">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          <Anchor component={Link} to={`/customers/${d.customer.id}`}>
            {d.customer.name}
          </Anchor>
        </Title>
        <Group gap="xs">
          <Text size="sm">{d.customer.mobile_phone ?? t('inbox.noMobile')}</Text>
          {d.customer.opted_out && (
            <Badge color="red.8" variant="filled">
              {t('inbox.optedOut')}
            </Badge>
          )}
        </Group>
      </Group>
      <TextList items={d.items} timeZone={d.time_zone} />
      {writable && d.cannot_text && (
        <Alert color="red" mt="md" p="xs" data-testid="cannot-text">
          <Text size="sm" fw={700}>
            {t('inbox.cannotText')}
          </Text>
          <Text size="sm">{d.cannot_text.message}</Text>
        </Alert>
      )}
      {writable && !d.cannot_text && <AnswerForm send={send} autoFocus={searchParams.get('write') === '1'} />}
    </Card>
  );
}
