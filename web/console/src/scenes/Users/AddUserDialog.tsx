// Adding a user at the current location: by default Relance emails them a link to choose their
// password (the password-reset link, valid one hour); or the owner sets a password and tells them.
import { Button, Checkbox, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ErrorNote } from '../../components/States';
import { LANGUAGES, type Language } from '../../i18n';
import { useLocation } from '../../session';
import { ROLES, type Role } from './roles';

interface Values {
  name: string;
  email: string;
  language: Language;
  role: Role;
  invite: boolean;
  password: string;
}

export function AddUserDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const client = useQueryClient();
  const form = useForm<Values>({
    initialValues: {
      name: '',
      email: '',
      language: (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'en',
      role: 'service_advisor',
      invite: true,
      password: '',
    },
  });
  const create = useMutation({
    mutationFn: async (v: Values) => {
      const user = await call(
        api.POST('/api/v1/users', {
          body: {
            name: v.name,
            email: v.email,
            language: v.language,
            roles: [{ location_id: location.id, role: v.role }],
            ...(v.invite ? {} : { password: v.password }),
          },
        }),
      );
      // The invitation is the password-reset email: a link to choose their own password.
      if (v.invite) await call(api.POST('/api/v1/password-reset', { body: { email: v.email } }));
      return user;
    },
    onSuccess: async (user, v) => {
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'green',
        message: t(v.invite ? 'users.invited' : 'users.created', { name: user.name, email: user.email }),
      });
      form.reset();
      onClose();
      await client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={t('users.add')}
    >
      <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
        <Stack>
          <ErrorNote error={create.error} />
          <TextInput label={t('users.name')} required {...form.getInputProps('name')} />
          <TextInput label={t('users.email')} type="email" required {...form.getInputProps('email')} />
          <Select
            label={t('users.role')}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
          <Select
            label={t('users.language')}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            allowDeselect={false}
            {...form.getInputProps('language')}
          />
          <Checkbox label={t('users.invite')} {...form.getInputProps('invite', { type: 'checkbox' })} />
          {form.values.invite ? (
            <Text size="sm" c="gray.7">
              {t('users.inviteHint')}
            </Text>
          ) : (
            <PasswordInput
              label={t('users.password')}
              description={t('users.passwordHint')}
              required
              minLength={10}
              {...form.getInputProps('password')}
            />
          )}
          <Button type="submit" loading={create.isPending}>
            {t('users.addSubmit')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
