// What a customer's thread and an unknown number's thread share: the texts in and out (times in the
// location's time zone, each answer's outbox status), marking the conversation read once opened,
// and the answer form (the API's refusal shown on the field).
import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { ErrorNote } from '../../components/States';

interface ThreadText {
  id: number;
  direction: 'in' | 'out';
  body: string;
  at: string;
  status: string | null;
  reason: string | null;
}

/** The texts oldest first (the API gives them newest first). */
export function TextList({ items, timeZone }: { items: ThreadText[]; timeZone: string }) {
  const { t } = useTranslation();
  const texts = [...items].reverse();
  return (
    <Stack gap="xs" mah={520} style={{ overflowY: 'auto' }}>
      {texts.length === 0 && <Text c="gray.7">{t('inbox.noTexts')}</Text>}
      {texts.map((x) => (
        <Paper
          key={x.id}
          withBorder
          p="xs"
          maw="80%"
          bg={x.direction === 'out' ? 'blue.0' : 'gray.0'}
          style={{ alignSelf: x.direction === 'out' ? 'flex-end' : 'flex-start' }}
          data-testid={`text-${x.direction}`}
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {x.body}
          </Text>
          <Text size="xs" c="gray.7">
            {formatDateTime(x.at, timeZone)}
            {x.direction === 'out' && x.status
              ? ` · ${t(`inbox.status.${x.status}`, { defaultValue: x.status })}${x.reason ? ` (${x.reason})` : ''}`
              : ''}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

/** Marks the conversation read once, when it is open with texts unread and the role may write. */
export function useMarkRead(
  mark: () => Promise<{ marked: number }>,
  when: boolean,
  threadKey: readonly unknown[],
) {
  const client = useQueryClient();
  const { mutate } = useMutation({
    mutationFn: mark,
    onSuccess: async (r) => {
      if (r.marked > 0) {
        await client.invalidateQueries({ queryKey: ['conversations'] });
        await client.invalidateQueries({ queryKey: ['unread-texts'] });
        await client.invalidateQueries({ queryKey: threadKey });
      }
    },
  });
  useEffect(() => {
    if (when) mutate();
  }, [when, mutate]);
}

export type SendText = UseMutationResult<unknown, Error, string> & { other: unknown };

/** Sends an answer; a refusal that is not about the body shows above the form. */
export function useSendText(
  send: (body: string) => Promise<unknown>,
  threadKey: readonly unknown[],
): SendText {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [other, setOther] = useState<unknown>(null);
  const mutation = useMutation({
    mutationFn: send,
    onMutate: () => setOther(null),
    onError: (e) => {
      if (!(e instanceof ApiError && e.field === 'body')) setOther(e);
    },
    onSuccess: async () => {
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'green',
        message: t('inbox.queued'),
      });
      await client.invalidateQueries({ queryKey: threadKey });
      await client.invalidateQueries({ queryKey: ['conversations'] });
    },
  });
  return { ...mutation, other };
}

export function AnswerForm({ send, autoFocus = false }: { send: SendText; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { body: '' } });
  return (
    <form
      onSubmit={form.onSubmit((v) => {
        if (v.body.trim())
          send.mutate(v.body.trim(), {
            onSuccess: () => form.reset(),
            onError: (e) => {
              // The API's refusal about the text itself (STOP, no consent…) shows on the field.
              if (e instanceof ApiError && e.field === 'body') form.setFieldError('body', e.message);
            },
          });
      })}
    >
      <Stack mt="md" gap="xs">
        <ErrorNote error={send.other} />
        <Textarea
          label={t('inbox.answer')}
          autosize
          minRows={2}
          maxLength={1600}
          // Opened by "Send a text" on the customer's card: ready to type.
          data-autofocus={autoFocus || undefined}
          autoFocus={autoFocus}
          data-testid="reply-body"
          {...form.getInputProps('body')}
        />
        <Group justify="space-between">
          <Text size="xs" c="gray.7">
            {t('inbox.answerHelp')}
          </Text>
          <Button type="submit" loading={send.isPending} data-testid="reply-send">
            {t('inbox.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
