// The vehicle form of the contact card (add or edit): a plate and its state or province with a
// "find VIN" button (CARFAX plate lookup, GET /locations/:id/plate-lookup), or a typed VIN with a
// "decode" button (GET /vin/:vin); the decoded fields (NHTSA vPIC) are shown in editable fields
// for the user to confirm, and only "save" writes (POST /vehicles or PATCH /vehicles/:id).
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call } from '../../api/client';
import { ErrorNote } from '../../components/States';
import { useLocation } from '../../session';

/** The card fields the decode fills, in the order they are shown. */
const FIELDS = [
  'make',
  'model',
  'year',
  'submodel',
  'body_style',
  'engine',
  'fuel_type',
  'drive_type',
  'plant',
] as const;
type Field = (typeof FIELDS)[number];
type Card = Record<Field, string>;
const EMPTY_CARD: Card = Object.fromEntries(FIELDS.map((f) => [f, ''])) as Card;

export interface EditedVehicle {
  id: number;
  vin: string;
  plate: string | null;
  plate_region: string | null;
  year: number | null;
  make: string | null;
  model: string | null;
  submodel: string | null;
  engine: string | null;
  body_style: string | null;
  fuel_type: string | null;
  drive_type: string | null;
  plant: string | null;
}

interface Decoded {
  vin: string;
  make: string | null;
  model: string | null;
  year: number | null;
  trim: string | null;
  body: string | null;
  engine: string | null;
  fuel: string | null;
  drive: string | null;
  plant: string | null;
  source: 'vpic' | 'wmi' | 'none';
}

const PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'];
const STATES =
  'AK AL AR AZ CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH NJ NM NV NY OH OK OR PA RI SC SD TN TX UT VA VT WA WI WV WY'.split(
    ' ',
  );
const REGION_KEY = 'relance.plateRegion';

/** The decode as the card's fields (trim → submodel, body → body_style…). */
function cardOf(d: Decoded): Card {
  const s = (v: string | number | null) => (v === null ? '' : String(v));
  return {
    make: s(d.make),
    model: s(d.model),
    year: s(d.year),
    submodel: s(d.trim),
    body_style: s(d.body),
    engine: s(d.engine),
    fuel_type: s(d.fuel),
    drive_type: s(d.drive),
    plant: s(d.plant),
  };
}

function cardOfVehicle(v: EditedVehicle): Card {
  return Object.fromEntries(FIELDS.map((f) => [f, v[f] === null ? '' : String(v[f])])) as Card;
}

/** The lookup's refusals the console explains (what happened, what to do next). */
const LOOKUP_CODES = [
  'plate_not_found',
  'carfax_not_subscribed',
  'carfax_credentials_refused',
  'carfax_unavailable',
];

export function VehicleDialog({
  opened,
  onClose,
  customerId,
  vehicle,
}: {
  opened: boolean;
  onClose(): void;
  customerId: number;
  /** The vehicle being edited; none to add one. */
  vehicle?: EditedVehicle;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const client = useQueryClient();
  const [plate, setPlate] = useState('');
  const [region, setRegion] = useState<string | null>(null);
  const [vin, setVin] = useState('');
  const [card, setCard] = useState<Card>(EMPTY_CARD);
  const [decoded, setDecoded] = useState<{
    source: Decoded['source'];
    from: 'carfax' | 'vehicles' | 'vin';
  } | null>(null);

  const show = (d: Decoded, from: 'carfax' | 'vehicles' | 'vin') => {
    setVin(d.vin);
    setCard(cardOf(d));
    setDecoded({ source: d.source, from });
  };

  const lookup = useMutation({
    mutationFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/plate-lookup', {
          params: { path: { locationId: location.id }, query: { plate, region: region ?? '' } },
        }),
      ),
    onSuccess: (found) => {
      if (region) localStorage.setItem(REGION_KEY, region);
      decode.reset();
      show(found.decoded, found.source);
    },
  });
  const decode = useMutation({
    mutationFn: () => call(api.GET('/api/v1/vin/{vin}', { params: { path: { vin: vin.trim() } } })),
    onSuccess: (d) => {
      lookup.reset();
      show(d, 'vin');
    },
  });
  const save = useMutation({
    mutationFn: () => {
      const text = (f: Field) => card[f].trim() || null;
      const fields = {
        vin: vin.trim(),
        plate: plate.trim() || null,
        plate_region: plate.trim() ? region : null,
        year: card.year.trim() ? Number(card.year) : null,
        make: text('make'),
        model: text('model'),
        submodel: text('submodel'),
        engine: text('engine'),
        body_style: text('body_style'),
        fuel_type: text('fuel_type'),
        drive_type: text('drive_type'),
        plant: text('plant'),
      };
      return vehicle
        ? call(
            api.PATCH('/api/v1/vehicles/{vehicleId}', {
              params: { path: { vehicleId: vehicle.id } },
              body: fields,
            }),
          )
        : call(
            api.POST('/api/v1/vehicles', {
              body: { ...fields, location_id: location.id, customer_id: customerId },
            }),
          );
    },
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      onClose();
      await client.invalidateQueries({ queryKey: ['customer', customerId] });
      if (vehicle) await client.invalidateQueries({ queryKey: ['vehicle', vehicle.id] });
    },
  });

  useEffect(() => {
    if (!opened) return;
    setPlate(vehicle?.plate ?? '');
    setRegion(vehicle?.plate_region ?? localStorage.getItem(REGION_KEY));
    setVin(vehicle?.vin ?? '');
    setCard(vehicle ? cardOfVehicle(vehicle) : EMPTY_CARD);
    setDecoded(null);
    lookup.reset();
    decode.reset();
    save.reset();
    // Only when the dialog opens (or opens on another vehicle).
  }, [opened, vehicle?.id]);

  const lookupError = lookup.error instanceof ApiError ? lookup.error : null;
  const explained = lookupError && LOOKUP_CODES.includes(lookupError.code) ? lookupError.code : null;
  const busy = lookup.isPending || decode.isPending || save.isPending;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={vehicle ? t('vehicleForm.editTitle') : t('vehicleForm.addTitle')}
      size="xl"
    >
      <Stack>
        <Text size="sm" c="gray.7">
          {t('vehicleForm.plateHelp')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('vehicleForm.plate')}
            value={plate}
            onChange={(e) => setPlate(e.currentTarget.value)}
            maxLength={20}
            w={160}
            data-testid="plate-input"
          />
          <Select
            label={t('vehicleForm.region')}
            value={region}
            onChange={setRegion}
            searchable
            w={150}
            data={[
              { group: t('vehicleForm.canada'), items: PROVINCES },
              { group: t('vehicleForm.unitedStates'), items: STATES },
            ]}
            data-testid="region-select"
          />
          <Button
            variant="outline"
            onClick={() => lookup.mutate()}
            loading={lookup.isPending}
            disabled={busy || !plate.trim() || !region}
          >
            {t('vehicleForm.findVin')}
          </Button>
        </Group>
        {explained ? (
          <Alert
            color={explained === 'plate_not_found' ? 'orange' : 'red'}
            title={t(`vehicleForm.errors.${explained}`)}
            role="alert"
          >
            <Text size="sm">{t(`vehicleForm.errors.${explained}_next`)}</Text>
            <Text size="xs" c="gray.7" mt={4}>
              {lookupError!.message}
            </Text>
          </Alert>
        ) : (
          <ErrorNote error={lookup.error} />
        )}

        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('vehicleForm.vin')}
            value={vin}
            onChange={(e) => {
              setVin(e.currentTarget.value.toUpperCase());
              setDecoded(null);
            }}
            maxLength={20}
            w={260}
            styles={{ input: { fontFamily: 'monospace' } }}
            data-testid="vin-input"
          />
          <Button
            variant="outline"
            onClick={() => decode.mutate()}
            loading={decode.isPending}
            disabled={busy || !vin.trim()}
          >
            {t('vehicleForm.decode')}
          </Button>
        </Group>
        <ErrorNote error={decode.error} />

        {decoded && (
          <Alert
            color={decoded.source === 'vpic' ? 'blue' : 'yellow'}
            title={t('vehicleForm.confirmTitle')}
            data-testid="decoded-note"
          >
            <Group gap="xs">
              {decoded.from !== 'vin' && (
                <Badge variant="light">{t(`vehicleForm.from.${decoded.from}`)}</Badge>
              )}
              <Text size="sm">{t(`vehicleForm.source.${decoded.source}`)}</Text>
            </Group>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} data-testid="decoded-fields">
          {FIELDS.map((f) => (
            <TextInput
              key={f}
              label={t(`vehicleForm.fields.${f}`)}
              value={card[f]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setCard((c) => ({ ...c, [f]: value }));
              }}
              inputMode={f === 'year' ? 'numeric' : undefined}
              maxLength={f === 'year' ? 4 : 60}
            />
          ))}
        </SimpleGrid>
        <ErrorNote error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={busy || !vin.trim()}>
            {vehicle ? t('vehicleForm.save') : t('vehicleForm.add')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
