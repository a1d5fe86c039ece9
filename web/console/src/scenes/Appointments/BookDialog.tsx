// Booking: pick a free slot, then the customer (searched on the server) or a visitor, an
// optional courtesy vehicle and the work asked for. A slot taken meanwhile comes back as 409.
import { Button, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ErrorNote } from '../../components/States';
import { useLocation } from '../../session';
import { CourtesySelect, SlotPicker, type Slot } from './SlotPicker';

export function BookDialog({
  opened,
  onClose,
  initialDay,
}: {
  opened: boolean;
  onClose(): void;
  initialDay: string;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const client = useQueryClient();
  const [day, setDay] = useState(initialDay);
  const [duration, setDuration] = useState(60);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 200);
  const [customerId, setCustomerId] = useState<number | null>(null);
  const [visitor, setVisitor] = useState('');
  const [courtesy, setCourtesy] = useState<number | null>(null);
  const [service, setService] = useState('');

  const customers = useQuery({
    queryKey: ['customer-pick', location.id, q],
    enabled: q.length >= 2,
    queryFn: () =>
      call(api.GET('/api/v1/customers', { params: { query: { location_id: location.id, q, limit: 20 } } })),
  });
  const book = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/appointments', {
          body: {
            location_id: location.id,
            status: 'confirmed',
            customer_id: customerId,
            visitor_name: customerId ? null : visitor || null,
            mechanic_id: slot!.mechanic_id,
            courtesy_vehicle_id: courtesy,
            starts_at: slot!.starts_at,
            ends_at: slot!.ends_at,
            service_requested: service || null,
          },
        }),
      ),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('appointments.booked') });
      setSlot(null);
      onClose();
      await client.invalidateQueries({ queryKey: ['appointments'] });
      await client.invalidateQueries({ queryKey: ['availability'] });
    },
    onError: async () => {
      await client.invalidateQueries({ queryKey: ['availability'] });
    },
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('appointments.book')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <ErrorNote error={book.error} />
        <SlotPicker
          day={day}
          onDay={setDay}
          duration={duration}
          onDuration={setDuration}
          value={slot}
          onChange={setSlot}
        />
        <Select
          label={t('appointments.customer')}
          searchable
          clearable
          searchValue={search}
          onSearchChange={setSearch}
          placeholder={t('customers.searchHint')}
          nothingFoundMessage={q.length >= 2 ? t('customers.emptyTitle') : t('appointments.typeTwo')}
          filter={({ options }) => options}
          data={(customers.data?.items ?? []).map((c) => ({
            value: String(c.id),
            label: `${c.mailing_name} · ${c.customer_number}`,
          }))}
          value={customerId ? String(customerId) : null}
          onChange={(v) => setCustomerId(v ? Number(v) : null)}
        />
        {!customerId && (
          <TextInput
            label={t('appointments.visitor')}
            value={visitor}
            onChange={(e) => setVisitor(e.currentTarget.value)}
          />
        )}
        <CourtesySelect value={courtesy} onChange={setCourtesy} range={slot} />
        <TextInput
          label={t('appointments.service')}
          value={service}
          onChange={(e) => setService(e.currentTarget.value)}
        />
        <Button
          disabled={!slot || (!customerId && !visitor)}
          loading={book.isPending}
          onClick={() => book.mutate()}
        >
          {t('appointments.confirmBooking')}
        </Button>
      </Stack>
    </Modal>
  );
}
