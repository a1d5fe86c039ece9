// One appointment: its details (the courtesy vehicle it holds), the status steps allowed from here
// (confirming a request sends the E05 confirmation), moving it to another free slot, giving it a
// courtesy vehicle free at its time (or taking it back), cancelling it.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { ErrorNote } from '../../components/States';
import { StatusBadge } from '../../components/StatusBadge';
import { useLocation, useSession } from '../../session';
import { CourtesySelect, courtesyLabel, SlotPicker, useCourtesyVehicles, type Slot } from './SlotPicker';
import type { Appointment } from './types';

const NEXT: Record<string, string[]> = {
  requested: ['confirmed', 'cancelled'],
  confirmed: ['arrived', 'no_show', 'cancelled'],
  arrived: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done'],
};
type Status = 'requested' | 'confirmed' | 'arrived' | 'in_progress' | 'done' | 'no_show' | 'cancelled';

export function AppointmentDialog({
  appointment,
  onClose,
}: {
  appointment: Appointment | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const { can } = useSession();
  const client = useQueryClient();
  const [moving, setMoving] = useState(false);
  const [day, setDay] = useState('');
  const [duration, setDuration] = useState(60);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [courtesy, setCourtesy] = useState<number | null | undefined>(undefined);
  const vehicles = useCourtesyVehicles();

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['appointments'] });
    await client.invalidateQueries({ queryKey: ['availability'] });
  };
  const setStatus = useMutation({
    mutationFn: (status: Status) =>
      call(
        api.POST('/api/v1/appointments/{appointmentId}/status', {
          params: { path: { appointmentId: appointment!.id } },
          body: { status },
        }),
      ),
    onSuccess: async (a) => {
      notifications.show({
        color: 'green',
        message: t('appointments.statusSet', { status: t(`status.${a.status}`) }),
      });
      await refresh();
      onClose();
    },
  });
  const move = useMutation({
    mutationFn: () =>
      call(
        api.PATCH('/api/v1/appointments/{appointmentId}', {
          params: { path: { appointmentId: appointment!.id } },
          body: { mechanic_id: slot!.mechanic_id, starts_at: slot!.starts_at, ends_at: slot!.ends_at },
        }),
      ),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('appointments.moved') });
      setMoving(false);
      await refresh();
      onClose();
    },
  });
  const lend = useMutation({
    mutationFn: (courtesyVehicleId: number | null) =>
      call(
        api.PATCH('/api/v1/appointments/{appointmentId}', {
          params: { path: { appointmentId: appointment!.id } },
          body: { courtesy_vehicle_id: courtesyVehicleId },
        }),
      ),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('courtesy.saved') });
      setCourtesy(undefined);
      await refresh();
      onClose();
    },
  });
  if (!appointment) return null;
  const a = appointment;
  const writable = can('appointments.write');
  const held = vehicles.data?.items.find((v) => v.id === a.courtesy_vehicle_id);
  const lendable = writable && ['requested', 'confirmed', 'arrived', 'in_progress'].includes(a.status);
  const chosen = courtesy === undefined ? a.courtesy_vehicle_id : courtesy;
  return (
    <Modal
      opened
      onClose={onClose}
      title={a.customer_name ?? a.visitor_name ?? t('appointments.appointment')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <ErrorNote error={setStatus.error ?? move.error ?? lend.error} />
        <Group>
          <StatusBadge status={a.status} />
          <Text size="sm">
            {formatDateTime(a.starts_at, location.time_zone)} →{' '}
            {formatDateTime(a.ends_at, location.time_zone)}
          </Text>
        </Group>
        {a.service_requested && <Text size="sm">{a.service_requested}</Text>}
        <Text size="sm" data-testid="appointment-courtesy">
          {t('appointments.courtesy')}:{' '}
          {a.courtesy_vehicle_id === null
            ? t('appointments.noCourtesy')
            : held
              ? courtesyLabel(held)
              : `#${a.courtesy_vehicle_id}`}
        </Text>
        {lendable && (
          <Group align="flex-end">
            <CourtesySelect
              value={chosen}
              onChange={setCourtesy}
              range={{ starts_at: a.starts_at, ends_at: a.ends_at }}
              exceptId={a.id}
            />
            <Button
              variant="default"
              disabled={chosen === a.courtesy_vehicle_id}
              loading={lend.isPending}
              onClick={() => lend.mutate(chosen)}
              data-testid="courtesy-save"
            >
              {t('courtesy.save')}
            </Button>
          </Group>
        )}
        {a.customer_id && (
          <Text size="sm">
            <Link to={`/customers/${a.customer_id}`}>{t('appointments.openCustomer')}</Link>
          </Text>
        )}
        {writable && (
          <Group>
            {(NEXT[a.status] ?? []).map((s) => (
              <Button
                key={s}
                variant={s === 'cancelled' || s === 'no_show' ? 'light' : 'filled'}
                color={s === 'cancelled' || s === 'no_show' ? 'red' : undefined}
                loading={setStatus.isPending && setStatus.variables === s}
                onClick={() => setStatus.mutate(s as Status)}
              >
                {t(`appointments.to.${s}`)}
              </Button>
            ))}
            {(a.status === 'requested' || a.status === 'confirmed') && !moving && (
              <Button
                variant="default"
                onClick={() => {
                  setDay(a.starts_at.slice(0, 10));
                  setDuration(Math.round((Date.parse(a.ends_at) - Date.parse(a.starts_at)) / 60000));
                  setMoving(true);
                }}
              >
                {t('appointments.move')}
              </Button>
            )}
          </Group>
        )}
        {moving && (
          <>
            <SlotPicker
              day={day}
              onDay={setDay}
              duration={duration}
              onDuration={setDuration}
              value={slot}
              onChange={setSlot}
              skill={a.required_skill}
            />
            <Button disabled={!slot} loading={move.isPending} onClick={() => move.mutate()}>
              {t('appointments.moveHere')}
            </Button>
          </>
        )}
      </Stack>
    </Modal>
  );
}
