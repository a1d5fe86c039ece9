// A conversation with a number that matches no customer (someone not in the file texted the
// shop): staff read it, answer it (only because it texted first: the API refuses a number that
// never did, or that texted STOP), and link it to the customer it belongs to, which makes it that
// customer's conversation (and their mobile number when they had none).
import { Alert, Badge, Button, Card, Group, Select, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import { ErrorNote, Loading } from '../../components/States';
import { useLocation, useSession } from '../../session';
import { AnswerForm, TextList, useMarkRead, useSendText } from './Conversation';

export function NumberThread({ phone }: { phone: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { can } = useSession();
  const path = { locationId: location.id, phone };
  const key = ['number-conversation', location.id, phone];
  const thread = useQuery({
    queryKey: key,
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/numbers/{phone}/conversation', {
          params: { path, query: { limit: 100 } },
        }),
      ),
  });
  const writable = can('texts.write');
  useMarkRead(
    () => call(api.POST('/api/v1/locations/{locationId}/numbers/{phone}/read', { params: { path } })),
    writable && (thread.data?.unread ?? 0) > 0,
    key,
  );
  const send = useSendText(
    (body) =>
      call(
        api.POST('/api/v1/locations/{locationId}/numbers/{phone}/texts', {
          params: { path },
          body: { body },
        }),
      ),
    key,
  );

  if (thread.isPending) return <Loading />;
  if (thread.error) return <ErrorNote error={thread.error} />;
  const d = thread.data;
  return (
    <Card withBorder data-testid="thread">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {d.phone}
        </Title>
        <Group gap="xs">
          <Badge color="gray.7" variant="outline">
            {t('inbox.unknownNumber')}
          </Badge>
          {d.opted_out && (
            <Badge color="red.8" variant="filled">
              {t('inbox.optedOut')}
            </Badge>
          )}
        </Group>
      </Group>
      <Alert color="blue" mb="sm">
        <Text size="sm">{t('inbox.unknownHelp')}</Text>
      </Alert>
      {can('customers.write') && <LinkToCustomer phone={phone} />}
      <TextList items={d.items} timeZone={d.time_zone} />
      {writable && <AnswerForm send={send} />}
    </Card>
  );
}

function LinkToCustomer({ phone }: { phone: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const found = useQuery({
    queryKey: ['customers-for-link', location.id, q],
    enabled: q.length > 0,
    queryFn: () =>
      call(api.GET('/api/v1/customers', { params: { query: { location_id: location.id, limit: 10, q } } })),
  });
  const link = useMutation({
    mutationFn: (customerId: number) =>
      call(
        api.POST('/api/v1/locations/{locationId}/numbers/{phone}/link', {
          params: { path: { locationId: location.id, phone } },
          body: { customer_id: customerId },
        }),
      ),
    onMutate: () => setError(null),
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
    onSuccess: async (r) => {
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'green',
        message: t('inbox.linked'),
      });
      await client.invalidateQueries({ queryKey: ['conversations'] });
      await navigate(`/inbox/${r.customer_id}`);
    },
  });
  const options = (found.data?.items ?? []).map((c) => ({
    value: String(c.id),
    label: [c.mailing_name, c.customer_number, c.mobile_phone].filter(Boolean).join(' · '),
  }));
  return (
    <Group align="flex-end" mb="md" wrap="wrap">
      <Select
        label={t('inbox.linkLabel')}
        placeholder={t('inbox.linkPlaceholder')}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        value={picked}
        onChange={setPicked}
        data={options}
        filter={({ options: all }) => all}
        nothingFoundMessage={q && found.data ? t('inbox.linkNone') : undefined}
        error={error}
        miw={320}
        data-testid="link-customer"
      />
      <Button
        variant="outline"
        disabled={!picked}
        loading={link.isPending}
        onClick={() => picked && link.mutate(Number(picked))}
        data-testid="link-send"
      >
        {t('inbox.link')}
      </Button>
    </Group>
  );
}
