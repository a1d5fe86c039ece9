// Adding or editing one maintenance schedule: its name, the make and model it is for (both empty:
// the default schedule, which keeps them empty), and its items, each with its code, its description
// in English, French and Spanish, and how often it falls due (km, engine hours, months: at least
// one). Saving sends the whole list of items; a refusal shows under the field it names.
import {
  ActionIcon,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorNote } from '../../components/States';
import { fieldError } from '../Settings/shared';

export type Schedule =
  paths['/api/v1/maintenance-schedules/{scheduleId}']['get']['responses']['200']['content']['application/json'];

interface ItemValues {
  code: string;
  description: { en: string; fr: string; es: string };
  every_km: number | '';
  every_hours: number | '';
  every_months: number | '';
}
interface Values {
  name: string;
  make: string;
  model: string;
  items: ItemValues[];
}

const blankItem = (): ItemValues => ({
  code: '',
  description: { en: '', fr: '', es: '' },
  every_km: '',
  every_hours: '',
  every_months: '',
});
const orNull = (v: number | '') => (v === '' ? null : v);

export function ScheduleDialog({
  schedule,
  locationId,
  onClose,
}: {
  schedule: Schedule | null;
  locationId: number;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [other, setOther] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: {
      name: schedule?.name ?? '',
      make: schedule?.make ?? '',
      model: schedule?.model ?? '',
      items: schedule?.items.map((it) => ({
        code: it.code,
        description: { ...it.description },
        every_km: it.every_km ?? '',
        every_hours: it.every_hours ?? '',
        every_months: it.every_months ?? '',
      })) ?? [blankItem()],
    },
  });
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const items = v.items.map((it) => ({
        code: it.code,
        description: it.description,
        every_km: orNull(it.every_km),
        every_hours: orNull(it.every_hours),
        every_months: orNull(it.every_months),
      }));
      const target = schedule?.is_default
        ? {}
        : { make: v.make.trim() || null, model: v.model.trim() || null };
      return schedule
        ? call(
            api.PATCH('/api/v1/maintenance-schedules/{scheduleId}', {
              params: { path: { scheduleId: schedule.id } },
              body: { name: v.name, ...target, items },
            }),
          )
        : call(
            api.POST('/api/v1/locations/{locationId}/maintenance-schedules', {
              params: { path: { locationId } },
              body: { name: v.name, ...target, items },
            }),
          );
    },
    onMutate: () => setOther(null),
    onError: (error) => setOther(fieldError(form, error)),
    onSuccess: async () => {
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'green',
        message: t('maintenance.saved'),
      });
      await client.invalidateQueries({ queryKey: ['maintenance-schedules'] });
      await client.invalidateQueries({ queryKey: ['grid'] });
      onClose();
    },
  });

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={schedule ? t('maintenance.editTitle', { name: schedule.name }) : t('maintenance.add')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} data-testid="schedule-form">
        <Stack>
          <ErrorNote error={other} />
          <TextInput
            label={t('maintenance.name')}
            required
            data-testid="schedule-name"
            {...form.getInputProps('name')}
          />
          {schedule?.is_default ? (
            <Text size="sm" c="gray.7">
              {t('maintenance.defaultHelp')}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('maintenance.make')}
                description={t('maintenance.makeHelp')}
                descriptionProps={{ c: 'gray.7' }}
                data-testid="schedule-make"
                {...form.getInputProps('make')}
              />
              <TextInput
                label={t('maintenance.model')}
                description={t('maintenance.modelHelp')}
                descriptionProps={{ c: 'gray.7' }}
                data-testid="schedule-model"
                {...form.getInputProps('model')}
              />
            </SimpleGrid>
          )}
          <Title order={3} size="h5">
            {t('maintenance.items')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('maintenance.itemsHelp')}
          </Text>
          {form.values.items.map((_, i) => (
            <Card key={i} withBorder padding="sm" data-testid={`schedule-item-${i}`}>
              <Group justify="space-between" mb="xs">
                <Text size="sm" fw={600}>
                  {t('maintenance.itemN', { n: i + 1 })}
                </Text>
                {form.values.items.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    aria-label={t('maintenance.removeItem', { n: i + 1 })}
                    onClick={() => form.removeListItem('items', i)}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 4 }}>
                <TextInput
                  label={t('maintenance.code')}
                  required
                  data-testid={`item-${i}-code`}
                  {...form.getInputProps(`items.${i}.code`)}
                />
                {(['en', 'fr', 'es'] as const).map((l) => (
                  <TextInput
                    key={l}
                    label={t('maintenance.description', { language: t(`languages.${l}`) })}
                    required
                    data-testid={`item-${i}-description-${l}`}
                    {...form.getInputProps(`items.${i}.description.${l}`)}
                  />
                ))}
                <NumberInput
                  label={t('maintenance.every_km')}
                  min={1}
                  max={1_000_000}
                  allowDecimal={false}
                  allowNegative={false}
                  thousandSeparator=" "
                  data-testid={`item-${i}-every_km`}
                  {...form.getInputProps(`items.${i}.every_km`)}
                />
                <NumberInput
                  label={t('maintenance.every_hours')}
                  min={1}
                  max={100_000}
                  allowDecimal={false}
                  allowNegative={false}
                  data-testid={`item-${i}-every_hours`}
                  {...form.getInputProps(`items.${i}.every_hours`)}
                />
                <NumberInput
                  label={t('maintenance.every_months')}
                  min={1}
                  max={240}
                  allowDecimal={false}
                  allowNegative={false}
                  data-testid={`item-${i}-every_months`}
                  {...form.getInputProps(`items.${i}.every_months`)}
                />
              </SimpleGrid>
            </Card>
          ))}
          <Group justify="space-between">
            <Button
              variant="default"
              onClick={() => form.insertListItem('items', blankItem())}
              disabled={form.values.items.length >= 100}
              data-testid="schedule-add-item"
            >
              {t('maintenance.addItem')}
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="schedule-save">
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
