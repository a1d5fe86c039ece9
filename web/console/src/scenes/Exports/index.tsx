// Exports: the nightly partner exports of this location (CustomerLink, MechanicNET, CARFAX), newest
// first, with their status, size and error; each day's file can be downloaded (built again from
// today's data by the same extract). Filter by partner and page on the server.
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, downloadFile } from '../../api/client';
import { formatDate, formatDateTime, formatNumber } from '../../components/format';
import { Pager } from '../../components/Pager';
import { Empty, ErrorNote, Loading } from '../../components/States';
import { useCursorPages } from '../../components/useCursorPages';
import { useLocation } from '../../session';

const PARTNERS = ['customerlink', 'mechanicnet', 'carfax'] as const;
const NAMES = { customerlink: 'CustomerLink', mechanicnet: 'MechanicNET', carfax: 'CARFAX' } as const;
const COLORS = { succeeded: '#1e6b30', failed: 'red.9', running: 'blue.9' } as const;

export default function Exports() {
  const { t } = useTranslation();
  const location = useLocation();
  const [partner, setPartner] = useState<string>('');
  const pages = useCursorPages(`exports:${location.id}:${partner}`);
  const runs = useQuery({
    queryKey: ['export-runs', location.id, partner, pages.cursor],
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/export-runs', {
          params: {
            path: { locationId: location.id },
            query: {
              limit: 25,
              ...(partner ? { partner: partner as (typeof PARTNERS)[number] } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
  });

  const download = useMutation({
    mutationFn: (runId: number) => {
      const run = runs.data?.items.find((r) => r.id === runId);
      if (!run) return Promise.resolve();
      return downloadFile(`/api/v1/locations/${location.id}/exports/${run.partner}/${run.run_on}/file`);
    },
  });

  return (
    <Stack>
      <Title order={2}>{t('exports.title')}</Title>
      <Text c="gray.7">{t('exports.intro')}</Text>
      <SegmentedControl
        aria-label={t('exports.partner')}
        data={[
          { value: '', label: t('common.all') },
          ...PARTNERS.map((p) => ({ value: p, label: NAMES[p] })),
        ]}
        value={partner}
        onChange={setPartner}
        w="fit-content"
      />
      <ErrorNote error={runs.error ?? download.error} />
      {runs.isPending ? (
        <Loading />
      ) : runs.data && runs.data.items.length === 0 ? (
        <Empty title={t('exports.emptyTitle')} next={t('exports.emptyNext')} />
      ) : (
        <Table striped highlightOnHover data-testid="export-runs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('exports.day')}</Table.Th>
              <Table.Th>{t('exports.partner')}</Table.Th>
              <Table.Th>{t('exports.status')}</Table.Th>
              <Table.Th>{t('exports.rows')}</Table.Th>
              <Table.Th>{t('exports.size')}</Table.Th>
              <Table.Th>{t('exports.finished')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data?.items.map((run) => (
              <Table.Tr key={run.id} data-testid={`export-run-${run.id}`}>
                <Table.Td>{formatDate(run.run_on)}</Table.Td>
                <Table.Td>{NAMES[run.partner]}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Badge color={COLORS[run.status]} variant="filled">
                      {t(`exports.statuses.${run.status}`)}
                    </Badge>
                    {run.attempts > 1 && (
                      <Text size="xs">{t('exports.attempts', { count: run.attempts })}</Text>
                    )}
                  </Group>
                  {run.error && (
                    <Text size="xs" c="red.9" mt={4}>
                      {run.error}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{run.rows === null ? '—' : formatNumber(run.rows)}</Table.Td>
                <Table.Td>
                  {run.bytes === null
                    ? '—'
                    : t('exports.kb', { kb: Math.max(1, Math.round(run.bytes / 1024)) })}
                </Table.Td>
                <Table.Td>{formatDateTime(run.finished_at, location.time_zone)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    loading={download.isPending && download.variables === run.id}
                    aria-label={t('exports.downloadOf', {
                      partner: NAMES[run.partner],
                      day: formatDate(run.run_on),
                    })}
                    onClick={() => download.mutate(run.id)}
                  >
                    {t('exports.download')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager
        page={pages.page}
        hasNext={!!runs.data?.next_cursor}
        onPrevious={pages.previous}
        onNext={() => pages.next(runs.data?.next_cursor)}
      />
      <Text size="sm" c="gray.7">
        {t('exports.fileNote')}
      </Text>
    </Stack>
  );
}
