// Offers only free slots: GET /locations/:id/availability for the day and duration, one row of
// slot buttons per mechanic. The server still refuses a slot taken meanwhile (409).
import { Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatTime } from '../../components/format';
import { ErrorNote, Loading } from '../../components/States';
import { useLocation } from '../../session';

export interface Slot {
  mechanic_id: number;
  starts_at: string;
  ends_at: string;
}

export function SlotPicker({
  day,
  onDay,
  duration,
  onDuration,
  value,
  onChange,
  skill = null,
}: {
  day: string;
  onDay(day: string): void;
  duration: number;
  onDuration(minutes: number): void;
  value: Slot | null;
  onChange(slot: Slot): void;
  /** Only mechanics having this skill (the appointment's required_skill). */
  skill?: string | null;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const availability = useQuery({
    queryKey: ['availability', location.id, day, duration, skill],
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/availability', {
          params: {
            path: { locationId: location.id },
            query: { date: day, duration_minutes: duration, ...(skill ? { skill } : {}) },
          },
        }),
      ),
  });
  return (
    <Stack gap="xs">
      <Group grow>
        <DatePickerInput
          label={t('appointments.day')}
          value={day}
          onChange={(v) => v && onDay(v)}
          valueFormat="YYYY-MM-DD"
        />
        <NumberInput
          label={t('appointments.duration')}
          value={duration}
          min={15}
          max={480}
          step={15}
          onChange={(v) => onDuration(Number(v) || 60)}
        />
      </Group>
      <Text size="xs" c="gray.7">
        {t('appointments.timeZone', { zone: location.time_zone })}
      </Text>
      <ErrorNote error={availability.error} />
      {availability.isPending ? (
        <Loading />
      ) : (
        availability.data?.mechanics.map((m) => (
          <Stack key={m.mechanic_id} gap={4}>
            <Text size="sm" fw={600}>
              {m.name}
            </Text>
            {m.slots.length === 0 ? (
              <Text size="sm" c="gray.7">
                {t('appointments.noSlot')}
              </Text>
            ) : (
              <Group gap={4}>
                {m.slots.map((s) => {
                  const chosen = value?.mechanic_id === m.mechanic_id && value.starts_at === s.starts_at;
                  return (
                    <Button
                      key={s.starts_at}
                      size="compact-sm"
                      variant={chosen ? 'filled' : 'default'}
                      aria-pressed={chosen}
                      data-testid="slot"
                      onClick={() =>
                        onChange({ mechanic_id: m.mechanic_id, starts_at: s.starts_at, ends_at: s.ends_at })
                      }
                    >
                      {formatTime(s.starts_at, location.time_zone)}
                    </Button>
                  );
                })}
              </Group>
            )}
          </Stack>
        ))
      )}
      {availability.data && availability.data.mechanics.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('appointments.noMechanic')}
        </Text>
      )}
    </Stack>
  );
}

/** The location's courtesy vehicles (inactive ones too, to name what an appointment holds). */
export function useCourtesyVehicles() {
  const location = useLocation();
  return useQuery({
    queryKey: ['courtesy', location.id],
    queryFn: () =>
      call(
        api.GET('/api/v1/courtesy-vehicles', {
          params: { query: { location_id: location.id, limit: 100 } },
        }),
      ),
  });
}

export const courtesyLabel = (v: { name: string; plate: string | null }) =>
  `${v.name}${v.plate ? ` (${v.plate})` : ''}`;

/** Statuses that do not hold a courtesy vehicle (the database's EXCLUDE agrees). */
const RELEASED = new Set(['cancelled', 'no_show']);

/**
 * Picks an active courtesy vehicle; given the time range, the ones another appointment holds then
 * are listed but cannot be chosen. The server still refuses one taken meanwhile (409).
 */
export function CourtesySelect({
  value,
  onChange,
  range,
  exceptId,
}: {
  value: number | null;
  onChange(id: number | null): void;
  range?: { starts_at: string; ends_at: string } | null;
  /** The appointment being edited: it does not compete with itself. */
  exceptId?: number;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const vehicles = useCourtesyVehicles();
  const overlapping = useQuery({
    queryKey: ['appointments', location.id, 'courtesy', range?.starts_at, range?.ends_at],
    enabled: !!range,
    queryFn: () =>
      call(
        api.GET('/api/v1/appointments', {
          params: {
            query: { location_id: location.id, from: range!.starts_at, to: range!.ends_at, limit: 500 },
          },
        }),
      ),
  });
  const held = new Set(
    (overlapping.data?.items ?? [])
      .filter((a) => a.id !== exceptId && !RELEASED.has(a.status) && a.courtesy_vehicle_id !== null)
      .map((a) => a.courtesy_vehicle_id),
  );
  // A vehicle chosen for one slot and taken at the slot chosen next is let go, not sent to a 409.
  const heldChosen = value !== null && held.has(value);
  useEffect(() => {
    if (heldChosen) onChange(null);
  }, [heldChosen, onChange]);
  return (
    <Select
      label={t('appointments.courtesy')}
      description={range ? t('courtesy.freeOnly') : t('courtesy.pickSlot')}
      inputWrapperOrder={['label', 'description', 'input', 'error']}
      descriptionProps={{ c: 'gray.7' }}
      clearable
      clearButtonProps={{ 'aria-label': t('courtesy.clear') }}
      data-testid="courtesy-select"
      placeholder={t('appointments.noCourtesy')}
      data={(vehicles.data?.items ?? [])
        .filter((v) => v.active || v.id === value)
        .map((v) => ({
          value: String(v.id),
          label: held.has(v.id) ? `${courtesyLabel(v)} · ${t('courtesy.taken')}` : courtesyLabel(v),
          disabled: held.has(v.id) && v.id !== value,
        }))}
      value={value ? String(value) : null}
      onChange={(v) => onChange(v ? Number(v) : null)}
    />
  );
}
