// The text inbox: one conversation per customer, latest first, with its unread texts (paged on the
// server); opening one shows the texts in and out (times in the location's time zone), marks it
// read, and lets staff answer. An answer is queued for the send worker like every text (its status
// shows under it); a number that texted STOP cannot be texted and the API's refusal is shown.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NavLink,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { Pager } from '../../components/Pager';
import { Empty, ErrorNote, Loading } from '../../components/States';
import { useCursorPages } from '../../components/useCursorPages';
import { useLocation, useSession } from '../../session';

export default function Inbox() {
  const { t } = useTranslation();
  const location = useLocation();
  const { customerId } = useParams();
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
                  key={c.customer_id}
                  component={Link}
                  to={`/inbox/${c.customer_id}`}
                  active={open === c.customer_id}
                  data-testid={`conversation-${c.customer_id}`}
                  label={
                    <Group justify="space-between" wrap="nowrap">
                      <Text size="sm" fw={c.unread ? 700 : 400} truncate>
                        {c.customer_name}
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
  const client = useQueryClient();
  const thread = useQuery({
    queryKey: ['conversation', location.id, customerId],
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/conversations/{customerId}', {
          params: { path: { locationId: location.id, customerId }, query: { limit: 100 } },
        }),
      ),
  });
  const markRead = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/locations/{locationId}/conversations/{customerId}/read', {
          params: { path: { locationId: location.id, customerId } },
        }),
      ),
    onSuccess: async (r) => {
      if (r.marked > 0) {
        await client.invalidateQueries({ queryKey: ['conversations'] });
        await client.invalidateQueries({ queryKey: ['unread-texts'] });
        await client.invalidateQueries({ queryKey: ['conversation', location.id, customerId] });
      }
    },
  });
  const writable = can('texts.write');
  const { mutate: mark } = markRead;
  const unread = (thread.data?.unread ?? 0) > 0;
  useEffect(() => {
    if (writable && unread) mark();
  }, [writable, unread, mark]);

  const form = useForm({ initialValues: { body: '' } });
  const [other, setOther] = useState<unknown>(null);
  const send = useMutation({
    mutationFn: (body: string) =>
      call(
        api.POST('/api/v1/locations/{locationId}/conversations/{customerId}/texts', {
          params: { path: { locationId: location.id, customerId } },
          body: { body },
        }),
      ),
    onMutate: () => setOther(null),
    onError: (e) => {
      if (e instanceof ApiError && e.field === 'body') form.setFieldError('body', e.message);
      else setOther(e);
    },
    onSuccess: async () => {
      form.reset();
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'green',
        message: t('inbox.queued'),
      });
      await client.invalidateQueries({ queryKey: ['conversation', location.id, customerId] });
      await client.invalidateQueries({ queryKey: ['conversations'] });
    },
  });

  if (thread.isPending) return <Loading />;
  if (thread.error) return <ErrorNote error={thread.error} />;
  const d = thread.data;
  const texts = [...d.items].reverse();
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
      <Stack gap="xs" mah={520} style={{ overflowY: 'auto' }}>
        {texts.length === 0 && <Text c="gray.7">{t('inbox.noTexts')}</Text>}
        {texts.map((x) => (
          <Paper
            key={x.id}
            withBorder
            p="xs"
            maw="80%"
            bg={x.direction === 'out' ? 'blue.0' : 'gray.0'}
            style={{ alignSelf: x.direction === 'out' ? 'flex-end' : 'flex-start' }}
            data-testid={`text-${x.direction}`}
          >
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {x.body}
            </Text>
            <Text size="xs" c="gray.7">
              {formatDateTime(x.at, d.time_zone)}
              {x.direction === 'out' && x.status
                ? ` · ${t(`inbox.status.${x.status}`, { defaultValue: x.status })}${x.reason ? ` (${x.reason})` : ''}`
                : ''}
            </Text>
          </Paper>
        ))}
      </Stack>
      {writable && (
        <form
          onSubmit={form.onSubmit((v) => {
            if (v.body.trim()) send.mutate(v.body.trim());
          })}
        >
          <Stack mt="md" gap="xs">
            <ErrorNote error={other} />
            <Textarea
              label={t('inbox.answer')}
              autosize
              minRows={2}
              maxLength={1600}
              data-testid="reply-body"
              {...form.getInputProps('body')}
            />
            <Group justify="space-between">
              <Text size="xs" c="gray.7">
                {t('inbox.answerHelp')}
              </Text>
              <Button type="submit" loading={send.isPending} data-testid="reply-send">
                {t('inbox.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
