// Promotions: the offers E07 (and campaigns) send. List with status, create, edit and schedule
// (validity dates with Mantine's date picker), end. Calls /locations/:id/promotions and /promotions/:id.
import 'dayjs/locale/es';
import 'dayjs/locale/fr';
import { Badge, Button, Group, Modal, Stack, Table, TextInput, Textarea } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatDate } from '../../components/format';
import { SortableTh, useSort } from '../../components/SortableTh';
import { pagerOf, useCursorPages } from '../../components/useCursorPages';
import { ErrorNote } from '../../components/States';
import { ListPage, useRowAction } from '../../components/ListPage';
import { useLocation, useSession } from '../../session';

type Lang = 'en' | 'fr' | 'es';
const LANGS: Lang[] = ['en', 'fr', 'es'];
export interface Promotion {
  id: number;
  name: string;
  coupon_code: string | null;
  text: Record<string, string>;
  valid_from: string | null;
  valid_until: string | null;
  ended_on: string | null;
  status: 'scheduled' | 'running' | 'expired' | 'ended';
}
const STATUS_COLOR = { scheduled: 'indigo', running: 'teal', expired: 'gray', ended: 'gray' } as const;

export type PromotionSort = 'name' | 'coupon_code' | 'valid_from' | 'valid_until';

/** A page of the location's promotions (newest first unless sorted); the campaign picker asks for 500. */
export function usePromotions(
  locationId: number,
  page: { sort?: `${'' | '-'}${PromotionSort}`; cursor?: string; limit?: number } = {},
) {
  return useQuery({
    queryKey: ['promotions', locationId, page.sort, page.cursor, page.limit],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/promotions', {
          params: {
            path: { locationId },
            query: {
              limit: page.limit ?? 25,
              ...(page.sort ? { sort: page.sort } : {}),
              ...(page.cursor ? { cursor: page.cursor } : {}),
            },
          },
        }),
      ),
  });
}

export default function Promotions() {
  const { t } = useTranslation();
  const location = useLocation();
  const { can } = useSession();
  const sorting = useSort<PromotionSort>();
  const pages = useCursorPages(`${location.id}:${sorting.sort ?? ''}`);
  const list = usePromotions(location.id, { sort: sorting.sort, cursor: pages.cursor });
  const [editing, setEditing] = useState<Promotion | 'new' | null>(null);
  const end = useRowAction(
    (id: number) =>
      call(api.POST('/api/v1/promotions/{promotionId}/end', { params: { path: { promotionId: id } } })),
    t('promotions.ended'),
    ['promotions', location.id],
  );
  const writable = can('rules.write');
  const items = (list.data?.items ?? []) as Promotion[];
  return (
    <ListPage
      title={t('promotions.title')}
      newLabel={t('promotions.new')}
      onNew={writable ? () => setEditing('new') : undefined}
      error={list.error ?? end.error}
      pending={list.isPending}
      empty={
        items.length === 0 ? { title: t('promotions.emptyTitle'), next: t('promotions.emptyNext') } : null
      }
      pager={pagerOf(pages, list.data?.next_cursor)}
      dialogs={
        editing && (
          <PromotionDialog
            promotion={editing === 'new' ? null : editing}
            locationId={location.id}
            onClose={() => setEditing(null)}
          />
        )
      }
    >
      <Table striped highlightOnHover data-testid="promotions-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh label={t('promotions.name')} {...sorting.header('name')} />
            <SortableTh label={t('promotions.coupon')} {...sorting.header('coupon_code')} />
            <SortableTh label={t('promotions.from')} {...sorting.header('valid_from')} />
            <SortableTh label={t('promotions.until')} {...sorting.header('valid_until')} />
            <Table.Th>{t('promotions.status')}</Table.Th>
            <Table.Th>{t('promotions.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>{p.coupon_code ?? '—'}</Table.Td>
              <Table.Td>{p.valid_from ? formatDate(p.valid_from) : '—'}</Table.Td>
              <Table.Td>{p.valid_until ? formatDate(p.valid_until) : '—'}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[p.status]}>{t(`promotions.statuses.${p.status}`)}</Badge>
              </Table.Td>
              <Table.Td>
                {writable && p.status !== 'ended' && (
                  <Group gap="xs">
                    <Button size="compact-sm" variant="default" onClick={() => setEditing(p)}>
                      {t('promotions.edit')}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      color="red"
                      onClick={() => end.mutate(p.id)}
                      loading={end.isPending && end.variables === p.id}
                    >
                      {t('promotions.end')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ListPage>
  );
}

function PromotionDialog({
  promotion,
  locationId,
  onClose,
}: {
  promotion: Promotion | null;
  locationId: number;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(promotion?.name ?? '');
  const [coupon, setCoupon] = useState(promotion?.coupon_code ?? '');
  const [text, setText] = useState<Record<string, string>>(promotion?.text ?? {});
  const [from, setFrom] = useState<string | null>(promotion?.valid_from ?? null);
  const [until, setUntil] = useState<string | null>(promotion?.valid_until ?? null);
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name,
        coupon_code: coupon.trim() ? coupon.trim() : null,
        text: Object.fromEntries(LANGS.filter((l) => text[l]?.trim()).map((l) => [l, text[l]!])),
        valid_from: from,
        valid_until: until,
      };
      return promotion
        ? call(
            api.PATCH('/api/v1/promotions/{promotionId}', {
              params: { path: { promotionId: promotion.id } },
              body,
            }),
          )
        : call(
            api.POST('/api/v1/locations/{locationId}/promotions', { params: { path: { locationId } }, body }),
          );
    },
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('common.saved'),
        closeButtonProps: { 'aria-label': t('common.close') },
      });
      await client.invalidateQueries({ queryKey: ['promotions', locationId] });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={promotion ? t('promotions.edit') : t('promotions.new')}
      size="lg"
    >
      <Stack>
        <TextInput
          label={t('promotions.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('promotions.coupon')}
          value={coupon}
          onChange={(e) => setCoupon(e.currentTarget.value)}
        />
        {LANGS.map((l) => (
          <Textarea
            key={l}
            label={t('promotions.text', { language: t(`languages.${l}`) })}
            value={text[l] ?? ''}
            onChange={(e) => setText({ ...text, [l]: e.currentTarget.value })}
            autosize
            minRows={2}
          />
        ))}
        <DatesProvider settings={{ locale: i18n.language }}>
          <Group grow>
            <DatePickerInput
              label={t('promotions.from')}
              value={from}
              onChange={setFrom}
              clearable
              valueFormat="D MMM YYYY"
              placeholder={t('promotions.open')}
            />
            <DatePickerInput
              label={t('promotions.until')}
              value={until}
              onChange={setUntil}
              clearable
              valueFormat="D MMM YYYY"
              placeholder={t('promotions.open')}
            />
          </Group>
        </DatesProvider>
        <ErrorNote error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
