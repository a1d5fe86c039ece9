// The mark that stops texts to the customer's mobile number at their location: "undeliverable"
// (a text to it failed: staff with customers.write may clear it once the number is fixed or
// checked) or a STOP the customer texted (shown, not clearable: only their START undoes it).
import { Alert, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { ErrorNote } from '../../components/States';

export function TextMark({
  customerId,
  mark,
  writable,
  timeZone,
}: {
  customerId: number;
  mark: { reason: 'stop' | 'undeliverable'; keyword: string; since: string };
  writable: boolean;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const clear = useMutation({
    mutationFn: () =>
      call(
        api.DELETE('/api/v1/customers/{customerId}/text-undeliverable', {
          params: { path: { customerId } },
        }),
      ),
    onSuccess: async () => {
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'green',
        message: t('textMark.cleared'),
      });
      await client.invalidateQueries({ queryKey: ['customer', customerId] });
    },
  });
  const undeliverable = mark.reason === 'undeliverable';
  return (
    <Alert
      color={undeliverable ? 'orange' : 'red'}
      p="xs"
      data-testid="customer-text-mark"
      data-reason={mark.reason}
    >
      <Stack gap={4}>
        <Text size="sm">
          {undeliverable ? t('textMark.undeliverable') : t('textMark.stop', { keyword: mark.keyword })}
        </Text>
        <Text size="xs" c="gray.8">
          {t('textMark.since', { date: formatDateTime(mark.since, timeZone) })}
        </Text>
        <ErrorNote error={clear.error} />
        {undeliverable && writable && (
          <Button
            size="compact-sm"
            variant="default"
            w="fit-content"
            loading={clear.isPending}
            onClick={() => clear.mutate()}
            data-testid="customer-text-mark-clear"
          >
            {t('textMark.clear')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
