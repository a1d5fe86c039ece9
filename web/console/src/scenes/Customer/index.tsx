// The contact card: language, Do Not Mail, consent per channel and purpose (its expiry, whether
// marketing may go today, the recorded history with its evidence, and the audit log's changes),
// address, sales rep; the vehicles with their maintenance grid and service history; every
// message decided for the customer.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { formatDate, formatDateTime } from '../../components/format';
import { Empty, ErrorNote, Loading } from '../../components/States';
import { StatusBadge } from '../../components/StatusBadge';
import { useLocation, useSession } from '../../session';
import { MobileDialog } from './MobileDialog';
import { TextMark } from './TextMark';
import { VehicleDialog } from './VehicleDialog';
import { SentMessage } from './SentMessage';
import { VehiclePanel } from './VehiclePanel';

export default function Customer() {
  const { t } = useTranslation();
  const { customerId } = useParams();
  const id = Number(customerId);
  const location = useLocation();
  const { can } = useSession();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [editingMobile, setEditingMobile] = useState(false);
  const [showing, setShowing] = useState<number | null>(null);

  const card = useQuery({
    queryKey: ['customer', id],
    queryFn: () => call(api.GET('/api/v1/customers/{customerId}', { params: { path: { customerId: id } } })),
  });
  const messages = useQuery({
    queryKey: ['customer-messages', id],
    queryFn: () =>
      call(api.GET('/api/v1/customers/{customerId}/messages', { params: { path: { customerId: id } } })),
  });
  const consents = useQuery({
    queryKey: ['customer-consents', id],
    queryFn: () =>
      call(api.GET('/api/v1/customers/{customerId}/consents', { params: { path: { customerId: id } } })),
  });
  const history = useQuery({
    queryKey: ['customer-audit', id],
    enabled: can('audit.read'),
    queryFn: () =>
      call(
        api.GET('/api/v1/audit-log', {
          params: { query: { entity: 'customer', entity_id: String(id), limit: 50 } },
        }),
      ),
  });
  const update = useMutation({
    mutationFn: (body: { do_not_mail?: boolean; language?: 'en' | 'fr' | 'es' | null }) =>
      call(api.PATCH('/api/v1/customers/{customerId}', { params: { path: { customerId: id } }, body })),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      await client.invalidateQueries({ queryKey: ['customer', id] });
      await client.invalidateQueries({ queryKey: ['customer-audit', id] });
      await client.invalidateQueries({ queryKey: ['customer-consents', id] });
    },
    onError: (err) => notifications.show({ color: 'red', message: err.message }),
  });

  if (card.isPending) return <Loading />;
  if (card.error) return <ErrorNote error={card.error} />;
  const c = card.data;
  const writable = can('customers.write');
  const consentChanges = (history.data?.items ?? []).filter((h) => {
    const changes = h.changes as Record<string, unknown>;
    return (
      h.action === 'create' ||
      'consent_basis' in changes ||
      'do_not_mail' in changes ||
      'consent_date' in changes
    );
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>
          {c.mailing_name}{' '}
          <Text span c="gray.7" size="md">
            #{c.customer_number}
          </Text>
        </Title>
        <Group>
          {c.do_not_mail && <Badge color="red">{t('customer.doNotMail')}</Badge>}
          {c.deceased && <Badge color="gray">{t('customer.deceased')}</Badge>}
          <Anchor component={Link} to="/customers">
            {t('customers.back')}
          </Anchor>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('customer.contact')}
          </Title>
          <Text size="sm">
            {t('customer.email')}: {c.email ?? '—'}{' '}
            {c.email && c.email_status !== 'ok' && (
              <Badge size="xs" color="orange">
                {c.email_status}
              </Badge>
            )}
          </Text>
          <Text size="sm">
            {t('customer.phone')}: {c.phone ?? '—'}
          </Text>
          <Group gap="xs" data-testid="customer-mobile">
            <Text size="sm">
              {t('customerMobile.label')}: {c.mobile_phone ?? '—'}
            </Text>
            {writable && (
              <Button
                size="compact-xs"
                variant="default"
                data-testid="customer-mobile-edit"
                onClick={() => setEditingMobile(true)}
              >
                {t('customerMobile.edit')}
              </Button>
            )}
            {can('texts.write') ? (
              // Opens the conversation (an empty one when they never texted), ready to write; the
              // thread says why they cannot be texted (no consent, STOP, texts off…) before staff type.
              <Button
                size="compact-xs"
                component={Link}
                to={`/inbox/${c.id}?write=1`}
                data-testid="customer-send-text"
              >
                {t('customerMobile.sendText')}
              </Button>
            ) : (
              c.mobile_phone &&
              can('texts.read') && (
                <Anchor component={Link} to={`/inbox/${c.id}`} size="sm">
                  {t('customerMobile.texts')}
                </Anchor>
              )
            )}
          </Group>
          {c.mobile_phone && c.text_block && (
            <TextMark
              customerId={c.id}
              mark={c.text_block}
              writable={writable}
              timeZone={location.time_zone}
            />
          )}
          {editingMobile && (
            <MobileDialog
              customerId={c.id}
              current={c.mobile_phone ?? null}
              opened
              onClose={() => setEditingMobile(false)}
            />
          )}
          <Text size="sm">
            {t('customer.birthday')}: {formatDate(c.birthday)}
          </Text>
          <Text size="sm">
            {t('customer.salesRep')}: {c.sales_rep_user_id ? `#${c.sales_rep_user_id}` : '—'}
          </Text>
        </Card>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('customer.address')}
          </Title>
          {[
            c.address_line1,
            c.address_line2,
            [c.city, c.region, c.postal_code].filter(Boolean).join(' '),
            c.country,
          ]
            .filter(Boolean)
            .map((line, i) => (
              <Text size="sm" key={i}>
                {line}
              </Text>
            ))}
          {!c.address_line1 && (
            <Text size="sm" c="gray.7">
              {t('customer.noAddress')}
            </Text>
          )}
        </Card>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('customer.preferences')}
          </Title>
          <Stack gap="xs">
            <Select
              label={t('customer.language')}
              data={[
                { value: '', label: t('customer.locationLanguage') },
                ...(['en', 'fr', 'es'] as const).map((l) => ({ value: l, label: t(`languages.${l}`) })),
              ]}
              value={c.language ?? ''}
              disabled={!writable}
              allowDeselect={false}
              onChange={(v) => update.mutate({ language: (v || null) as 'en' | 'fr' | 'es' | null })}
            />
            <Switch
              label={t('customer.doNotMail')}
              checked={c.do_not_mail}
              disabled={!writable}
              onChange={(e) => update.mutate({ do_not_mail: e.currentTarget.checked })}
            />
            <Text size="sm">
              {t('customer.defaultConsent')}:{' '}
              {c.consent_basis ? t(`consent.${c.consent_basis}`, { defaultValue: c.consent_basis }) : '—'} (
              {formatDate(c.consent_date)})
            </Text>
          </Stack>
        </Card>
      </SimpleGrid>

      <Tabs defaultValue="vehicles" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="vehicles">{t('customer.vehicles', { count: c.vehicles.length })}</Tabs.Tab>
          <Tabs.Tab value="messages">{t('customer.messages')}</Tabs.Tab>
          <Tabs.Tab value="consent">{t('customer.consentHistory')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="vehicles" pt="md">
          {can('vehicles.write') && (
            <Group justify="flex-end" mb="sm">
              <Button onClick={() => setAdding(true)}>{t('vehicleForm.addButton')}</Button>
            </Group>
          )}
          {c.vehicles.length === 0 ? (
            <Empty title={t('customer.noVehiclesTitle')} next={t('customer.noVehiclesNext')} />
          ) : (
            <Stack>
              {c.vehicles.map((v) => (
                <VehiclePanel key={v.id} vehicle={v} customerId={id} />
              ))}
            </Stack>
          )}
          <VehicleDialog opened={adding} onClose={() => setAdding(false)} customerId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="messages" pt="md">
          <ErrorNote error={messages.error} />
          {messages.data && messages.data.items.length === 0 ? (
            <Empty title={t('customer.noMessagesTitle')} next={t('customer.noMessagesNext')} />
          ) : (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('message.dueOn')}</Table.Th>
                  <Table.Th>{t('message.kind')}</Table.Th>
                  <Table.Th>{t('message.channel')}</Table.Th>
                  <Table.Th>{t('message.status')}</Table.Th>
                  <Table.Th>{t('message.sentAt')}</Table.Th>
                  <Table.Th>{t('message.reason')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {messages.data?.items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{formatDate(m.due_on)}</Table.Td>
                    <Table.Td>{t(`kinds.${m.kind}`, { defaultValue: m.kind })}</Table.Td>
                    <Table.Td>{t(`channels.${m.channel}`, { defaultValue: m.channel })}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={m.status} />
                    </Table.Td>
                    <Table.Td>{formatDateTime(m.sent_at, location.time_zone)}</Table.Td>
                    <Table.Td>
                      {m.reason ? t(`reasons.${m.reason}`, { defaultValue: m.reason }) : ''}
                    </Table.Td>
                    <Table.Td>
                      {m.status === 'sent' && ['email', 'postcard', 'sms'].includes(m.channel) && (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setShowing(m.id)}
                          data-testid={`show-message-${m.id}`}
                        >
                          {t('sentMessage.show')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Tabs.Panel>
        <SentMessage customerId={id} messageId={showing} onClose={() => setShowing(null)} />
        <Tabs.Panel value="consent" pt="md">
          <Stack>
            <Title order={3} size="h5">
              {t('customer.consentNow')}
            </Title>
            <Table striped data-testid="consent-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('customer.channel')}</Table.Th>
                  <Table.Th>{t('customer.purpose')}</Table.Th>
                  <Table.Th>{t('customer.basis')}</Table.Th>
                  <Table.Th>{t('customer.source')}</Table.Th>
                  <Table.Th>{t('customer.givenOn')}</Table.Th>
                  <Table.Th>{t('customer.expiresOn')}</Table.Th>
                  <Table.Th>{t('customer.today')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.consents.map((k) => (
                  <Table.Tr key={`${k.channel}/${k.purpose}`}>
                    <Table.Td>{t(`channels.${k.channel}`, { defaultValue: k.channel })}</Table.Td>
                    <Table.Td>{t(`purposes.${k.purpose}`, { defaultValue: k.purpose })}</Table.Td>
                    <Table.Td>{k.basis ? t(`consent.${k.basis}`, { defaultValue: k.basis }) : '—'}</Table.Td>
                    <Table.Td>{t(`consentSources.${k.source}`, { defaultValue: k.source })}</Table.Td>
                    <Table.Td>{formatDate(k.given_on)}</Table.Td>
                    <Table.Td>
                      {k.expires_on
                        ? formatDate(k.expires_on)
                        : k.basis === 'express' || k.basis === 'exempt'
                          ? t('customer.neverExpires')
                          : '—'}
                    </Table.Td>
                    <Table.Td>
                      {k.hold_reason ? (
                        <Badge color="orange" variant="light">
                          {t(`reasons.${k.hold_reason}`, { defaultValue: k.hold_reason })}
                        </Badge>
                      ) : (
                        t('customer.maySend')
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Title order={3} size="h5">
              {t('customer.consentRecorded')}
            </Title>
            <ErrorNote error={consents.error} />
            {consents.data && consents.data.history.length > 0 && (
              <Table data-testid="consent-history">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('customer.recordedAt')}</Table.Th>
                    <Table.Th>{t('customer.channel')}</Table.Th>
                    <Table.Th>{t('customer.purpose')}</Table.Th>
                    <Table.Th>{t('customer.previousBasis')}</Table.Th>
                    <Table.Th>{t('customer.basis')}</Table.Th>
                    <Table.Th>{t('customer.source')}</Table.Th>
                    <Table.Th>{t('customer.evidence')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {consents.data.history.map((h, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{formatDateTime(h.recorded_at, location.time_zone)}</Table.Td>
                      <Table.Td>{t(`channels.${h.channel}`, { defaultValue: h.channel })}</Table.Td>
                      <Table.Td>{t(`purposes.${h.purpose}`, { defaultValue: h.purpose })}</Table.Td>
                      <Table.Td>
                        {h.previous_basis
                          ? t(`consent.${h.previous_basis}`, { defaultValue: h.previous_basis })
                          : '—'}
                      </Table.Td>
                      <Table.Td>{t(`consent.${h.basis}`, { defaultValue: h.basis })}</Table.Td>
                      <Table.Td>{t(`consentSources.${h.source}`, { defaultValue: h.source })}</Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace">
                          {JSON.stringify(h.evidence)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Title order={3} size="h5">
              {t('customer.auditChanges')}
            </Title>
            {consentChanges.length === 0 ? (
              <Empty title={t('customer.noConsentTitle')} next={t('customer.noConsentNext')} />
            ) : (
              <Table>
                <Table.Tbody>
                  {consentChanges.map((h) => (
                    <Table.Tr key={h.id}>
                      <Table.Td>{formatDateTime(h.at, location.time_zone)}</Table.Td>
                      <Table.Td>{h.action}</Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace">
                          {JSON.stringify(h.changes)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
