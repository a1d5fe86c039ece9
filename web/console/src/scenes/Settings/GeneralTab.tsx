// General: the signature every message carries (business name, owner, phone, email, feedback
// link), the public review link (review requests) and the location's language and time zone. What the law needs to identify the sender is
// listed until it is filled: the location sends nothing before.
import { Alert, Button, Group, List, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorNote } from '../../components/States';
import { LANGUAGES, type Language } from '../../i18n';
import { hint, orNull, settingsKey, text, type Settings, useSaveTab } from './shared';

type Body =
  paths['/api/v1/locations/{locationId}/settings/general']['put']['requestBody']['content']['application/json'];

interface Values {
  name: string;
  business_name: string;
  business_owner: string;
  business_phone: string;
  business_email: string;
  feedback_link: string;
  review_link: string;
  phone: string;
  email: string;
  language: Language;
  time_zone: string;
}

const TEXT_FIELDS = [
  'business_name',
  'business_owner',
  'business_phone',
  'business_email',
  'feedback_link',
  'review_link',
  'phone',
  'email',
] as const;

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}

export function GeneralTab({ locationId, settings }: { locationId: number; settings: Settings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const g = settings.general;
  const form = useForm<Values>({
    initialValues: {
      name: text(g.name),
      business_name: text(g.business_name),
      business_owner: text(g.business_owner),
      business_phone: text(g.business_phone),
      business_email: text(g.business_email),
      feedback_link: text(g.feedback_link),
      review_link: text(g.review_link),
      phone: text(g.phone),
      email: text(g.email),
      language: (LANGUAGES as readonly string[]).includes(text(g.language)) ? (g.language as Language) : 'en',
      time_zone: text(g.time_zone),
    },
  });
  const zones = useMemo(() => timeZones(form.values.time_zone), [form.values.time_zone]);
  const { save, other } = useSaveTab(form, t, {
    save: (v: Values) =>
      call(
        api.PUT('/api/v1/locations/{locationId}/settings/general', {
          params: { path: { locationId } },
          body: {
            name: v.name.trim(),
            ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, orNull(v[f])])),
            language: v.language,
            time_zone: v.time_zone,
          } as Body,
        }),
      ),
    saved: (data) => client.setQueryData(settingsKey(locationId), data),
  });

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} data-testid="settings-general">
      <Stack maw={860}>
        {settings.identification_missing.length > 0 && (
          <Alert color="orange" title={t('settings.general.missingTitle')}>
            {t('settings.general.missingHelp')}
            <List size="sm" mt="xs">
              {settings.identification_missing.map((m) => (
                <List.Item key={m}>{t(`settings.general.missing.${m}`, { defaultValue: m })}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <ErrorNote error={other} />
        <TextInput
          label={t('settings.general.name')}
          required
          data-testid="general-name"
          {...form.getInputProps('name')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('settings.general.business_name')}
            {...hint}
            description={t('settings.general.business_nameHelp')}
            data-testid="general-business_name"
            {...form.getInputProps('business_name')}
          />
          <TextInput
            label={t('settings.general.business_owner')}
            data-testid="general-business_owner"
            {...form.getInputProps('business_owner')}
          />
          <TextInput
            label={t('settings.general.business_phone')}
            type="tel"
            data-testid="general-business_phone"
            {...form.getInputProps('business_phone')}
          />
          <TextInput
            label={t('settings.general.business_email')}
            type="email"
            data-testid="general-business_email"
            {...form.getInputProps('business_email')}
          />
          <TextInput
            label={t('settings.general.phone')}
            type="tel"
            data-testid="general-phone"
            {...form.getInputProps('phone')}
          />
          <TextInput
            label={t('settings.general.email')}
            type="email"
            data-testid="general-email"
            {...form.getInputProps('email')}
          />
        </SimpleGrid>
        <TextInput
          label={t('settings.general.feedback_link')}
          {...hint}
          description={t('settings.general.feedback_linkHelp')}
          placeholder="https://"
          data-testid="general-feedback_link"
          {...form.getInputProps('feedback_link')}
        />
        <TextInput
          label={t('reviewRequests.review_link')}
          {...hint}
          description={t('reviewRequests.review_linkHelp')}
          placeholder="https://"
          data-testid="general-review_link"
          {...form.getInputProps('review_link')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('settings.general.language')}
            {...hint}
            description={t('settings.general.languageHelp')}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            allowDeselect={false}
            data-testid="general-language"
            {...form.getInputProps('language')}
          />
          <Select
            label={t('settings.general.time_zone')}
            {...hint}
            description={t('settings.general.time_zoneHelp')}
            data={zones}
            searchable
            allowDeselect={false}
            data-testid="general-time_zone"
            {...form.getInputProps('time_zone')}
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
