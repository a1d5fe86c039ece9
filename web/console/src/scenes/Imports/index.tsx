// Imports: a CSV file of customers, vehicles, repair orders or appointments sent to the import API
// (POST /locations/:id/imports/<kind>) with a progress bar while it uploads, then while the server
// checks and writes it; the summary and every rejected row with its line and reason follow.
import '@mantine/dropzone/styles.css';
import {
  Alert,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, uploadFile } from '../../api/client';
import type { paths } from '../../api/schema';
import { formatNumber } from '../../components/format';
import { Empty, ErrorNote } from '../../components/States';
import { useLocation, useSession } from '../../session';
import { ProblemTable } from './ProblemTable';

export type ImportResult =
  paths['/api/v1/locations/{locationId}/imports/customers']['post']['responses']['200']['content']['application/json'];

const KINDS = [
  { kind: 'customers', permission: 'customers.write' },
  { kind: 'vehicles', permission: 'vehicles.write' },
  { kind: 'repair-orders', permission: 'repair_orders.write' },
  { kind: 'appointments', permission: 'appointments.write' },
] as const;
type Kind = (typeof KINDS)[number]['kind'];

/** The server's limit (IMPORT_MAX_BYTES): a bigger file is refused here before it is sent. */
const MAX_BYTES = 32 * 1024 * 1024;

type Phase =
  | { step: 'idle' }
  | { step: 'uploading'; fileName: string; fraction: number }
  | { step: 'processing'; fileName: string }
  | { step: 'done'; result: ImportResult }
  | { step: 'failed'; fileName: string; error: Error };

export default function Imports() {
  const { t } = useTranslation();
  const location = useLocation();
  const { can } = useSession();
  const kinds = KINDS.filter((k) => can(k.permission));
  const [kind, setKind] = useState<Kind>(kinds[0]?.kind ?? 'customers');
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const busy = phase.step === 'uploading' || phase.step === 'processing';

  async function send(file: File) {
    const fileName = file.name;
    setPhase({ step: 'uploading', fileName, fraction: 0 });
    try {
      const result = await uploadFile<ImportResult>(
        `/api/v1/locations/${location.id}/imports/${kind}?file_name=${encodeURIComponent(fileName)}`,
        file,
        'text/csv',
        (fraction) =>
          setPhase(
            fraction >= 1 ? { step: 'processing', fileName } : { step: 'uploading', fileName, fraction },
          ),
      );
      setPhase({ step: 'done', result });
    } catch (err) {
      const error =
        err instanceof ApiError && err.code === 'network_error'
          ? new Error(t('imports.network'))
          : (err as Error);
      setPhase({ step: 'failed', fileName, error });
    }
  }

  function refuse(rejections: FileRejection[]) {
    const r = rejections[0];
    if (!r) return;
    const tooBig = r.errors.some((e) => e.code === 'file-too-large');
    setPhase({
      step: 'failed',
      fileName: r.file.name,
      error: new Error(
        tooBig ? t('imports.tooLarge', { mib: MAX_BYTES / 1024 / 1024 }) : t('imports.notCsv'),
      ),
    });
  }

  if (kinds.length === 0)
    return (
      <Stack>
        <Title order={2}>{t('imports.title')}</Title>
        <Empty title={t('imports.noRightTitle')} next={t('imports.noRightNext')} />
      </Stack>
    );

  return (
    <Stack>
      <Title order={2}>{t('imports.title')}</Title>
      <Text c="gray.7">{t('imports.intro')}</Text>
      <SegmentedControl
        aria-label={t('imports.kind')}
        data={kinds.map((k) => ({ value: k.kind, label: t(`imports.kinds.${k.kind}`) }))}
        value={kind}
        onChange={(v) => {
          setKind(v as Kind);
          if (!busy) setPhase({ step: 'idle' });
        }}
        disabled={busy}
        w="fit-content"
      />
      <Dropzone
        onDrop={(files) => files[0] && void send(files[0])}
        onReject={refuse}
        maxFiles={1}
        multiple={false}
        maxSize={MAX_BYTES}
        accept={['text/csv', 'text/plain', 'application/vnd.ms-excel', '.csv']}
        loading={busy}
        data-testid="import-dropzone"
      >
        <Stack align="center" gap={4} py="lg" style={{ pointerEvents: 'none' }}>
          <Text fw={600}>{t('imports.drop', { kind: t(`imports.kinds.${kind}`) })}</Text>
          <Text size="sm" c="gray.7">
            {t('imports.dropHint', { mib: MAX_BYTES / 1024 / 1024 })}
          </Text>
        </Stack>
      </Dropzone>
      <Text size="sm" c="gray.7">
        {t('imports.order')}
      </Text>
      <Status phase={phase} />
    </Stack>
  );
}

function Status({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  switch (phase.step) {
    case 'idle':
      return <Empty title={t('imports.emptyTitle')} next={t('imports.emptyNext')} />;
    case 'uploading':
    case 'processing': {
      const percent = phase.step === 'uploading' ? Math.round(phase.fraction * 100) : 100;
      const label =
        phase.step === 'uploading'
          ? t('imports.uploading', { file: phase.fileName, percent })
          : t('imports.processing', { file: phase.fileName });
      return (
        <Stack gap={4} data-testid="import-progress">
          <Text size="sm">{label}</Text>
          <Progress
            value={percent}
            striped={phase.step === 'processing'}
            animated={phase.step === 'processing'}
            aria-label={label}
            size="lg"
          />
        </Stack>
      );
    }
    case 'failed':
      return (
        <Stack gap="xs" data-testid="import-failed">
          <Text size="sm" fw={600}>
            {phase.fileName}
          </Text>
          <ErrorNote error={phase.error} />
        </Stack>
      );
    case 'done':
      return <Summary result={phase.result} />;
  }
}

function Summary({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const figures = [
    ['imported', result.imported, 'green'],
    ['updated', result.updated, 'blue'],
    ['unchanged', result.unchanged, 'gray'],
    ['rejected', result.rejected, result.rejected ? 'red' : 'gray'],
    ['warnings', result.warnings, result.warnings ? 'orange' : 'gray'],
  ] as const;
  return (
    <Stack data-testid="import-summary">
      <Title order={3}>{t('imports.resultTitle', { file: result.file_name })}</Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {figures.map(([key, n, color]) => (
          <Paper key={key} withBorder p="sm" data-testid={`import-${key}`}>
            <Text size="xs" c="gray.7">
              {t(`imports.figures.${key}`)}
            </Text>
            <Text fw={700} size="xl" c={n ? `${color}.9` : undefined}>
              {formatNumber(n)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {result.stopped_at && (
        <Alert color="orange" title={t('imports.stoppedTitle')}>
          {t('imports.stopped', { where: result.stopped_at })}
        </Alert>
      )}
      {result.rejected === 0 && result.warnings === 0 ? (
        <Alert color="green">{t('imports.allGood')}</Alert>
      ) : (
        <Group>
          <Text size="sm">
            {result.problems_total > result.problems.length
              ? t('imports.problemsFirst', { shown: result.problems.length, total: result.problems_total })
              : t('imports.problems', { count: result.problems.length })}
          </Text>
        </Group>
      )}
      {result.problems.length > 0 && <ProblemTable problems={result.problems} />}
    </Stack>
  );
}
