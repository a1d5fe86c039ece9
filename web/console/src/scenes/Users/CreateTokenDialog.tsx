// A new API token for a shop system: its name, read and/or write, this location or every one
// (the server refuses "every location" unless the caller's role holds at every location).
import { Button, Checkbox, Group, Modal, Radio, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ErrorNote } from '../../components/States';
import { useLocation } from '../../session';

interface Values {
  name: string;
  scopes: Array<'read' | 'write'>;
  where: 'here' | 'all';
}

export function CreateTokenDialog({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose(): void;
  onCreated(secret: string): void;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const client = useQueryClient();
  const form = useForm<Values>({
    initialValues: { name: '', scopes: ['read'], where: 'here' },
    validate: { scopes: (v) => (v.length ? null : t('tokens.scopeNeeded')) },
  });
  const create = useMutation({
    mutationFn: (v: Values) =>
      call(
        api.POST('/api/v1/api-tokens', {
          body: { name: v.name, scopes: v.scopes, location_id: v.where === 'here' ? location.id : null },
        }),
      ),
    onSuccess: async (token) => {
      form.reset();
      onClose();
      onCreated(token.token);
      await client.invalidateQueries({ queryKey: ['api-tokens'] });
    },
  });
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={t('tokens.create')}
    >
      <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
        <Stack>
          <ErrorNote error={create.error} />
          <TextInput
            label={t('tokens.name')}
            description={t('tokens.nameHint')}
            required
            maxLength={100}
            {...form.getInputProps('name')}
          />
          <Checkbox.Group label={t('tokens.scopes')} {...form.getInputProps('scopes')}>
            <Group mt="xs">
              <Checkbox value="read" label={t('tokens.scope.read')} />
              <Checkbox value="write" label={t('tokens.scope.write')} />
            </Group>
          </Checkbox.Group>
          <Radio.Group label={t('tokens.where')} {...form.getInputProps('where')}>
            <Group mt="xs">
              <Radio value="here" label={location.name} />
              <Radio value="all" label={t('tokens.everyLocation')} />
            </Group>
          </Radio.Group>
          <Button type="submit" loading={create.isPending}>
            {t('tokens.createSubmit')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
