// The customer's mobile number (texts go to it), in E.164: the API's refusal shows on the field.
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../../api/client';
import { ErrorNote } from '../../components/States';

export function MobileDialog({
  customerId,
  current,
  opened,
  onClose,
}: {
  customerId: number;
  current: string | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm({ initialValues: { mobile_phone: current ?? '' } });
  const [other, setOther] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (v: { mobile_phone: string }) =>
      call(
        api.PATCH('/api/v1/customers/{customerId}', {
          params: { path: { customerId } },
          body: { mobile_phone: v.mobile_phone.trim() === '' ? null : v.mobile_phone.trim() },
        }),
      ),
    onMutate: () => setOther(null),
    onError: (e) => {
      if (e instanceof ApiError && e.field === 'mobile_phone') form.setFieldError('mobile_phone', e.message);
      else setOther(e);
    },
    onSuccess: async () => {
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'green',
        message: t('common.saved'),
      });
      await client.invalidateQueries({ queryKey: ['customer', customerId] });
      onClose();
    },
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('customerMobile.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          <ErrorNote error={other} />
          <TextInput
            label={t('customerMobile.label')}
            description={t('customerMobile.help')}
            descriptionProps={{ c: 'gray.7' }}
            placeholder="+15145550123"
            data-testid="customer-mobile-input"
            {...form.getInputProps('mobile_phone')}
          />
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="customer-mobile-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
