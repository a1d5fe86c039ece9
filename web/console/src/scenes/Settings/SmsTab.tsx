// Text messages: the location's provider account (any Twilio-compatible REST API), the sender (a
// number or a messaging service) and the quiet hours. The auth token is write-only: the API only
// says whether one is saved, and an empty field keeps it. Without a provider switched on, texts go
// to the local catcher (/texts) outside production.
import {
  Button,
  Group,
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
import { ErrorNote } from '../../components/States';
import { PaidOption } from './PaidOption';
import { hint, orNull, settingsKey, type Settings, useSaveTab } from './shared';

interface Values {
  enabled: boolean;
  account_sid: string;
  auth_token: string;
  from_number: string;
  messaging_service_sid: string;
  api_base_url: string;
  send_from_hour: string;
  send_until_hour: string;
}

const hours = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    value: String(from + i),
    label: `${String(from + i).padStart(2, '0')}:00`,
  }));

export function SmsTab({ locationId, settings }: { locationId: number; settings: Settings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const current = settings.sms;
  const form = useForm<Values>({
    initialValues: {
      enabled: current?.enabled ?? false,
      account_sid: current?.account_sid ?? '',
      auth_token: '',
      from_number: current?.from_number ?? '',
      messaging_service_sid: current?.messaging_service_sid ?? '',
      api_base_url: current?.api_base_url ?? 'https://api.twilio.com',
      send_from_hour: String(current?.send_from_hour ?? 9),
      send_until_hour: String(current?.send_until_hour ?? 20),
    },
  });
  const { save, other } = useSaveTab(form, t, {
    save: (v: Values) =>
      call(
        api.PUT('/api/v1/locations/{locationId}/settings/sms', {
          params: { path: { locationId } },
          body: {
            enabled: v.enabled,
            account_sid: v.account_sid.trim(),
            ...(v.auth_token !== '' ? { auth_token: v.auth_token } : {}),
            from_number: orNull(v.from_number),
            messaging_service_sid: orNull(v.messaging_service_sid),
            ...(v.api_base_url.trim() !== '' ? { api_base_url: v.api_base_url.trim() } : {}),
            send_from_hour: Number(v.send_from_hour),
            send_until_hour: Number(v.send_until_hour),
          },
        }),
      ),
    saved: (data) => {
      client.setQueryData(settingsKey(locationId), (old: Settings | undefined) =>
        old ? { ...old, sms: data } : old,
      );
      form.setFieldValue('auth_token', '');
    },
  });

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} data-testid="settings-sms">
      <Stack maw={860}>
        <PaidOption label={t('smsSettings.paidOption')} on={settings.sms_enabled} />
        <Text>{t('smsSettings.intro')}</Text>
        <ErrorNote error={other} />
        <Switch
          label={t('smsSettings.enabled')}
          data-testid="sms-enabled"
          {...form.getInputProps('enabled', { type: 'checkbox' })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('smsSettings.account_sid')}
            required
            data-testid="sms-account_sid"
            {...form.getInputProps('account_sid')}
          />
          <PasswordInput
            label={t('smsSettings.auth_token')}
            {...hint}
            description={current?.auth_token_set ? t('smsSettings.tokenSet') : t('smsSettings.tokenNone')}
            autoComplete="new-password"
            data-testid="sms-auth_token"
            {...form.getInputProps('auth_token')}
          />
          <TextInput
            label={t('smsSettings.from_number')}
            {...hint}
            description={t('smsSettings.fromHelp')}
            placeholder="+15145550100"
            data-testid="sms-from_number"
            {...form.getInputProps('from_number')}
          />
          <TextInput
            label={t('smsSettings.messaging_service_sid')}
            data-testid="sms-messaging_service_sid"
            {...form.getInputProps('messaging_service_sid')}
          />
          <TextInput
            label={t('smsSettings.api_base_url')}
            placeholder="https://api.twilio.com"
            data-testid="sms-api_base_url"
            {...form.getInputProps('api_base_url')}
          />
          <span />
          <Select
            label={t('smsSettings.send_from_hour')}
            {...hint}
            description={t('smsSettings.quietHelp')}
            data={hours(0, 23)}
            allowDeselect={false}
            data-testid="sms-send_from_hour"
            {...form.getInputProps('send_from_hour')}
          />
          <Select
            label={t('smsSettings.send_until_hour')}
            data={hours(1, 24)}
            allowDeselect={false}
            data-testid="sms-send_until_hour"
            {...form.getInputProps('send_until_hour')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
