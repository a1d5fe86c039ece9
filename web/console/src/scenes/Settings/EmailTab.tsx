// Email: each message kind's days per channel (the message rules; 0 = off), who receives the
// staff tasks (routing), how many messages a customer may get in a period (the frequency cap),
// and the local hour of the daily run. Sending email at all is a paid option the operator sets.
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorNote, Loading } from '../../components/States';
import { useSession } from '../../session';
import { PaidOption } from './PaidOption';
import { fieldError, hint, savedNote, settingsKey, type Settings } from './shared';

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
}

type Kind =
  paths['/api/v1/locations/{locationId}/message-rules/{kind}/{channel}']['put']['parameters']['path']['kind'];
type Rule = { kind: string; channel: string; days: number };
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
    },
  });
  const [other, setOther] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: async (v: Values) => {
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
      // Only the rules changed here: one PUT each, a refusal shown on its own cell.
      for (const [key, days] of Object.entries(v.days)) {
        const before = byKey.get(key);
        if (!before || before.days === days) continue;
        const [kind, channel] = key.split('|') as [string, Channel];
        try {
          await call(
            api.PUT('/api/v1/locations/{locationId}/message-rules/{kind}/{channel}', {
              params: { path: { locationId, kind: kind as Kind, channel } },
              body: { days },
            }),
          );
        } catch (error) {
          if (error instanceof ApiError) {
            form.setFieldError(`days.${key}`, error.message);
            throw new ApiError(error.status, error.code, error.message, `days.${key}`);
          }
          throw error;
        }
      }
    },
    onMutate: () => setOther(null),
    onError: (error) => setOther(fieldError(form, error)),
    onSuccess: async () => {
      form.resetDirty();
      savedNote(t);
      await client.invalidateQueries({ queryKey: ['message-rules', locationId] });
    },
  });

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} data-testid="settings-email">
      <Stack maw={960}>
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
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
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
