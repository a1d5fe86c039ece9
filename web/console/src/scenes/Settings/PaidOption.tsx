// A paid option's state (email or postcard sending): shown on its tab, switched by the operator only.
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function PaidOption({ label, on }: { label: string; on: boolean }) {
  const { t } = useTranslation();
  return (
    <Group>
      <Text fw={600}>{label}</Text>
      <Badge color={on ? 'teal.9' : 'gray.7'} variant="filled">
        {on ? t('settings.on') : t('settings.off')}
      </Badge>
      <Text size="sm" c="gray.7">
        {t('settings.paidOption')}
      </Text>
    </Group>
  );
}
