// Maintenance schedules per make and model: the location's default schedule (every vehicle without
// a more specific one) and one per make or make/model, each a list of items due every so many km,
// engine hours or months, whichever comes first. Listed a page at a time on the server, searched by
// name, make or model; added, edited and deleted here (roles that may change the set-up). The
// vehicles' predictions are recomputed by the server after each change.
import {
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatNumber } from '../../components/format';
import { Pager } from '../../components/Pager';
import { Empty, ErrorNote, Loading, NotAllowed } from '../../components/States';
import { SortableTh, useSort } from '../../components/SortableTh';
import { useCursorPages } from '../../components/useCursorPages';
import i18n from '../../i18n';
import { useLocation, useSession } from '../../session';
import { ScheduleDialog, type Schedule } from './ScheduleDialog';

export default function Maintenance() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <Stack gap="md">
      <Title order={2}>{t('maintenance.title')}</Title>
      <Text>{t('maintenance.intro')}</Text>
      {session.can('settings.write') ? <Schedules /> : <NotAllowed message={t('settings.forbidden')} />}
    </Stack>
  );
}

/** "every 8,000 km or 6 months" in the user's language. */
export function everyText(
  t: (k: string, o?: Record<string, unknown>) => string,
  it: { every_km: number | null; every_hours: number | null; every_months: number | null },
): string {
  const parts = [
    it.every_km !== null ? t('maintenance.km', { n: formatNumber(it.every_km) }) : null,
    it.every_hours !== null ? t('maintenance.hours', { n: formatNumber(it.every_hours) }) : null,
    it.every_months !== null ? t('maintenance.months', { count: it.every_months }) : null,
  ].filter((p): p is string => p !== null);
  return parts.join(` ${t('maintenance.or')} `);
}

function Schedules() {
  const { t } = useTranslation();
  const location = useLocation();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const sorting = useSort<'name' | 'make' | 'model'>();
  const pages = useCursorPages(`${location.id}|${q}|${sorting.sort ?? ''}`);
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Schedule | null>(null);
  const lang = (['en', 'fr', 'es'].includes(i18n.language) ? i18n.language : 'en') as 'en' | 'fr' | 'es';
  const list = useQuery({
    queryKey: ['maintenance-schedules', location.id, q, sorting.sort ?? null, pages.cursor ?? null],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/maintenance-schedules', {
          params: {
            path: { locationId: location.id },
            query: {
              limit: 20,
              ...(q ? { q } : {}),
              ...(sorting.sort ? { sort: sorting.sort } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
  });
  const remove = useMutation({
    mutationFn: (id: number) =>
      call(
        api.DELETE('/api/v1/maintenance-schedules/{scheduleId}', { params: { path: { scheduleId: id } } }),
      ),
    onSuccess: async () => {
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'green',
        message: t('maintenance.deleted'),
      });
      setDeleting(null);
      await client.invalidateQueries({ queryKey: ['maintenance-schedules'] });
      await client.invalidateQueries({ queryKey: ['grid'] });
    },
  });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={t('maintenance.search')}
          description={t('maintenance.searchHelp')}
          descriptionProps={{ c: 'gray.7' }}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
          data-testid="maintenance-search"
        />
        <Button onClick={() => setEditing('new')} data-testid="maintenance-add">
          {t('maintenance.add')}
        </Button>
      </Group>
      <ErrorNote error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data && list.data.items.length === 0 ? (
        <Empty title={t('maintenance.emptyTitle')} next={t('maintenance.emptyNext')} />
      ) : (
        <Table striped withTableBorder data-testid="maintenance-table">
          <Table.Thead>
            <Table.Tr>
              <SortableTh label={t('maintenance.name')} {...sorting.header('name')} />
              <SortableTh label={t('maintenance.make')} {...sorting.header('make')} />
              <SortableTh label={t('maintenance.model')} {...sorting.header('model')} />
              <Table.Th>{t('maintenance.items')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('maintenance.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((s) => (
              <Table.Tr key={s.id} data-testid={`schedule-${s.id}`}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {s.name}
                  </Text>
                  {s.is_default && (
                    <Badge color="gray.7" variant="filled" size="sm">
                      {t('maintenance.default')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{s.make ?? t('maintenance.any')}</Table.Td>
                <Table.Td>{s.model ?? t('maintenance.any')}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {s.items.slice(0, 4).map((it) => (
                      <Text size="xs" key={it.code}>
                        {it.description[lang] || it.code} · {everyText(t, it)}
                      </Text>
                    ))}
                    {s.items.length > 4 && (
                      <Text size="xs" c="gray.7">
                        {t('maintenance.more', { count: s.items.length - 4 })}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setEditing(s)}
                      aria-label={t('maintenance.editOne', { name: s.name })}
                    >
                      {t('maintenance.edit')}
                    </Button>
                    {!s.is_default && (
                      <Button
                        size="xs"
                        variant="outline"
                        color="red.9"
                        onClick={() => setDeleting(s)}
                        aria-label={t('maintenance.deleteOne', { name: s.name })}
                      >
                        {t('maintenance.delete')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager
        page={pages.page}
        hasNext={!!list.data?.next_cursor}
        onPrevious={pages.previous}
        onNext={() => pages.next(list.data?.next_cursor)}
      />
      {editing && (
        <ScheduleDialog
          schedule={editing === 'new' ? null : editing}
          locationId={location.id}
          onClose={() => setEditing(null)}
        />
      )}
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('maintenance.deleteTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <ErrorNote error={remove.error} />
          <Text size="sm">{t('maintenance.deleteText', { name: deleting?.name ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={remove.isPending}
              onClick={() => deleting && remove.mutate(deleting.id)}
              data-testid="maintenance-delete-confirm"
            >
              {t('maintenance.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
