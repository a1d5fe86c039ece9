// Email: each message kind's days per channel (the message rules; 0 = off: email, text and
// postcard) and the order in which its channels are tried (message_rules.channel_rank), the
// INACTIVE kind's repeat interval and when it gives up, who receives the staff tasks (routing), how
// many messages a customer may get in a period (the frequency cap), and the local hour of the daily
// run. Sending email at all is a paid option the operator sets.
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorNote, Loading } from '../../components/States';
import { useSession } from '../../session';
import { PaidOption } from './PaidOption';
import { hint, settingsKey, type Settings, useSaveTab } from './shared';

const CHANNELS = ['email', 'sms', 'postcard'] as const;
type Channel = (typeof CHANNELS)[number];
const CHANNEL_LABEL: Record<Channel, string> = {
  email: 'channels.email',
  sms: 'channels.text',
  postcard: 'channels.postcard',
};
/** Kinds that make a staff task or notice rather than a message to the customer. */
const STAFF_KINDS = new Set(['E06', 'P00', 'P01', 'P02', 'V01_SALES']);
const ROUTES = ['crm_agent', 'sales_manager', 'sales_rep'] as const;
const ROUTE_FIELDS = ['route_e06', 'route_p00', 'route_p01', 'route_sales'] as const;
type Route = (typeof ROUTES)[number];

interface Values {
  cap_count: number;
  cap_days: number;
  run_hour: string;
  staleness_days: number;
  route_e06: Route;
  route_p00: Route;
  route_p01: Route;
  route_sales: Route;
  days: Record<string, number>;
  /** Per kind, its channels in the order they are tried, joined by commas ("email,sms,postcard"). */
  order: Record<string, string>;
  /** INACTIVE: repeat every interval_days without a visit, give up after dead_days. */
  interval_days: number | '';
  dead_days: number | '';
}

type Kind =
  paths['/api/v1/locations/{locationId}/message-rules/{kind}/{channel}']['put']['parameters']['path']['kind'];
type Rule = {
  kind: string;
  channel: string;
  days: number;
  interval_days: number | null;
  dead_days: number | null;
  channel_rank: number | null;
};
/** Without a rank of its own a channel keeps the default place: email, text, postcard. */
const DEFAULT_RANK: Record<string, number> = { email: 1, sms: 2, postcard: 3 };
const rankOf = (r: Rule) => r.channel_rank ?? DEFAULT_RANK[r.channel] ?? 9;

/** The kind's channels in the order they are tried now. */
function orderOf(rules: Rule[], kind: string): string {
  return rules
    .filter((r) => r.kind === kind)
    .sort((a, b) => rankOf(a) - rankOf(b) || (DEFAULT_RANK[a.channel] ?? 9) - (DEFAULT_RANK[b.channel] ?? 9))
    .map((r) => r.channel)
    .join(',');
}

/** Every order of these channels (3 channels: 6 orders). */
function permutations(items: string[]): string[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}
const ruleKey = (kind: string, channel: string) => `${kind}|${channel}`;
const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);
const route = (v: unknown): Route =>
  (ROUTES as readonly unknown[]).includes(v) ? (v as Route) : 'crm_agent';

export function EmailTab({ locationId, settings }: { locationId: number; settings: Settings }) {
  const rules = useQuery({
    queryKey: ['message-rules', locationId],
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/message-rules', {
          params: { path: { locationId }, query: {} },
        }),
      ),
  });
  if (rules.isPending) return <Loading />;
  if (rules.error) return <ErrorNote error={rules.error} />;
  return <EmailForm locationId={locationId} settings={settings} rules={rules.data.items} />;
}

function EmailForm({
  locationId,
  settings,
  rules,
}: {
  locationId: number;
  settings: Settings;
  rules: Rule[];
}) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const canRules = session.can('rules.write');
  const e = settings.email;
  // Messages to customers first (in the engine's priority order), then the staff's.
  const kinds = [...new Set(rules.map((r) => r.kind))].sort(
    (a, b) => Number(STAFF_KINDS.has(a)) - Number(STAFF_KINDS.has(b)),
  );
  const byKey = new Map(rules.map((r) => [ruleKey(r.kind, r.channel), r]));
  // INACTIVE's interval and dead days are kept on each of its channel rules, shown and saved as one.
  const inactiveRules = rules.filter((r) => r.kind === 'INACTIVE');
  const inactive = inactiveRules.find((r) => r.channel === 'email') ?? inactiveRules[0];
  const channelsOf = (kind: string) => CHANNELS.filter((c) => byKey.has(ruleKey(kind, c)));
  const form = useForm<Values>({
    initialValues: {
      cap_count: num(e.cap_count, 2),
      cap_days: num(e.cap_days, 7),
      run_hour: String(num(e.run_hour, 6)),
      staleness_days: num(e.staleness_days, 7),
      route_e06: route(e.route_e06),
      route_p00: route(e.route_p00),
      route_p01: route(e.route_p01),
      route_sales: route(e.route_sales),
      days: Object.fromEntries(rules.map((r) => [ruleKey(r.kind, r.channel), r.days])),
      order: Object.fromEntries(kinds.map((k) => [k, orderOf(rules, k)])),
      interval_days: inactive?.interval_days ?? '',
      dead_days: inactive?.dead_days ?? '',
    },
  });
  const { save, other } = useSaveTab(form, t, {
    save: async (v: Values) => {
      const saved = await call(
        api.PUT('/api/v1/locations/{locationId}/settings/email', {
          params: { path: { locationId } },
          body: {
            cap_count: v.cap_count,
            cap_days: v.cap_days,
            run_hour: Number(v.run_hour),
            staleness_days: v.staleness_days,
            route_e06: v.route_e06,
            route_p00: v.route_p00,
            route_p01: v.route_p01,
            route_sales: v.route_sales,
          },
        }),
      );
      client.setQueryData(settingsKey(locationId), saved);
      if (!canRules) return;
      // Only the rules changed here: one PUT each, a refusal shown on its own cell (INACTIVE's
      // interval and dead days under their own fields).
      const inactiveChanged =
        inactive !== undefined &&
        (v.interval_days !== (inactive.interval_days ?? '') || v.dead_days !== (inactive.dead_days ?? ''));
      for (const [key, days] of Object.entries(v.days)) {
        const before = byKey.get(key);
        if (!before) continue;
        const [kind, channel] = key.split('|') as [string, Channel];
        const reordered = v.order[kind] !== undefined && v.order[kind] !== orderOf(rules, kind);
        const repeat = kind === 'INACTIVE' && inactiveChanged;
        if (before.days === days && !reordered && !repeat) continue;
        const rank = v.order[kind]?.split(',').indexOf(channel) ?? -1;
        try {
          await call(
            api.PUT('/api/v1/locations/{locationId}/message-rules/{kind}/{channel}', {
              params: { path: { locationId, kind: kind as Kind, channel } },
              body: {
                days,
                ...(reordered && rank >= 0 ? { channel_rank: rank + 1 } : {}),
                ...(repeat
                  ? {
                      interval_days: v.interval_days === '' ? null : v.interval_days,
                      dead_days: v.dead_days === '' ? null : v.dead_days,
                    }
                  : {}),
              },
            }),
          );
        } catch (error) {
          if (error instanceof ApiError) {
            if (repeat && (error.field === 'interval_days' || error.field === 'dead_days')) throw error;
            form.setFieldError(`days.${key}`, error.message);
            throw new ApiError(error.status, error.code, error.message, `days.${key}`);
          }
          throw error;
        }
      }
    },
    saved: () => client.invalidateQueries({ queryKey: ['message-rules', locationId] }),
  });

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} data-testid="settings-email">
      <Stack maw={1060}>
        <PaidOption label={t('settings.email.sending')} on={e.email_enabled} />
        <ErrorNote error={other} />
        <Title order={3} size="h4">
          {t('settings.email.daysTitle')}
        </Title>
        <Text size="sm">{t('settings.email.daysHelp')}</Text>
        <Table striped withTableBorder data-testid="rules-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.email.kind')}</Table.Th>
              {CHANNELS.map((c) => (
                <Table.Th key={c}>{t(CHANNEL_LABEL[c])}</Table.Th>
              ))}
              <Table.Th>{t('ruleSettings.order')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {kinds.map((kind) => (
              <Table.Tr key={kind}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {t(`kinds.${kind}`, { defaultValue: kind })}
                  </Text>
                  <Text size="xs" c="gray.7">
                    {kind}
                  </Text>
                </Table.Td>
                {CHANNELS.map((c) => {
                  const key = ruleKey(kind, c);
                  if (!byKey.has(key))
                    return (
                      <Table.Td key={c}>
                        <Text size="sm" c="gray.7" aria-label={t('settings.email.noRule')}>
                          —
                        </Text>
                      </Table.Td>
                    );
                  return (
                    <Table.Td key={c}>
                      <Group gap={6} wrap="nowrap">
                        <NumberInput
                          aria-label={t('settings.email.daysFor', {
                            kind: t(`kinds.${kind}`, { defaultValue: kind }),
                            channel: t(CHANNEL_LABEL[c]),
                          })}
                          data-testid={`days-${kind}-${c}`}
                          min={0}
                          max={3650}
                          allowDecimal={false}
                          allowNegative={false}
                          hideControls
                          w={72}
                          disabled={!canRules}
                          {...form.getInputProps(`days.${key}`)}
                          onChange={(v) => form.setFieldValue(`days.${key}`, Number(v) || 0)}
                        />
                        {form.values.days[key] === 0 && (
                          <Text size="xs" c="gray.7">
                            {t('settings.off')}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                  );
                })}
                <Table.Td>
                  {STAFF_KINDS.has(kind) || channelsOf(kind).length < 2 ? (
                    <Text size="sm" c="gray.7" aria-label={t('ruleSettings.noOrder')}>
                      —
                    </Text>
                  ) : (
                    <Select
                      aria-label={t('ruleSettings.orderFor', {
                        kind: t(`kinds.${kind}`, { defaultValue: kind }),
                      })}
                      data-testid={`order-${kind}`}
                      data={permutations(channelsOf(kind)).map((p) => ({
                        value: p.join(','),
                        label: p.map((c) => t(`ruleSettings.short.${c}`)).join(' → '),
                      }))}
                      allowDeselect={false}
                      disabled={!canRules}
                      w={270}
                      comboboxProps={{ width: 'target' }}
                      {...form.getInputProps(`order.${kind}`)}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" c="gray.7">
          {t('ruleSettings.orderHelp')}
        </Text>
        {inactive && (
          <>
            <Title order={3} size="h4">
              {t('ruleSettings.inactiveTitle')}
            </Title>
            <Text size="sm">{t('ruleSettings.inactiveHelp')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput
                label={t('ruleSettings.interval_days')}
                {...hint}
                description={t('ruleSettings.interval_daysHelp')}
                min={1}
                max={3650}
                allowDecimal={false}
                allowNegative={false}
                disabled={!canRules}
                data-testid="inactive-interval_days"
                {...form.getInputProps('interval_days')}
              />
              <NumberInput
                label={t('ruleSettings.dead_days')}
                {...hint}
                description={t('ruleSettings.dead_daysHelp')}
                min={1}
                max={7300}
                allowDecimal={false}
                allowNegative={false}
                disabled={!canRules}
                data-testid="inactive-dead_days"
                {...form.getInputProps('dead_days')}
              />
            </SimpleGrid>
          </>
        )}
        <Title order={3} size="h4">
          {t('settings.email.capTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('settings.email.cap_count')}
            min={1}
            max={50}
            allowDecimal={false}
            data-testid="email-cap_count"
            {...form.getInputProps('cap_count')}
          />
          <NumberInput
            label={t('settings.email.cap_days')}
            min={1}
            max={365}
            allowDecimal={false}
            data-testid="email-cap_days"
            {...form.getInputProps('cap_days')}
          />
        </SimpleGrid>
        <Text size="sm" c="gray.7">
          {t('settings.email.capHelp', { count: form.values.cap_count, days: form.values.cap_days })}
        </Text>
        <Title order={3} size="h4">
          {t('settings.email.runTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('settings.email.run_hour')}
            {...hint}
            description={t('settings.email.run_hourHelp')}
            data={Array.from({ length: 24 }, (_, h) => ({
              value: String(h),
              label: `${String(h).padStart(2, '0')}:00`,
            }))}
            allowDeselect={false}
            data-testid="email-run_hour"
            {...form.getInputProps('run_hour')}
          />
          <NumberInput
            label={t('settings.email.staleness_days')}
            {...hint}
            description={t('settings.email.staleness_daysHelp')}
            min={0}
            max={365}
            allowDecimal={false}
            data-testid="email-staleness_days"
            {...form.getInputProps('staleness_days')}
          />
        </SimpleGrid>
        <Title order={3} size="h4">
          {t('settings.email.routingTitle')}
        </Title>
        <Text size="sm">{t('settings.email.routingHelp')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {ROUTE_FIELDS.map((f) => (
            <Select
              key={f}
              label={t(`settings.email.${f}`)}
              data={ROUTES.map((r) => ({ value: r, label: t(`settings.routes.${r}`) }))}
              allowDeselect={false}
              data-testid={`email-${f}`}
              {...form.getInputProps(f)}
            />
          ))}
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
