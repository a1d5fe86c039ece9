// Shared list states: loading, an error in the user's language, and an empty state that says
// what to do next.
import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center p="xl" aria-busy="true">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" title={t('common.error')} role="alert">
      {error instanceof Error ? error.message : String(error)}
    </Alert>
  );
}

export function Empty({ title, next, action }: { title: string; next: string; action?: ReactNode }) {
  return (
    <Stack align="center" gap="xs" p="xl" data-testid="empty-state">
      <Text fw={600}>{title}</Text>
      <Text c="gray.7" ta="center" maw={520}>
        {next}
      </Text>
      {action}
    </Stack>
  );
}

/** A screen the user's role may not use: says so and whom to ask (not an error). */
export function NotAllowed({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="indigo" title={t('access.title')} role="alert" data-testid="not-allowed">
      {message}
    </Alert>
  );
}
