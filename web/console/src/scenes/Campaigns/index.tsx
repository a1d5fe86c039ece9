// Campaigns: one-off messages to a segment of customers. List, create and edit a draft (segment,
// the message per language or a promotion), preview the counts the engine would decide (who gets
// it, who is held and why, per channel and language), send for today or a later day, cancel.
import 'dayjs/locale/es';
import 'dayjs/locale/fr';
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { formatDate, formatNumber, todayIn } from '../../components/format';
import { SortableTh, useSort } from '../../components/SortableTh';
import { ErrorNote, Loading } from '../../components/States';
import { ListPage, useRowAction } from '../../components/ListPage';
import { pagerOf, useCursorPages } from '../../components/useCursorPages';
import { useLocation, useSession } from '../../session';
import { usePromotions, type Promotion } from '../Promotions';

type Lang = 'en' | 'fr' | 'es';
const LANGS: Lang[] = ['en', 'fr', 'es'];
interface Segment {
  vehicle_make: string | null;
  maintenance_within_days: number | null;
  inactive_min_months: number | null;
  inactive_max_months: number | null;
  language: string | null;
}
interface Campaign {
  id: number;
  name: string;
  status: 'draft' | 'scheduled' | 'sent' | 'cancelled';
  segment: Segment;
  content: Partial<Record<Lang, { subject: string; body: string }>> | null;
  promotion_id: number | null;
  send_on: string | null;
}
// Shades dark enough for white badge text (WCAG AA contrast).
const STATUS_COLOR = { draft: 'gray.7', scheduled: 'indigo.7', sent: 'teal.9', cancelled: 'gray.7' } as const;

export default function Campaigns() {
  const { t } = useTranslation();
  const location = useLocation();
  const { can } = useSession();
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);
  const [previewing, setPreviewing] = useState<Campaign | null>(null);
  const sorting = useSort<'name' | 'status' | 'send_on'>();
  const pages = useCursorPages(`${location.id}:${sorting.sort ?? ''}`);
  const list = useQuery({
    queryKey: ['campaigns', location.id, sorting.sort, pages.cursor],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/campaigns', {
          params: {
            path: { locationId: location.id },
            query: {
              limit: 25,
              ...(sorting.sort ? { sort: sorting.sort } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
  });
  const cancel = useRowAction(
    (id: number) =>
      call(api.POST('/api/v1/campaigns/{campaignId}/cancel', { params: { path: { campaignId: id } } })),
    t('campaigns.cancelled'),
    ['campaigns', location.id],
  );
  const readsResults = can('stats.read');
  const results = useQuery({
    queryKey: ['campaign-results', location.id],
    enabled: readsResults,
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/results/campaigns', {
          params: { path: { locationId: location.id } },
        }),
      ),
  });
  const resultOf = new Map((results.data?.items ?? []).map((r) => [r.campaign_id, r]));
  const today = todayIn(location.time_zone);
  const writable = can('rules.write');
  const items = (list.data?.items ?? []) as Campaign[];
  return (
    <ListPage
      title={t('campaigns.title')}
      newLabel={t('campaigns.new')}
      onNew={writable ? () => setEditing('new') : undefined}
      error={list.error ?? cancel.error}
      pending={list.isPending}
      empty={items.length === 0 ? { title: t('campaigns.emptyTitle'), next: t('campaigns.emptyNext') } : null}
      pager={pagerOf(pages, list.data?.next_cursor)}
      dialogs={
        <>
          {editing && (
            <CampaignDialog
              campaign={editing === 'new' ? null : editing}
              locationId={location.id}
              onClose={() => setEditing(null)}
            />
          )}
          {previewing && (
            <PreviewDialog
              campaign={previewing}
              locationId={location.id}
              timeZone={location.time_zone}
              writable={writable}
              onClose={() => setPreviewing(null)}
            />
          )}
        </>
      }
    >
      <Table striped highlightOnHover data-testid="campaigns-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh label={t('campaigns.name')} {...sorting.header('name')} />
            <Table.Th>{t('campaigns.segment')}</Table.Th>
            <SortableTh label={t('campaigns.status')} {...sorting.header('status')} />
            <SortableTh label={t('campaigns.sendOn')} {...sorting.header('send_on')} />
            {readsResults && <Table.Th>{t('campaigns.broughtBack')}</Table.Th>}
            <Table.Th>{t('campaigns.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.name}</Table.Td>
              <Table.Td>{describeSegment(c.segment, t)}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[c.status]}>{t(`campaigns.statuses.${c.status}`)}</Badge>
              </Table.Td>
              <Table.Td>{c.send_on ? formatDate(c.send_on) : '—'}</Table.Td>
              {readsResults && (
                <Table.Td data-testid={`campaign-result-${c.id}`}>
                  <CampaignResult result={resultOf.get(c.id)} today={today} />
                </Table.Td>
              )}
              <Table.Td>
                <Group gap="xs">
                  {c.status !== 'cancelled' && (
                    <Button size="compact-sm" variant="default" onClick={() => setPreviewing(c)}>
                      {c.status === 'sent' ? t('campaigns.results') : t('campaigns.previewSend')}
                    </Button>
                  )}
                  {writable && (c.status === 'draft' || c.status === 'scheduled') && (
                    <>
                      <Button size="compact-sm" variant="default" onClick={() => setEditing(c)}>
                        {t('campaigns.edit')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => cancel.mutate(c.id)}
                        loading={cancel.isPending && cancel.variables === c.id}
                      >
                        {t('campaigns.cancel')}
                      </Button>
                    </>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ListPage>
  );
}

function describeSegment(s: Segment, t: (k: string, o?: Record<string, unknown>) => string): string {
  const parts = [
    s.vehicle_make ? t('campaigns.seg.make', { make: s.vehicle_make }) : null,
    s.maintenance_within_days != null ? t('campaigns.seg.due', { days: s.maintenance_within_days }) : null,
    s.inactive_min_months != null || s.inactive_max_months != null
      ? t('campaigns.seg.inactive', { min: s.inactive_min_months ?? 0, max: s.inactive_max_months ?? '…' })
      : null,
    s.language ? t(`languages.${s.language}`) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : t('campaigns.seg.everyone');
}

function CampaignDialog({
  campaign,
  locationId,
  onClose,
}: {
  campaign: Campaign | null;
  locationId: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const promotions = usePromotions(locationId, { limit: 500 });
  const [name, setName] = useState(campaign?.name ?? '');
  const [segment, setSegment] = useState<Segment>(
    campaign?.segment ?? {
      vehicle_make: null,
      maintenance_within_days: null,
      inactive_min_months: null,
      inactive_max_months: null,
      language: null,
    },
  );
  const [mode, setMode] = useState<'text' | 'promotion'>(
    campaign?.promotion_id && !campaign.content ? 'promotion' : 'text',
  );
  const [content, setContent] = useState<Partial<Record<Lang, { subject: string; body: string }>>>(
    campaign?.content ?? {},
  );
  const [promotionId, setPromotionId] = useState<string | null>(
    campaign?.promotion_id ? String(campaign.promotion_id) : null,
  );
  const num = (v: string | number) => (v === '' ? null : Number(v));
  const save = useMutation({
    mutationFn: () => {
      const filled = Object.fromEntries(
        LANGS.filter((l) => content[l]?.subject.trim() || content[l]?.body.trim()).map((l) => [
          l,
          content[l]!,
        ]),
      );
      const body = {
        name,
        segment: {
          ...segment,
          vehicle_make: segment.vehicle_make?.trim() || null,
          language: segment.language as Lang | null,
        },
        content: mode === 'text' ? filled : null,
        promotion_id: mode === 'promotion' && promotionId ? Number(promotionId) : null,
      };
      return campaign
        ? call(
            api.PATCH('/api/v1/campaigns/{campaignId}', {
              params: { path: { campaignId: campaign.id } },
              body,
            }),
          )
        : call(
            api.POST('/api/v1/locations/{locationId}/campaigns', { params: { path: { locationId } }, body }),
          );
    },
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('common.saved'),
        closeButtonProps: { 'aria-label': t('common.close') },
      });
      await client.invalidateQueries({ queryKey: ['campaigns', locationId] });
      onClose();
    },
  });
  const running = ((promotions.data?.items ?? []) as Promotion[]).filter((p) => p.status !== 'ended');
  const setText = (l: Lang, part: 'subject' | 'body', value: string) =>
    setContent({
      ...content,
      [l]: { subject: content[l]?.subject ?? '', body: content[l]?.body ?? '', [part]: value },
    });
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={campaign ? t('campaigns.edit') : t('campaigns.new')}
      size="xl"
    >
      <Stack>
        <TextInput
          label={t('campaigns.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
        />
        <Text fw={600}>{t('campaigns.segment')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('campaigns.seg.makeLabel')}
            value={segment.vehicle_make ?? ''}
            onChange={(e) => setSegment({ ...segment, vehicle_make: e.currentTarget.value || null })}
          />
          <NumberInput
            label={t('campaigns.seg.dueLabel')}
            value={segment.maintenance_within_days ?? ''}
            onChange={(v) => setSegment({ ...segment, maintenance_within_days: num(v) })}
            min={0}
            max={366}
          />
          <NumberInput
            label={t('campaigns.seg.minLabel')}
            value={segment.inactive_min_months ?? ''}
            onChange={(v) => setSegment({ ...segment, inactive_min_months: num(v) })}
            min={0}
            max={240}
          />
          <NumberInput
            label={t('campaigns.seg.maxLabel')}
            value={segment.inactive_max_months ?? ''}
            onChange={(v) => setSegment({ ...segment, inactive_max_months: num(v) })}
            min={1}
            max={240}
          />
          <Select
            label={t('campaigns.seg.languageLabel')}
            data={LANGS.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            value={segment.language}
            onChange={(v) => setSegment({ ...segment, language: v })}
            clearable
            placeholder={t('campaigns.seg.anyLanguage')}
          />
        </SimpleGrid>
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v as 'text' | 'promotion')}
          data={[
            { value: 'text', label: t('campaigns.ownMessage') },
            { value: 'promotion', label: t('campaigns.aPromotion') },
          ]}
        />
        {mode === 'text' ? (
          LANGS.map((l) => (
            <Card key={l} withBorder>
              <Stack gap="xs">
                <Text fw={600}>{t(`languages.${l}`)}</Text>
                <TextInput
                  label={t('templates.subject')}
                  value={content[l]?.subject ?? ''}
                  onChange={(e) => setText(l, 'subject', e.currentTarget.value)}
                />
                <Textarea
                  label={t('templates.body')}
                  value={content[l]?.body ?? ''}
                  onChange={(e) => setText(l, 'body', e.currentTarget.value)}
                  autosize
                  minRows={3}
                  description={t('campaigns.bodyHint')}
                />
              </Stack>
            </Card>
          ))
        ) : running.length === 0 ? (
          <Text c="gray.7">{t('campaigns.noPromotion')}</Text>
        ) : (
          <Select
            label={t('campaigns.promotion')}
            data={running.map((p) => ({ value: String(p.id), label: p.name }))}
            value={promotionId}
            onChange={setPromotionId}
            data-testid="campaign-promotion"
          />
        )}
        <ErrorNote error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('campaigns.saveDraft')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PreviewDialog({
  campaign,
  locationId,
  timeZone,
  writable,
  onClose,
}: {
  campaign: Campaign;
  locationId: number;
  timeZone: string;
  writable: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const today = todayIn(timeZone);
  const [day, setDay] = useState<string | null>(campaign.send_on ?? today);
  const on = day ?? today;
  const preview = useQuery({
    queryKey: ['campaign-preview', campaign.id, on],
    retry: false,
    queryFn: () =>
      call(
        api.GET('/api/v1/campaigns/{campaignId}/preview', {
          params: { path: { campaignId: campaign.id }, query: campaign.status === 'sent' ? {} : { on } },
        }),
      ),
  });
  const send = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/campaigns/{campaignId}/send', {
          params: { path: { campaignId: campaign.id } },
          body: { send_on: on },
        }),
      ),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('campaigns.sentOk'),
        closeButtonProps: { 'aria-label': t('common.close') },
      });
      await client.invalidateQueries({ queryKey: ['campaigns', locationId] });
      onClose();
    },
  });
  const p = preview.data;
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={campaign.name}
      size="xl"
    >
      <Stack>
        {campaign.status !== 'sent' && (
          <DatesProvider settings={{ locale: i18n.language }}>
            <DatePickerInput
              label={t('campaigns.sendOn')}
              value={day}
              onChange={setDay}
              minDate={today}
              valueFormat="D MMM YYYY"
              w={240}
              data-testid="campaign-day"
            />
          </DatesProvider>
        )}
        <ErrorNote error={preview.error ?? send.error} />
        {preview.isPending ? (
          <Loading />
        ) : p ? (
          <>
            <SimpleGrid cols={3}>
              <Stat label={t('campaigns.total')} value={p.total} testId="preview-total" />
              <Stat label={t('campaigns.toSend')} value={p.to_send} testId="preview-to-send" />
              <Stat label={t('campaigns.held')} value={p.held} testId="preview-held" />
            </SimpleGrid>
            {p.total === 0 && <Text c="gray.7">{t('campaigns.nobody')}</Text>}
            {p.held_by_reason.length > 0 && (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('campaigns.heldWhy')}</Table.Th>
                    <Table.Th>{t('campaigns.count')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.held_by_reason.map((r) => (
                    <Table.Tr key={r.reason}>
                      <Table.Td>{t(`reasons.${r.reason}`, { defaultValue: r.reason })}</Table.Td>
                      <Table.Td>{formatNumber(r.count)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {p.by_channel_language.length > 0 && (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('message.channel')}</Table.Th>
                    <Table.Th>{t('customer.language')}</Table.Th>
                    <Table.Th>{t('campaigns.status')}</Table.Th>
                    <Table.Th>{t('campaigns.count')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.by_channel_language.map((r) => (
                    <Table.Tr key={`${r.channel}|${r.language}|${r.status}`}>
                      <Table.Td>{t(`channels.${r.channel}`, { defaultValue: r.channel })}</Table.Td>
                      <Table.Td>{t(`languages.${r.language}`, { defaultValue: r.language })}</Table.Td>
                      <Table.Td>{t(`status.${r.status}`, { defaultValue: r.status })}</Table.Td>
                      <Table.Td>{formatNumber(r.count)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        ) : null}
        <MessagePreview campaign={campaign} locationId={locationId} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          {writable && campaign.status !== 'sent' && (
            <Button onClick={() => send.mutate()} loading={send.isPending} disabled={!p}>
              {on === today ? t('campaigns.sendToday') : t('campaigns.sendOnDay', { day: formatDate(on) })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

type CampaignResultRow =
  paths['/api/v1/locations/{locationId}/results/campaigns']['get']['responses'][200]['content']['application/json']['items'][number];

/** Sent and came back within the attribution window, with the control group's lift when there is one. */
function CampaignResult({ result, today }: { result: CampaignResultRow | undefined; today: string }) {
  const { t, i18n } = useTranslation();
  if (!result) return <Text size="sm">—</Text>;
  const percent = (r: number | null) =>
    r === null
      ? '—'
      : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(r);
  return (
    <Stack gap={0}>
      <Text size="sm">
        {t('campaigns.cameBack', {
          returned: result.returned,
          sent: result.sent,
          rate: percent(result.return_rate),
        })}
      </Text>
      {result.lift !== null && (
        <Text size="xs" c="gray.7">
          {t('campaigns.withoutIt', { rate: percent(result.control_return_rate), control: result.control })}
        </Text>
      )}
      <Text size="xs" c="gray.7">
        {result.window_ends_on >= today
          ? t('campaigns.countingUntil', { day: formatDate(result.window_ends_on) })
          : t('campaigns.within', { days: result.window_days })}
      </Text>
    </Stack>
  );
}

/** The campaign's message as a customer gets it, rendered by the template preview (sample data). */
function MessagePreview({ campaign, locationId }: { campaign: Campaign; locationId: number }) {
  const { t, i18n } = useTranslation();
  const languages = campaign.content ? LANGS.filter((l) => campaign.content?.[l]) : LANGS;
  const first = languages.includes(i18n.language as Lang) ? (i18n.language as Lang) : languages[0];
  const [language, setLanguage] = useState<Lang>(first ?? 'en');
  const text = campaign.content?.[language];
  // A campaign offering a promotion: its own offer (text in this language, coupon), as the engine
  // puts it in the message.
  const promotionId = campaign.promotion_id ?? undefined;
  const preview = useQuery({
    queryKey: ['campaign-message', locationId, campaign.id, language, text?.subject, text?.body, promotionId],
    retry: false,
    queryFn: () =>
      call(
        api.POST('/api/v1/locations/{locationId}/templates/preview', {
          params: { path: { locationId } },
          body: {
            kind: 'CAMPAIGN',
            channel: 'email',
            language,
            ...(text ? { subject: text.subject, body: text.body } : {}),
            ...(promotionId ? { promotion_id: promotionId } : {}),
          },
        }),
      ),
  });
  return (
    <Stack gap="xs" data-testid="campaign-message">
      <Group justify="space-between">
        <Text fw={600}>{t('campaigns.messagePreview')}</Text>
        {languages.length > 1 && (
          <SegmentedControl
            size="xs"
            value={language}
            onChange={(v) => setLanguage(v as Lang)}
            data={languages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          />
        )}
      </Group>
      <Text size="xs" c="gray.7">
        {text ? t('campaigns.messagePreviewHint') : t('campaigns.messagePreviewPromotionHint')}
      </Text>
      <ErrorNote error={preview.error} />
      {preview.isPending ? (
        <Loading />
      ) : preview.data ? (
        <>
          <Text size="sm">
            <b>{t('templates.subject')}:</b> {preview.data.subject}
          </Text>
          <iframe
            title={t('campaigns.messagePreview')}
            sandbox=""
            srcDoc={preview.data.html}
            data-testid="template-preview"
            style={{
              width: '100%',
              height: 420,
              border: '1px solid var(--mantine-color-gray-4)',
              borderRadius: 8,
              background: 'white',
            }}
          />
        </>
      ) : null}
    </Stack>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Card withBorder>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {formatNumber(value)}
      </Text>
    </Card>
  );
}
