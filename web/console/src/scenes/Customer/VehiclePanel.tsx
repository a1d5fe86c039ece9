// One vehicle on the contact card: its maintenance grid (what is due, when) and its service
// history (repair orders; opening one shows its lines and the declined work).
import { Accordion, Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatDate, formatNumber } from '../../components/format';
import { ErrorNote, Loading } from '../../components/States';
import i18n from '../../i18n';
import { useSession } from '../../session';
import { VehicleDialog } from './VehicleDialog';

interface Vehicle {
  id: number;
  vin: string;
  year: number | null;
  make: string | null;
  model: string | null;
  plate: string | null;
  status: string;
}

// Shades with text contrast of at least 4.5:1 (WCAG AA): white on dark red, teal and gray, black on
// yellow (autoContrast); the default shade of orange and green with white text is about 3.5:1.
const GRID_COLORS = { overdue: 'red.9', due_soon: 'yellow.4', ok: 'teal.9', unknown: 'gray.7' } as const;

export function VehiclePanel({ vehicle, customerId }: { vehicle: Vehicle; customerId: number }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [editing, setEditing] = useState(false);
  // The whole card (trim, engine, plant…) only when the form opens.
  const full = useQuery({
    queryKey: ['vehicle', vehicle.id],
    enabled: editing,
    queryFn: () =>
      call(api.GET('/api/v1/vehicles/{vehicleId}', { params: { path: { vehicleId: vehicle.id } } })),
  });
  const grid = useQuery({
    queryKey: ['grid', vehicle.id],
    queryFn: () =>
      call(
        api.GET('/api/v1/vehicles/{vehicleId}/maintenance-grid', {
          params: { path: { vehicleId: vehicle.id } },
        }),
      ),
  });
  const orders = useQuery({
    queryKey: ['repair-orders', vehicle.id],
    queryFn: () =>
      call(api.GET('/api/v1/repair-orders', { params: { query: { vehicle_id: vehicle.id, limit: 50 } } })),
  });
  const lang = (i18n.language as 'en' | 'fr' | 'es') ?? 'en';
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          {[vehicle.year, vehicle.make, vehicle.model].filter(Boolean).join(' ')}
        </Title>
        <Group gap="sm">
          <Text size="sm" c="gray.7">
            {vehicle.plate ?? ''} · {vehicle.vin}
          </Text>
          {can('vehicles.write') && (
            <Button size="xs" variant="light" onClick={() => setEditing(true)}>
              {t('vehicleForm.editButton')}
            </Button>
          )}
        </Group>
      </Group>
      {full.data && (
        <VehicleDialog
          opened={editing}
          onClose={() => setEditing(false)}
          customerId={customerId}
          vehicle={full.data}
        />
      )}
      <ErrorNote error={full.error} />
      <Title order={4} size="h6">
        {t('vehicle.maintenance')}
      </Title>
      <ErrorNote error={grid.error} />
      {grid.isPending ? (
        <Loading />
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('vehicle.item')}</Table.Th>
              <Table.Th>{t('vehicle.lastDone')}</Table.Th>
              <Table.Th>{t('vehicle.nextDue')}</Table.Th>
              <Table.Th>{t('message.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grid.data?.items.map((item) => (
              <Table.Tr key={item.code}>
                <Table.Td>{item.description[lang] ?? item.code}</Table.Td>
                <Table.Td>
                  {formatDate(item.last_done_on)}
                  {item.last_done_odometer !== null &&
                    ` · ${formatNumber(item.last_done_odometer)} ${grid.data.unit}`}
                </Table.Td>
                <Table.Td>
                  {formatDate(item.next_due_on)}
                  {item.next_due_odometer !== null &&
                    ` · ${formatNumber(item.next_due_odometer)} ${grid.data.unit}`}
                </Table.Td>
                <Table.Td>
                  <Badge color={GRID_COLORS[item.status]} variant="filled" autoContrast>
                    {t(`grid.${item.status}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={4} size="h6" mt="md">
        {t('vehicle.history')}
      </Title>
      {orders.data && orders.data.items.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('vehicle.noHistory')}
        </Text>
      )}
      <Accordion variant="separated" chevronPosition="left">
        {orders.data?.items.map((ro) => (
          <Accordion.Item key={ro.id} value={String(ro.id)}>
            <Accordion.Control>
              {formatDate(ro.closed_on ?? ro.opened_on)} · {t('vehicle.ro')} {ro.ro_number}
              {ro.odometer !== null && ` · ${formatNumber(ro.odometer)}`} ·{' '}
              {new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'CAD' }).format(
                ro.total_amount,
              )}
            </Accordion.Control>
            <Accordion.Panel>
              <RepairOrderLines id={ro.id} />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Card>
  );
}

function RepairOrderLines({ id }: { id: number }) {
  const { t } = useTranslation();
  const ro = useQuery({
    queryKey: ['repair-order', id],
    queryFn: () =>
      call(api.GET('/api/v1/repair-orders/{repairOrderId}', { params: { path: { repairOrderId: id } } })),
  });
  if (ro.isPending) return <Loading />;
  if (ro.error) return <ErrorNote error={ro.error} />;
  return (
    <>
      <Table>
        <Table.Tbody>
          {ro.data.lines.map((l) => (
            <Table.Tr key={l.line_no}>
              <Table.Td>{l.kind}</Table.Td>
              <Table.Td>{l.description}</Table.Td>
              <Table.Td ta="right">{formatNumber(l.amount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {ro.data.recommendations.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="xs">
            {t('vehicle.declined')}
          </Text>
          {ro.data.recommendations.map((r) => (
            <Text size="sm" key={r.line_no}>
              {r.description} {r.estimate !== null && `(${formatNumber(r.estimate)})`} —{' '}
              {t(`recommendation.${r.status}`, { defaultValue: r.status })}
            </Text>
          ))}
        </>
      )}
    </>
  );
}
