// CustomerLink, MechanicNET and CARFAX: the partner's account, its nightly export hour and on/off.
// Switching CustomerLink on asks to confirm that customer files will be sent; switching CARFAX on
// asks to accept its terms of service, shown above. The FTP password and the CARFAX token are
// write-only: the API only says whether one is saved, and an empty field keeps it.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { ErrorNote } from '../../components/States';
import { useLocation } from '../../session';
import { hint, settingsKey, type Settings, useSaveTab } from './shared';

export type Partner = 'customerlink' | 'mechanicnet' | 'carfax';
const NAMES: Record<Partner, string> = {
  customerlink: 'CustomerLink',
  mechanicnet: 'MechanicNET',
  carfax: 'CARFAX',
};

type FieldType = 'text' | 'url' | 'port' | 'bool' | 'tls' | 'hour';
interface Field {
  name: string;
  type: FieldType;
  /** Left out of the request when empty (the API's default applies). */
  optional?: boolean;
}

const FIELDS: Record<Partner, Field[]> = {
  customerlink: [
    { name: 'account_number', type: 'text' },
    { name: 'server', type: 'text' },
    { name: 'user', type: 'text' },
    { name: 'port', type: 'port' },
    { name: 'directory', type: 'text', optional: true },
    { name: 'tls', type: 'tls' },
    { name: 'passive', type: 'bool' },
    { name: 'export_hour', type: 'hour' },
  ],
  mechanicnet: [
    { name: 'shop_id', type: 'text' },
    { name: 'endpoint', type: 'url' },
    { name: 'export_hour', type: 'hour' },
  ],
  carfax: [
    { name: 'endpoint', type: 'url' },
    { name: 'lookup_endpoint', type: 'url', optional: true },
    { name: 'account_id', type: 'text', optional: true },
    { name: 'export_hour', type: 'hour' },
  ],
};
const SECRET: Record<Partner, 'password' | 'token' | null> = {
  customerlink: 'password',
  mechanicnet: null,
  carfax: 'token',
};
/** The secret is shown right after this field (the FTP user, the CARFAX account). */
const SECRET_AFTER: Record<Partner, string | null> = {
  customerlink: 'user',
  mechanicnet: null,
  carfax: 'account_id',
};
const CONSENT: Record<Partner, 'confirm_send' | 'accept_terms' | null> = {
  customerlink: 'confirm_send',
  mechanicnet: null,
  carfax: 'accept_terms',
};

type Values = Record<string, string | number | boolean>;

function initial(field: Field, stored: unknown): string | number | boolean {
  switch (field.type) {
    case 'bool':
      return typeof stored === 'boolean' ? stored : true;
    case 'port':
      return typeof stored === 'number' ? stored : 21;
    case 'tls':
      return stored === 'explicit' ? 'explicit' : 'off';
    case 'hour':
      return String(typeof stored === 'number' ? stored : 2);
    default:
      return typeof stored === 'string' ? stored : '';
  }
}

function toApi(field: Field, value: string | number | boolean): unknown {
  switch (field.type) {
    case 'bool':
      return Boolean(value);
    case 'port':
      return Number(value);
    case 'hour':
      return Number(value);
    case 'tls':
      return value;
    default:
      return String(value).trim();
  }
}

export function PartnerTab({
  partner,
  locationId,
  settings,
}: {
  partner: Partner;
  locationId: number;
  settings: Settings;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const client = useQueryClient();
  const current = settings[partner];
  const secret = SECRET[partner];
  const consentFlag = CONSENT[partner];
  const form = useForm<Values>({
    initialValues: {
      enabled: current.enabled,
      ...Object.fromEntries(FIELDS[partner].map((f) => [f.name, initial(f, current.settings[f.name])])),
      ...(secret ? { [secret]: '' } : {}),
      ...(consentFlag ? { [consentFlag]: false } : {}),
    },
  });
  const switchingOn = Boolean(form.values.enabled) && !current.enabled;
  const { save, other } = useSaveTab(form, t, {
    fieldPrefix: 'settings.',
    save: (v: Values) => {
      const fields: Record<string, unknown> = {};
      // A value the console does not edit (CARFAX's facility_id) is kept as it is.
      if (typeof current.settings.facility_id === 'string') fields.facility_id = current.settings.facility_id;
      for (const f of FIELDS[partner]) {
        const value = toApi(f, v[f.name]!);
        if (f.optional && value === '') continue;
        fields[f.name] = value;
      }
      const body = {
        enabled: Boolean(v.enabled),
        settings: fields,
        ...(secret && String(v[secret]) !== '' ? { [secret]: String(v[secret]) } : {}),
        ...(consentFlag && v[consentFlag] === true ? { [consentFlag]: true } : {}),
      };
      const params = { path: { locationId } };
      // The three routes take the same shape; the API checks each partner's own fields.
      switch (partner) {
        case 'customerlink':
          return call(
            api.PUT('/api/v1/locations/{locationId}/settings/customerlink', { params, body: body as never }),
          );
        case 'mechanicnet':
          return call(
            api.PUT('/api/v1/locations/{locationId}/settings/mechanicnet', { params, body: body as never }),
          );
        case 'carfax':
          return call(
            api.PUT('/api/v1/locations/{locationId}/settings/carfax', { params, body: body as never }),
          );
      }
    },
    saved: (data) => {
      client.setQueryData(settingsKey(locationId), (old: Settings | undefined) =>
        old ? { ...old, [partner]: data } : old,
      );
      form.setValues({
        ...(secret ? { [secret]: '' } : {}),
        ...(consentFlag ? { [consentFlag]: false } : {}),
      });
    },
  });

  const secretInput = secret ? (
    <PasswordInput
      key="secret"
      label={t(`settings.${partner}.${secret}`)}
      {...hint}
      description={current.password_set ? t('settings.partner.secretSet') : t('settings.partner.secretNone')}
      autoComplete="new-password"
      data-testid={`${partner}-${secret}`}
      {...form.getInputProps(secret)}
    />
  ) : null;

  const label = (name: string) =>
    name === 'export_hour' ? t('settings.partner.export_hour') : t(`settings.${partner}.${name}`);

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} data-testid={`settings-${partner}`}>
      <Stack maw={860}>
        <Text>{t(`settings.${partner}.intro`)}</Text>
        <ErrorNote error={other} />
        <Switch
          label={t('settings.partner.enabled', { partner: NAMES[partner] })}
          data-testid={`${partner}-enabled`}
          {...form.getInputProps('enabled', { type: 'checkbox' })}
        />
        {current.consent && (
          <Text size="sm" c="gray.7">
            {t(partner === 'carfax' ? 'settings.carfax.acceptedOn' : 'settings.partner.consentOn', {
              at: formatDateTime(current.consent.at, location.time_zone),
            })}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {FIELDS[partner].flatMap((f) => {
            const after = secret && SECRET_AFTER[partner] === f.name ? [secretInput] : [];
            const props = { label: label(f.name), 'data-testid': `${partner}-${f.name}` };
            switch (f.type) {
              case 'bool':
                return [
                  <Checkbox
                    key={f.name}
                    {...props}
                    mt="lg"
                    {...form.getInputProps(f.name, { type: 'checkbox' })}
                  />,
                  ...after,
                ];
              case 'port':
                return [
                  <NumberInput
                    key={f.name}
                    {...props}
                    min={1}
                    max={65535}
                    allowDecimal={false}
                    {...form.getInputProps(f.name)}
                  />,
                  ...after,
                ];
              case 'tls':
                return [
                  <Select
                    key={f.name}
                    {...props}
                    data={[
                      { value: 'off', label: t('settings.customerlink.tlsOff') },
                      { value: 'explicit', label: t('settings.customerlink.tlsExplicit') },
                    ]}
                    allowDeselect={false}
                    {...form.getInputProps(f.name)}
                  />,
                  ...after,
                ];
              case 'hour':
                return [
                  <Select
                    key={f.name}
                    {...props}
                    {...hint}
                    description={t('settings.partner.export_hourHelp')}
                    data={Array.from({ length: 24 }, (_, h) => ({
                      value: String(h),
                      label: `${String(h).padStart(2, '0')}:00`,
                    }))}
                    allowDeselect={false}
                    {...form.getInputProps(f.name)}
                  />,
                  ...after,
                ];
              default:
                return [
                  <TextInput
                    key={f.name}
                    {...props}
                    required={!f.optional && Boolean(form.values.enabled)}
                    placeholder={f.type === 'url' ? 'https://' : undefined}
                    {...form.getInputProps(f.name)}
                  />,
                  ...after,
                ];
            }
          })}
        </SimpleGrid>
        {partner === 'carfax' && (
          <Alert color="blue" title={t('settings.carfax.termsTitle')} data-testid="carfax-terms">
            <Text size="sm">{t('settings.carfax.terms')}</Text>
          </Alert>
        )}
        {partner === 'customerlink' && switchingOn && (
          <Alert color="orange" title={t('settings.customerlink.confirmTitle')}>
            <Text size="sm">{t('settings.customerlink.confirmText')}</Text>
          </Alert>
        )}
        {consentFlag && switchingOn && (
          <Checkbox
            label={t(
              consentFlag === 'accept_terms' ? 'settings.carfax.accept' : 'settings.customerlink.confirm',
            )}
            data-testid={`${partner}-${consentFlag}`}
            {...form.getInputProps(consentFlag, { type: 'checkbox' })}
          />
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
