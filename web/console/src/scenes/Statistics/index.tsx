// Statistics: the current location's messages over a period (by day or month and status, by kind,
// by channel, by status) from GET /locations/:id/stats, then the results (Results.tsx): retention,
// loyalty, cohorts, what each message brought back and the control group's lift. Charts are @mantine/charts (recharts), loaded only with this screen.
import '@mantine/charts/styles.css';
import 'dayjs/locale/es';
import 'dayjs/locale/fr';
import { BarChart, DonutChart } from '@mantine/charts';
import { Card, ColorSwatch, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { DatePickerInput, DatesProvider, type DatesRangeValue } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatNumber, todayIn } from '../../components/format';
import { Empty, ErrorNote, Loading } from '../../components/States';
import { useLocation } from '../../session';
import { formatPercent, monthLabel, Results } from './Results';

const STATUS_COLORS: Record<string, string> = {
  sent: 'teal.7',
  pending: 'indigo.4',
  sending: 'blue.6',
  held: 'yellow.6',
  failed: 'red.7',
  bounced: 'orange.7',
  cancelled: 'gray.5',
};
const KNOWN_STATUSES = Object.keys(STATUS_COLORS);
/** Longer periods than this are charted by month rather than by day. */
const MAX_DAY_BARS = 92;

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function dayLabel(day: string, language: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** 'teal.7' → the Mantine CSS variable of that colour. */
function cssColor(color: string): string {
  return `var(--mantine-color-${color.replace('.', '-')})`;
}

export default function Statistics() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const location = useLocation();
  const today = todayIn(location.time_zone);
  const [range, setRange] = useState<DatesRangeValue<string>>([addDays(today, -29), today]);
  const [from, to] = range;
  const ready = !!from && !!to;

  const stats = useQuery({
    queryKey: ['stats', location.id, from, to],
    enabled: ready,
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/stats', {
          params: { path: { locationId: location.id }, query: { from: from!, to: to! } },
        }),
      ),
  });
  const endMonth = (to ?? today).slice(0, 7);
  const presets = [7, 30, 90, 365].map((n) => ({
    value: [addDays(today, -(n - 1)), today] as [string, string],
    label: t('statistics.lastDays', { count: n }),
  }));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('statistics.title')}</Title>
        <DatesProvider settings={{ locale: language }}>
          <DatePickerInput
            type="range"
            label={t('statistics.period')}
            value={range}
            onChange={setRange}
            presets={presets}
            maxDate={today}
            valueFormat="D MMM YYYY"
            allowSingleDateInRange
            w={280}
            data-testid="stats-range"
          />
        </DatesProvider>
      </Group>
      <ErrorNote error={stats.error} />
      {!ready ? (
        <Text c="gray.7">{t('statistics.pickEnd')}</Text>
      ) : stats.isPending ? (
        <Loading />
      ) : stats.data && stats.data.totals.all === 0 ? (
        <Empty title={t('statistics.emptyTitle')} next={t('statistics.emptyNext')} />
      ) : stats.data ? (
        <MessageCharts data={stats.data} from={from} to={to} language={language} />
      ) : null}
      <Results endMonth={endMonth} />
    </Stack>
  );
}

interface StatsData {
  rows: Array<{ day: string; kind: string; channel: string; status: string; count: number }>;
  totals: {
    byStatus: Record<string, number>;
    byKind: Record<string, number>;
    byChannel: Record<string, number>;
    all: number;
  };
}

function MessageCharts({
  data,
  from,
  to,
  language,
}: {
  data: StatsData;
  from: string;
  to: string;
  language: string;
}) {
  const { t } = useTranslation();
  const byMonth = daysBetween(from, to) > MAX_DAY_BARS;
  const statuses = [
    ...KNOWN_STATUSES.filter((s) => data.totals.byStatus[s]),
    ...Object.keys(data.totals.byStatus).filter((s) => !KNOWN_STATUSES.includes(s)),
  ];
  const statusLabel = (s: string) => t(`status.${s}`, { defaultValue: s });

  // One bucket per day (or month) of the period, empty ones included, stacked by status.
  const buckets = new Map<string, Record<string, number | string>>();
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const key = byMonth ? d.slice(0, 7) : d;
    if (!buckets.has(key))
      buckets.set(key, {
        bucket: byMonth ? monthLabel(key, language) : dayLabel(key, language),
        ...Object.fromEntries(statuses.map((s) => [s, 0])),
      });
  }
  for (const r of data.rows) {
    const day = r.day.slice(0, 10);
    const b = buckets.get(byMonth ? day.slice(0, 7) : day);
    if (b) b[r.status] = (b[r.status] as number) + r.count;
  }

  const sorted = (record: Record<string, number>) => Object.entries(record).sort((a, b) => b[1] - a[1]);
  const messages = t('statistics.messages');
  const sent = data.totals.byStatus.sent ?? 0;
  const failed = (data.totals.byStatus.failed ?? 0) + (data.totals.byStatus.bounced ?? 0);
  const cards: Array<{ key: string; label: string; value: string }> = [
    { key: 'all', label: t('statistics.total'), value: formatNumber(data.totals.all) },
    { key: 'sent', label: t('status.sent'), value: formatNumber(sent) },
    { key: 'held', label: t('status.held'), value: formatNumber(data.totals.byStatus.held ?? 0) },
    { key: 'failed', label: t('statistics.failedOrBounced'), value: formatNumber(failed) },
    {
      key: 'pending',
      label: t('statistics.waiting'),
      value: formatNumber((data.totals.byStatus.pending ?? 0) + (data.totals.byStatus.sending ?? 0)),
    },
  ];

  return (
    <>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        {cards.map((c) => (
          <Card key={c.key} withBorder padding="sm">
            <Text size="sm" c="gray.7">
              {c.label}
            </Text>
            <Text size="xl" fw={700} data-testid={`total-${c.key}`}>
              {c.value}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <ChartCard title={byMonth ? t('statistics.byMonth') : t('statistics.byDay')}>
        <BarChart
          h={280}
          data={[...buckets.values()]}
          dataKey="bucket"
          type="stacked"
          series={statuses.map((s) => ({
            name: s,
            label: statusLabel(s),
            color: STATUS_COLORS[s] ?? 'grape.6',
          }))}
          valueFormatter={formatNumber}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          textColor="gray.8"
          data-testid="chart-by-day"
        />
      </ChartCard>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ChartCard title={t('statistics.byKind')}>
          <BarChart
            h={Math.max(160, Object.keys(data.totals.byKind).length * 36)}
            orientation="vertical"
            data={sorted(data.totals.byKind).map(([k, count]) => ({
              label: t(`kinds.${k}`, { defaultValue: k }),
              count,
            }))}
            dataKey="label"
            series={[{ name: 'count', label: messages, color: 'indigo.7' }]}
            valueFormatter={formatNumber}
            yAxisProps={{ width: 170 }}
            textColor="gray.8"
            data-testid="chart-by-kind"
          />
        </ChartCard>
        <ChartCard title={t('statistics.byChannel')}>
          <BarChart
            h={Math.max(160, Object.keys(data.totals.byChannel).length * 48)}
            orientation="vertical"
            data={sorted(data.totals.byChannel).map(([c, count]) => ({
              label: t(`channels.${c}`, { defaultValue: c }),
              count,
            }))}
            dataKey="label"
            series={[{ name: 'count', label: messages, color: 'cyan.8' }]}
            valueFormatter={formatNumber}
            yAxisProps={{ width: 110 }}
            textColor="gray.8"
            data-testid="chart-by-channel"
          />
        </ChartCard>
      </SimpleGrid>
      <ChartCard title={t('statistics.byStatus')}>
        <Group justify="center" gap="xl">
          <DonutChart
            size={200}
            thickness={32}
            data={statuses.map((s) => ({
              name: statusLabel(s),
              value: data.totals.byStatus[s] ?? 0,
              color: STATUS_COLORS[s] ?? 'grape.6',
            }))}
            valueFormatter={formatNumber}
            chartLabel={formatNumber(data.totals.all)}
            data-testid="chart-by-status"
          />
          <Stack gap={6}>
            {statuses.map((s) => (
              <Group key={s} gap="xs" wrap="nowrap">
                <ColorSwatch size={12} color={cssColor(STATUS_COLORS[s] ?? 'grape.6')} withShadow={false} />
                <Text size="sm" w={110}>
                  {statusLabel(s)}
                </Text>
                <Text size="sm" fw={600} w={60} ta="right">
                  {formatNumber(data.totals.byStatus[s] ?? 0)}
                </Text>
                <Text size="sm" c="gray.7">
                  {formatPercent((data.totals.byStatus[s] ?? 0) / data.totals.all, language)}
                </Text>
              </Group>
            ))}
          </Stack>
        </Group>
      </ChartCard>
    </>
  );
}

function ChartCard({ title, help, children }: { title: string; help?: string; children: ReactNode }) {
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
