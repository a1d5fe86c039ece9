// Postcards: the return address printed on every postcard (it also identifies the sender in
// emails). Sending postcards at all is a paid option the operator sets.
import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ErrorNote } from '../../components/States';
import { PaidOption } from './PaidOption';
import { orNull, settingsKey, text, type Settings, useSaveTab } from './shared';

const FIELDS = ['address_line1', 'address_line2', 'city', 'region', 'postal_code'] as const;
type Values = Record<(typeof FIELDS)[number] | 'country', string>;

export function PostcardsTab({ locationId, settings }: { locationId: number; settings: Settings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const p = settings.postcards;
  const form = useForm<Values>({
    initialValues: {
      address_line1: text(p.address_line1),
      address_line2: text(p.address_line2),
      city: text(p.city),
      region: text(p.region),
      postal_code: text(p.postal_code),
      country: text(p.country) || 'CA',
    },
  });
  const { save, other } = useSaveTab(form, t, {
    save: (v: Values) =>
      call(
        api.PUT('/api/v1/locations/{locationId}/settings/postcards', {
          params: { path: { locationId } },
          body: {
            address_line1: orNull(v.address_line1),
            address_line2: orNull(v.address_line2),
            city: orNull(v.city),
            region: orNull(v.region),
            postal_code: orNull(v.postal_code),
            country: v.country.trim(),
          },
        }),
      ),
    saved: (data) => client.setQueryData(settingsKey(locationId), data),
  });

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} data-testid="settings-postcards">
      <Stack maw={860}>
        <PaidOption label={t('settings.postcards.sending')} on={p.postcards_enabled} />
        <Text>{t('settings.postcards.intro')}</Text>
        <ErrorNote error={other} />
        {FIELDS.slice(0, 2).map((f) => (
          <TextInput
            key={f}
            label={t(`settings.postcards.${f}`)}
            data-testid={`postcards-${f}`}
            {...form.getInputProps(f)}
          />
        ))}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {FIELDS.slice(2).map((f) => (
            <TextInput
              key={f}
              label={t(`settings.postcards.${f}`)}
              data-testid={`postcards-${f}`}
              {...form.getInputProps(f)}
            />
          ))}
          <TextInput
            label={t('settings.postcards.country')}
            maxLength={2}
            data-testid="postcards-country"
            {...form.getInputProps('country')}
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
