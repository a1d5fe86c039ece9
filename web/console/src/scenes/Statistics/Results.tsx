// Results on the Statistics screen (docs/results.md): retention and loyalty per month, cohorts of
// first-visit months, what each kind of message brought back (per kind, channel, language, month)
// and the control group's lift, over the 12 months ending with `endMonth`. Charts are
// @mantine/charts; the figures come from GET /locations/:id/results/….
import { BarChart, LineChart, MatrixChart } from '@mantine/charts';
import { Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { formatNumber } from '../../components/format';
import { ErrorNote, Loading } from '../../components/States';
import { useLocation } from '../../session';

type Path =
  | '/api/v1/locations/{locationId}/results/retention'
  | '/api/v1/locations/{locationId}/results/loyalty'
  | '/api/v1/locations/{locationId}/results/cohorts'
  | '/api/v1/locations/{locationId}/results/attribution'
  | '/api/v1/locations/{locationId}/results/lift';

type Ok<R> = R extends { 200: { content: { 'application/json': infer B } } } ? B : never;
type Report<P extends Path> = Ok<paths[P]['get']['responses']>;

function useReport<P extends Path>(path: P, locationId: number, to: string) {
  return useQuery({
    queryKey: ['results', path, locationId, to],
    queryFn: () =>
      call(api.GET(path as Path, { params: { path: { locationId }, query: { to } } })) as Promise<Report<P>>,
  });
}

export function monthLabel(month: string, language: string): string {
  return new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

export function formatPercent(rate: number | null | undefined, language: string): string {
  if (rate === null || rate === undefined) return '—';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

function formatPoints(lift: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
    lift * 100,
  );
}

function formatAmount(n: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(n);
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

interface AttributionRow {
  month: string;
  kind: string;
  channel: string;
  language: string;
  messages: number;
  returned: number;
  visits: number;
  invoice_total: number;
  deferred_items: number;
  deferred_items_done: number;
}
type Totals = Omit<AttributionRow, 'month' | 'kind' | 'channel' | 'language'>;

function sumBy(rows: AttributionRow[], key: (r: AttributionRow) => string): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const r of rows) {
    const k = key(r);
    const t = out.get(k) ?? {
      messages: 0,
      returned: 0,
      visits: 0,
      invoice_total: 0,
      deferred_items: 0,
      deferred_items_done: 0,
    };
    t.messages += r.messages;
    t.returned += r.returned;
    t.visits += r.visits;
    t.invoice_total += r.invoice_total;
    t.deferred_items += r.deferred_items;
    t.deferred_items_done += r.deferred_items_done;
    out.set(k, t);
  }
  return out;
}

export function Results({ endMonth }: { endMonth: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const location = useLocation();
  const retention = useReport('/api/v1/locations/{locationId}/results/retention', location.id, endMonth);
  const loyalty = useReport('/api/v1/locations/{locationId}/results/loyalty', location.id, endMonth);
  const cohorts = useReport('/api/v1/locations/{locationId}/results/cohorts', location.id, endMonth);
  const attribution = useReport('/api/v1/locations/{locationId}/results/attribution', location.id, endMonth);
  const lift = useReport('/api/v1/locations/{locationId}/results/lift', location.id, endMonth);

  const retentionItems = (retention.data?.items ?? []) as Array<{
    month: string;
    customers_before: number;
    retained: number;
    retention_rate: number | null;
  }>;
  const loyaltyItems = (loyalty.data?.items ?? []) as Array<{
    month: string;
    active_customers: number;
    loyal_customers: number;
    loyalty_rate: number | null;
  }>;
  const attributionRows = (attribution.data?.items ?? []) as AttributionRow[];
  const windowDays = (attribution.data as { window_days?: number } | undefined)?.window_days ?? 30;

  const lastRetention = [...retentionItems].reverse().find((i) => i.retention_rate !== null);
  const lastLoyalty = [...loyaltyItems].reverse().find((i) => i.loyalty_rate !== null);
  const all = sumBy(attributionRows, () => 'all').get('all');

  const headline: Array<{ key: string; label: string; value: string; note: string }> = [
    {
      key: 'retention',
      label: t('results.retention'),
      value: formatPercent(lastRetention?.retention_rate, language),
      note: lastRetention
        ? t('results.retentionNote', {
            retained: lastRetention.retained,
            before: lastRetention.customers_before,
          })
        : t('results.notYet'),
    },
    {
      key: 'loyalty',
      label: t('results.loyalty'),
      value: formatPercent(lastLoyalty?.loyalty_rate, language),
      note: lastLoyalty
        ? t('results.loyaltyNote', {
            loyal: lastLoyalty.loyal_customers,
            active: lastLoyalty.active_customers,
          })
        : t('results.notYet'),
    },
    {
      key: 'returned',
      label: t('results.cameBack', { days: windowDays }),
      value: formatPercent(all ? ratio(all.returned, all.messages) : null, language),
      note: all
        ? t('results.cameBackNote', { returned: all.returned, messages: all.messages })
        : t('results.noMessagesYet'),
    },
    {
      key: 'invoiced',
      label: t('results.invoiced'),
      value: all ? formatAmount(all.invoice_total, language) : '—',
      note: all ? t('results.invoicedNote', { visits: all.visits }) : t('results.noMessagesYet'),
    },
  ];

  return (
    <Stack>
      <Title order={2} size="h3" mt="md">
        {t('results.title')}
      </Title>
      <Text c="gray.7" size="sm" mt={-8}>
        {t('results.intro', { month: monthLabel(endMonth, language) })}
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {headline.map((c) => (
          <Card key={c.key} withBorder padding="sm">
            <Text size="sm" c="gray.7">
              {c.label}
            </Text>
            <Text size="xl" fw={700} data-testid={`result-${c.key}`}>
              {c.value}
            </Text>
            <Text size="xs" c="gray.7">
              {c.note}
            </Text>
          </Card>
        ))}
      </SimpleGrid>

      <Section title={t('results.trendTitle')} help={t('results.trendHelp')}>
        <ErrorNote error={retention.error ?? loyalty.error} />
        {retention.isPending || loyalty.isPending ? (
          <Loading />
        ) : lastRetention || lastLoyalty ? (
          <LineChart
            h={260}
            data={retentionItems.map((r, i) => ({
              month: monthLabel(r.month, language),
              retention: r.retention_rate,
              loyalty: loyaltyItems[i]?.loyalty_rate ?? null,
            }))}
            dataKey="month"
            series={[
              { name: 'retention', label: t('results.retention'), color: 'indigo.7' },
              { name: 'loyalty', label: t('results.loyalty'), color: 'teal.7' },
            ]}
            valueFormatter={(v) => formatPercent(v, language)}
            yAxisProps={{ domain: [0, 1] }}
            connectNulls
            curveType="linear"
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            textColor="gray.8"
            data-testid="chart-retention"
          />
        ) : (
          <Hint>{t('results.trendEmpty')}</Hint>
        )}
      </Section>

      <Section title={t('results.cohortsTitle')} help={t('results.cohortsHelp')}>
        <ErrorNote error={cohorts.error} />
        {cohorts.isPending ? <Loading /> : <Cohorts items={cohorts.data?.items ?? []} language={language} />}
      </Section>

      <Section
        title={t('results.attributionTitle')}
        help={t('results.attributionHelp', { days: windowDays })}
      >
        <ErrorNote error={attribution.error} />
        {attribution.isPending ? (
          <Loading />
        ) : all && all.messages > 0 ? (
          <Attribution rows={attributionRows} language={language} />
        ) : (
          <Hint>{t('results.attributionEmpty', { days: windowDays })}</Hint>
        )}
      </Section>

      <Section title={t('results.liftTitle')} help={t('results.liftHelp')}>
        <ErrorNote error={lift.error} />
        {lift.isPending ? <Loading /> : <Lift items={lift.data?.items ?? []} language={language} />}
      </Section>
    </Stack>
  );
}

function Cohorts({
  items,
  language,
}: {
  items: Array<{ cohort: string; months_since: number; customers: number; returned: number }>;
  language: string;
}) {
  const { t } = useTranslation();
  const sizes = new Map<string, number>();
  for (const i of items) if (i.months_since === 0) sizes.set(i.cohort, i.customers);
  const cohorts = [...sizes.entries()].filter(([, n]) => n > 0).map(([c]) => c);
  if (cohorts.length === 0) return <Hint>{t('results.cohortsEmpty')}</Hint>;
  const rowLabel = (c: string) =>
    t('results.cohortRow', { month: monthLabel(c, language), customers: sizes.get(c) ?? 0 });
  const columns = Array.from({ length: 12 }, (_, i) => String(i + 1));
  const byCell = new Map(items.map((i) => [`${i.cohort}/${i.months_since}`, i]));
  const data = cohorts.flatMap((c) =>
    columns.map((x) => {
      const cell = byCell.get(`${c}/${x}`);
      return { x, y: rowLabel(c), value: cell && cell.customers > 0 ? cell.returned / cell.customers : null };
    }),
  );
  return (
    <Stack gap="xs">
      <Text size="xs" c="gray.8" ml={150}>
        {t('results.cohortColumns')}
      </Text>
      <MatrixChart
        data={data}
        xLabels={columns}
        yLabels={cohorts.map(rowLabel)}
        withXLabels
        withYLabels
        xLabelsPosition="top"
        xLabelsRotation={0}
        xLabelsHeight={24}
        yLabelsWidth={150}
        cellSize={34}
        gap={2}
        domain={[0, Math.max(0.01, ...data.map((d) => d.value ?? 0))]}
        colors={['indigo.0', 'indigo.2', 'indigo.4', 'indigo.6', 'indigo.8']}
        emptyColor="gray.1"
        withTooltip
        getTooltipLabel={(cell) =>
          cell.value === null
            ? t('results.cohortFuture')
            : t('results.cohortTooltip', {
                cohort: cell.y,
                months: Number(cell.x),
                rate: formatPercent(cell.value, language),
              })
        }
        withLegend
        legendLabels={[t('results.fewer'), t('results.more')]}
        role="img"
        aria-label={t('results.cohortsTitle')}
        data-testid="chart-cohorts"
      />
    </Stack>
  );
}

function Attribution({ rows, language }: { rows: AttributionRow[]; language: string }) {
  const { t } = useTranslation();
  const byMonth = [...sumBy(rows, (r) => r.month).entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const rated = (m: Map<string, Totals>, label: (k: string) => string) =>
    [...m.entries()]
      .sort((a, b) => b[1].messages - a[1].messages)
      .map(([k, v]) => ({ label: label(k), rate: ratio(v.returned, v.messages) ?? 0 }));
  const byKind = [...sumBy(rows, (r) => r.kind).entries()].sort((a, b) => b[1].messages - a[1].messages);
  const percent = (v: number) => formatPercent(v, language);
  const rateSeries = [{ name: 'rate', label: t('results.returnRate'), color: 'teal.7' }];
  const small = (
    testId: string,
    title: string,
    data: Array<{ label: string; rate: number }>,
    width: number,
  ) => (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <BarChart
        h={Math.max(120, data.length * 34)}
        orientation="vertical"
        data={data}
        dataKey="label"
        series={rateSeries}
        valueFormatter={percent}
        xAxisProps={{ domain: [0, 1] }}
        yAxisProps={{ width }}
        textColor="gray.8"
        data-testid={testId}
      />
    </Stack>
  );
  return (
    <Stack>
      <BarChart
        h={240}
        data={byMonth.map(([month, v]) => ({
          month: monthLabel(month, language),
          messages: v.messages,
          returned: v.returned,
        }))}
        dataKey="month"
        series={[
          { name: 'messages', label: t('results.sent'), color: 'gray.5' },
          { name: 'returned', label: t('results.returned'), color: 'teal.7' },
        ]}
        valueFormatter={formatNumber}
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        textColor="gray.8"
        data-testid="chart-attribution-month"
      />
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {small(
          'chart-attribution-kind',
          t('results.byKind'),
          rated(
            sumBy(rows, (r) => r.kind),
            (k) => t(`kinds.${k}`, { defaultValue: k }),
          ),
          150,
        )}
        {small(
          'chart-attribution-channel',
          t('results.byChannel'),
          rated(
            sumBy(rows, (r) => r.channel),
            (k) => t(`channels.${k}`, { defaultValue: k }),
          ),
          100,
        )}
        {small(
          'chart-attribution-language',
          t('results.byLanguage'),
          rated(
            sumBy(rows, (r) => r.language),
            (k) => t(`languages.${k}`, { defaultValue: k }),
          ),
          90,
        )}
      </SimpleGrid>
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="attribution-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('results.kind')}</Table.Th>
              <Table.Th ta="right">{t('results.sent')}</Table.Th>
              <Table.Th ta="right">{t('results.returned')}</Table.Th>
              <Table.Th ta="right">{t('results.returnRate')}</Table.Th>
              <Table.Th ta="right">{t('results.visits')}</Table.Th>
              <Table.Th ta="right">{t('results.invoicedShort')}</Table.Th>
              <Table.Th ta="right">{t('results.deferredDone')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {byKind.map(([kind, v]) => (
              <Table.Tr key={kind}>
                <Table.Td>{t(`kinds.${kind}`, { defaultValue: kind })}</Table.Td>
                <Table.Td ta="right">{formatNumber(v.messages)}</Table.Td>
                <Table.Td ta="right">{formatNumber(v.returned)}</Table.Td>
                <Table.Td ta="right">{formatPercent(ratio(v.returned, v.messages), language)}</Table.Td>
                <Table.Td ta="right">{formatNumber(v.visits)}</Table.Td>
                <Table.Td ta="right">{formatAmount(v.invoice_total, language)}</Table.Td>
                <Table.Td ta="right">
                  {v.deferred_items > 0
                    ? t('results.ofItems', { done: v.deferred_items_done, items: v.deferred_items })
                    : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Lift({
  items,
  language,
}: {
  items: Array<{
    kind: string;
    sent: number;
    sent_returned: number;
    control: number;
    control_returned: number;
  }>;
  language: string;
}) {
  const { t } = useTranslation();
  const kinds = new Map<string, { sent: number; sentBack: number; control: number; controlBack: number }>();
  for (const i of items) {
    const k = kinds.get(i.kind) ?? { sent: 0, sentBack: 0, control: 0, controlBack: 0 };
    k.sent += i.sent;
    k.sentBack += i.sent_returned;
    k.control += i.control;
    k.controlBack += i.control_returned;
    kinds.set(i.kind, k);
  }
  const measured = [...kinds.entries()].filter(([, k]) => k.control > 0 && k.sent > 0);
  if (measured.length === 0) return <Hint>{t('results.liftEmpty')}</Hint>;
  const data = measured.map(([kind, k]) => ({
    kind: t(`kinds.${kind}`, { defaultValue: kind }),
    sent: ratio(k.sentBack, k.sent) ?? 0,
    control: ratio(k.controlBack, k.control) ?? 0,
  }));
  return (
    <Stack>
      <BarChart
        h={Math.max(160, data.length * 60)}
        orientation="vertical"
        data={data}
        dataKey="kind"
        series={[
          { name: 'sent', label: t('results.withMessage'), color: 'teal.7' },
          { name: 'control', label: t('results.withoutMessage'), color: 'gray.6' },
        ]}
        valueFormatter={(v) => formatPercent(v, language)}
        xAxisProps={{ domain: [0, 1] }}
        yAxisProps={{ width: 150 }}
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        textColor="gray.8"
        data-testid="chart-lift"
      />
      <Group gap="lg">
        {measured.map(([kind, k]) => (
          <Text key={kind} size="sm" data-testid={`lift-${kind}`}>
            {t('results.liftLine', {
              kind: t(`kinds.${kind}`, { defaultValue: kind }),
              points: formatPoints(
                (ratio(k.sentBack, k.sent) ?? 0) - (ratio(k.controlBack, k.control) ?? 0),
                language,
              ),
              sent: k.sent,
              control: k.control,
            })}
          </Text>
        ))}
      </Group>
    </Stack>
  );
}

function Hint({ children }: { children: ReactNode }) {
  return (
    <Text c="gray.7" size="sm" data-testid="empty-state">
      {children}
    </Text>
  );
}

function Section({ title, help, children }: { title: string; help?: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md">
      <Title order={3} size="h5" mb={help ? 2 : 'sm'}>
        {title}
      </Title>
      {help && (
        <Text size="xs" c="gray.7" mb="sm">
          {help}
        </Text>
      )}
      {children}
    </Card>
  );
}
