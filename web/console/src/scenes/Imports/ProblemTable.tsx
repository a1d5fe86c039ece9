// The rows an import rejected or warned about, with line, column, reason (in the reader's
// language, from the server) and the value read; paged in the browser (the answer lists them all
// up to the server's cap).
import { Badge, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from '../../components/Pager';
import type { ImportResult } from '.';

const PAGE = 25;
const COLORS = { rejected: 'red.9', warning: 'orange.9', filled: 'blue.9' } as const;

export function ProblemTable({ problems }: { problems: ImportResult['problems'] }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const shown = problems.slice((page - 1) * PAGE, page * PAGE);
  return (
    <>
      <Table striped data-testid="import-problems">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('imports.line')}</Table.Th>
            <Table.Th>{t('imports.severity')}</Table.Th>
            <Table.Th>{t('imports.column')}</Table.Th>
            <Table.Th>{t('imports.reason')}</Table.Th>
            <Table.Th>{t('imports.value')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((p, i) => (
            <Table.Tr key={`${p.line}-${p.column}-${i}`}>
              <Table.Td>{p.line || '—'}</Table.Td>
              <Table.Td>
                <Badge color={COLORS[p.severity]} variant="filled">
                  {t(`imports.severities.${p.severity}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <code>{p.column || '—'}</code>
              </Table.Td>
              <Table.Td data-reason-code={p.code}>{p.reason}</Table.Td>
              <Table.Td>{p.value ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pager
        page={page}
        hasNext={page * PAGE < problems.length}
        onPrevious={() => setPage((p) => Math.max(1, p - 1))}
        onNext={() => setPage((p) => p + 1)}
      />
    </>
  );
}
