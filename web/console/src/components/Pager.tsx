import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function Pager({
  page,
  hasNext,
  onPrevious,
  onNext,
}: {
  page: number;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
}) {
  const { t } = useTranslation();
  if (page <= 1 && !hasNext) return null;
  return (
    <Group justify="flex-end" gap="xs" mt="sm">
      <Button variant="default" size="xs" disabled={page <= 1} onClick={onPrevious}>
        {t('common.previous')}
      </Button>
      <Text size="sm">{t('common.page', { page })}</Text>
      <Button variant="default" size="xs" disabled={!hasNext} onClick={onNext}>
        {t('common.next')}
      </Button>
    </Group>
  );
}
