// Appointments: the calendar by mechanic (day and week, one column per mechanic, times in the
// location's zone), booking from free slots, the requests waiting for confirmation (confirming
// sends E05) and the courtesy vehicles in use (each event names the one it holds).
import 'react-big-calendar/lib/css/react-big-calendar.css';
import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import 'dayjs/locale/es';
import 'dayjs/locale/fr';
import { useMemo, useState } from 'react';
import { Calendar, dayjsLocalizer, type View } from 'react-big-calendar';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatDateTime, todayIn } from '../../components/format';
import { Pager } from '../../components/Pager';
import { Empty, ErrorNote } from '../../components/States';
import { SortableTh, useSort } from '../../components/SortableTh';
import { pagerOf, useCursorPages } from '../../components/useCursorPages';
import i18n from '../../i18n';
import { useLocation, useSession } from '../../session';
import { AppointmentDialog } from './AppointmentDialog';
import { BookDialog } from './BookDialog';
import { useCourtesyVehicles } from './SlotPicker';
import type { Appointment } from './types';
import { dayOf, wallClock } from './wall-clock';

const localizer = dayjsLocalizer(dayjs);
const REQUESTS_PAGE = 10;

interface CalendarEvent {
  id: number;
  title: string;
  start: Date;
  end: Date;
  resourceId: number | null;
  appointment: Appointment;
}

export default function Appointments() {
  const { t } = useTranslation();
  const location = useLocation();
  const { can } = useSession();
  const client = useQueryClient();
  const [date, setDate] = useState(() => new Date(`${todayIn(location.time_zone)}T00:00:00`));
  const [view, setView] = useState<View>('day');
  const [booking, setBooking] = useState(false);
  const [open, setOpen] = useState<Appointment | null>(null);
  dayjs.locale(i18n.language);

  // The visible range, widened by a day on each side so time-zone edges are covered.
  const from = dayjs(date)
    .startOf(view === 'week' ? 'week' : 'day')
    .subtract(1, 'day');
  const to = dayjs(date)
    .endOf(view === 'week' ? 'week' : 'day')
    .add(1, 'day');
  const mechanics = useQuery({
    queryKey: ['mechanics', location.id],
    queryFn: () =>
      call(
        api.GET('/api/v1/mechanics', {
          params: { query: { location_id: location.id, active: 'true', limit: 100 } },
        }),
      ),
  });
  const appointments = useQuery({
    queryKey: ['appointments', location.id, from.toISOString(), to.toISOString()],
    queryFn: () =>
      call(
        api.GET('/api/v1/appointments', {
          params: {
            query: { location_id: location.id, from: from.toISOString(), to: to.toISOString(), limit: 500 },
          },
        }),
      ),
  });
  // The requests to confirm, sorted on the server (soonest first unless a header says otherwise).
  const requestSort = useSort<'starts_at' | 'customer_name'>('starts_at');
  // A page at a time: a busy week of online booking would otherwise push the calendar far up.
  const requestPages = useCursorPages(`${location.id}:${requestSort.sort ?? ''}`);
  const requests = useQuery({
    queryKey: ['appointments', location.id, 'requested', requestSort.sort, requestPages.cursor],
    // The page shown stays until the next one has come (no empty table in between).
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        api.GET('/api/v1/appointments', {
          params: {
            query: {
              location_id: location.id,
              status: 'requested',
              from: new Date().toISOString(),
              limit: REQUESTS_PAGE,
              ...(requestSort.sort ? { sort: requestSort.sort } : {}),
              ...(requestPages.cursor ? { cursor: requestPages.cursor } : {}),
            },
          },
        }),
      ),
  });
  const confirm = useMutation({
    mutationFn: (id: number) =>
      call(
        api.POST('/api/v1/appointments/{appointmentId}/status', {
          params: { path: { appointmentId: id } },
          body: { status: 'confirmed' },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['appointments'] }),
  });

  const courtesy = useCourtesyVehicles();
  const events = useMemo<CalendarEvent[]>(
    () =>
      (appointments.data?.items ?? [])
        .filter((a) => a.status !== 'cancelled')
        .map((a) => {
          const car = courtesy.data?.items.find((v) => v.id === a.courtesy_vehicle_id);
          return {
            id: a.id,
            title: `${a.customer_name ?? a.visitor_name ?? t('appointments.appointment')}${a.service_requested ? ` · ${a.service_requested}` : ''}${a.courtesy_vehicle_id ? ` · ${t('courtesy.holds', { name: car?.name ?? `#${a.courtesy_vehicle_id}` })}` : ''}`,
            start: wallClock(a.starts_at, location.time_zone),
            end: wallClock(a.ends_at, location.time_zone),
            resourceId: a.mechanic_id,
            appointment: a,
          };
        }),
    [appointments.data, courtesy.data, location.time_zone, t],
  );
  const resources = (mechanics.data?.items ?? []).map((m) => ({ id: m.id, title: m.name }));
  // The period shown (the day, or the week as the language starts it): an empty grid says so in words.
  const shownFrom = dayjs(date).startOf(view === 'week' ? 'week' : 'day');
  const shownTo = dayjs(date).endOf(view === 'week' ? 'week' : 'day');
  const emptyPeriod =
    appointments.isSuccess &&
    resources.length > 0 &&
    !events.some((e) => e.start <= shownTo.toDate() && e.end >= shownFrom.toDate());

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('appointments.title')}</Title>
        {can('appointments.write') && (
          <Button onClick={() => setBooking(true)}>{t('appointments.book')}</Button>
        )}
      </Group>
      <ErrorNote error={appointments.error ?? mechanics.error ?? confirm.error} />
      {mechanics.data && resources.length === 0 ? (
        <Empty title={t('appointments.noMechanicTitle')} next={t('appointments.noMechanic')} />
      ) : (
        <>
          {emptyPeriod && (
            <Text size="sm" c="gray.7" data-testid="calendar-empty">
              {t(view === 'week' ? 'appointments.noneThisWeek' : 'appointments.noneThisDay')}
            </Text>
          )}
          <div
            style={{ height: 640 }}
            data-testid="calendar"
            aria-busy={appointments.isPending || mechanics.isPending}
          >
            <Calendar
              localizer={localizer}
              culture={i18n.language}
              // The day view's title as each language writes a date ("dimanche 6 décembre 2026"),
              // not the library's default "dimanche déc. 06".
              formats={{ dayHeaderFormat: 'dddd LL' }}
              events={events}
              resources={resources}
              resourceIdAccessor="id"
              resourceTitleAccessor="title"
              views={['day', 'week']}
              view={view}
              onView={setView}
              date={date}
              onNavigate={setDate}
              min={new Date(1970, 0, 1, 7, 0)}
              max={new Date(1970, 0, 1, 19, 0)}
              step={30}
              timeslots={2}
              onSelectEvent={(e) => setOpen(e.appointment)}
              eventPropGetter={(e) => ({
                style: {
                  backgroundColor:
                    e.appointment.status === 'requested'
                      ? '#f08c00'
                      : e.appointment.status === 'no_show'
                        ? '#c92a2a'
                        : '#364fc7',
                },
              })}
              messages={{
                today: t('appointments.today'),
                previous: t('common.previous'),
                next: t('common.next'),
                day: t('appointments.dayView'),
                week: t('appointments.weekView'),
                noEventsInRange: t('appointments.none'),
              }}
            />
          </div>
        </>
      )}
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          {t('appointments.requests')}
        </Title>
        {requests.data && requests.data.items.length === 0 ? (
          <Text size="sm" c="gray.7">
            {t('appointments.noRequests')}
          </Text>
        ) : (
          <Table data-testid="requests-table">
            <Table.Thead>
              <Table.Tr>
                <SortableTh label={t('appointments.when')} {...requestSort.header('starts_at')} />
                <SortableTh label={t('appointments.customer')} {...requestSort.header('customer_name')} />
                <Table.Th>{t('appointments.service')}</Table.Th>
                <Table.Th>{t('appointments.requestStatus')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.data?.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{formatDateTime(a.starts_at, location.time_zone)}</Table.Td>
                  <Table.Td>{a.customer_name ?? a.visitor_name ?? '—'}</Table.Td>
                  <Table.Td>{a.service_requested ?? ''}</Table.Td>
                  <Table.Td>
                    <Badge color="yellow" variant="filled">
                      {t('status.requested')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {can('appointments.write') && (
                      <Button
                        size="xs"
                        loading={confirm.isPending && confirm.variables === a.id}
                        onClick={() => confirm.mutate(a.id)}
                      >
                        {t('appointments.confirmSends')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Pager {...pagerOf(requestPages, requests.data?.next_cursor)} />
      </Card>
      {booking && <BookDialog opened onClose={() => setBooking(false)} initialDay={dayOf(date)} />}
      <AppointmentDialog appointment={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
