// The operator's screen (the installation's operator only, signed in with a platform account): every
// location of every organization with its paid options (email, postcards, texts) switched on or off
// here, and the messages each location sent per channel in a month (what is billed). Locations are
// paged on the server; the usage of the month is one query for all of them.
import { Group, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatNumber } from '../../components/format';
import { Pager } from '../../components/Pager';
import { Empty, ErrorNote, Loading, NotAllowed } from '../../components/States';
import { useCursorPages } from '../../components/useCursorPages';
import { useSession } from '../../session';

const OPTIONS = ['email_enabled', 'postcards_enabled', 'sms_enabled'] as const;
type Option = (typeof OPTIONS)[number];
const USAGE_CHANNELS = ['email', 'postcard', 'sms'] as const;

/** The current month, UTC (the usage route counts UTC months). */
const thisMonth = () => new Date().toISOString().slice(0, 7);

export default function Operator() {
  const { t } = useTranslation();
  const { me } = useSession();
  if (!me.is_platform_admin)
    return (
      <Stack>
        <Title order={2}>{t('operator.title')}</Title>
        <NotAllowed message={t('operator.forbidden')} />
      </Stack>
    );
  return <OperatorScreen />;
}

function OperatorScreen() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [orgText, setOrgText] = useState('');
  const [orgId] = useDebouncedValue(/^\d+$/.test(orgText.trim()) ? Number(orgText.trim()) : undefined, 250);
  const [month, setMonth] = useState(thisMonth());
  const pages = useCursorPages(String(orgId ?? ''));
  const locations = useQuery({
    queryKey: ['operator', 'locations', orgId ?? null, pages.cursor ?? null],
    queryFn: () =>
      call(
        api.GET('/api/v1/operator/locations', {
          params: {
            query: {
              limit: 50,
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
              ...(orgId ? { org_id: orgId } : {}),
            },
          },
        }),
      ),
  });
  const usage = useQuery({
    queryKey: ['operator', 'usage', month, orgId ?? null],
    queryFn: () =>
      call(
        api.GET('/api/v1/operator/usage', {
          params: { query: { from: month, to: month, ...(orgId ? { org_id: orgId } : {}) } },
        }),
      ),
  });
  const switchOption = useMutation({
    mutationFn: (v: { orgId: number; locationId: number; option: Option; on: boolean }) =>
      call(
        api.PATCH('/api/v1/operator/organizations/{orgId}/locations/{locationId}/options', {
          params: { path: { orgId: v.orgId, locationId: v.locationId } },
          body: { [v.option]: v.on },
        }),
      ),
    onSuccess: async (row, v) => {
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'green',
        message: t(v.on ? 'operator.switchedOn' : 'operator.switchedOff', {
          option: t(`operator.options.${v.option}`),
          location: row.name,
        }),
      });
      await client.invalidateQueries({ queryKey: ['operator', 'locations'] });
    },
  });
  const counts = new Map(
    (usage.data?.items ?? []).map((u) => [`${u.location_id}|${u.channel}`, u.count] as const),
  );

  return (
    <Stack>
      <Title order={2}>{t('operator.title')}</Title>
      <Text>{t('operator.intro')}</Text>
      <Group align="flex-end">
        <TextInput
          label={t('operator.orgFilter')}
          description={t('operator.orgFilterHelp')}
          descriptionProps={{ c: 'gray.7' }}
          inputMode="numeric"
          value={orgText}
          onChange={(e) => setOrgText(e.currentTarget.value)}
          w={220}
          data-testid="operator-org"
        />
        <MonthPickerInput
          label={t('operator.month')}
          value={`${month}-01`}
          onChange={(v) => v && setMonth(v.slice(0, 7))}
          valueFormat="YYYY-MM"
          w={160}
          data-testid="operator-month"
        />
      </Group>
      <ErrorNote error={locations.error ?? usage.error ?? switchOption.error} />
      {locations.isPending ? (
        <Loading />
      ) : locations.data && locations.data.items.length === 0 ? (
        <Empty title={t('operator.emptyTitle')} next={t('operator.emptyNext')} />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder data-testid="operator-locations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('operator.organization')}</Table.Th>
                <Table.Th>{t('operator.location')}</Table.Th>
                {OPTIONS.map((o) => (
                  <Table.Th key={o}>{t(`operator.options.${o}`)}</Table.Th>
                ))}
                {USAGE_CHANNELS.map((c) => (
                  <Table.Th key={c} style={{ textAlign: 'right' }}>
                    {t(`operator.sent.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {locations.data?.items.map((l) => (
                <Table.Tr key={l.id} data-testid={`operator-location-${l.id}`}>
                  <Table.Td>
                    <Text size="sm">{l.org_name}</Text>
                    <Text size="xs" c="gray.7">
                      #{l.org_id}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{l.name}</Text>
                    <Text size="xs" c="gray.7">
                      {l.code}
                    </Text>
                  </Table.Td>
                  {OPTIONS.map((o) => (
                    <Table.Td key={o}>
                      <Switch
                        checked={l[o]}
                        aria-label={t('operator.switchFor', {
                          option: t(`operator.options.${o}`),
                          location: l.name,
                        })}
                        data-testid={`option-${l.id}-${o}`}
                        disabled={switchOption.isPending}
                        onChange={(e) =>
                          switchOption.mutate({
                            orgId: l.org_id,
                            locationId: l.id,
                            option: o,
                            on: e.currentTarget.checked,
                          })
                        }
                      />
                    </Table.Td>
                  ))}
                  {USAGE_CHANNELS.map((c) => (
                    <Table.Td key={c} style={{ textAlign: 'right' }} data-testid={`usage-${l.id}-${c}`}>
                      {usage.isPending ? '…' : formatNumber(counts.get(`${l.id}|${c}`) ?? 0)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager
        page={pages.page}
        hasNext={!!locations.data?.next_cursor}
        onPrevious={pages.previous}
        onNext={() => pages.next(locations.data?.next_cursor)}
      />
    </Stack>
  );
}
