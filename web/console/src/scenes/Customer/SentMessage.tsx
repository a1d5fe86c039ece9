// One message to the customer as it was sent: the email as its HTML (in a sandboxed frame) and its
// text part, a postcard as its printed PDF, a text message's body; with the template it came from.
import { Alert, Modal, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ErrorNote, Loading } from '../../components/States';

const frame = {
  width: '100%',
  height: 560,
  border: '1px solid var(--mantine-color-gray-4)',
  borderRadius: 8,
  background: 'white',
} as const;

export function SentMessage({
  customerId,
  messageId,
  onClose,
}: {
  customerId: number;
  messageId: number | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const content = useQuery({
    queryKey: ['sent-message', customerId, messageId],
    enabled: messageId !== null,
    queryFn: () =>
      call(
        api.GET('/api/v1/customers/{customerId}/messages/{messageId}/content', {
          params: { path: { customerId, messageId: messageId! } },
        }),
      ),
  });
  const isPostcard = content.data?.channel === 'postcard';
  const pdf = useQuery({
    queryKey: ['sent-postcard', customerId, messageId],
    enabled: messageId !== null && isPostcard,
    queryFn: () =>
      call(
        api.GET('/api/v1/customers/{customerId}/messages/{messageId}/postcard', {
          params: { path: { customerId, messageId: messageId! } },
          parseAs: 'blob',
        }),
      ) as Promise<unknown> as Promise<Blob>,
  });
  const pdfUrl = useMemo(
    () => (pdf.data ? URL.createObjectURL(new Blob([pdf.data], { type: 'application/pdf' })) : null),
    [pdf.data],
  );
  useEffect(() => () => (pdfUrl ? URL.revokeObjectURL(pdfUrl) : undefined), [pdfUrl]);
  const m = content.data;

  return (
    <Modal
      opened={messageId !== null}
      onClose={onClose}
      size="xl"
      title={t('sentMessage.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <ErrorNote error={content.error ?? pdf.error} />
      {!m ? (
        <Loading />
      ) : (
        <Stack gap="xs" data-testid="sent-message">
          {m.subject !== null && (
            <Text size="sm">
              <b>{m.channel === 'postcard' ? t('templates.headline') : t('templates.subject')}:</b>{' '}
              {m.subject}
            </Text>
          )}
          <Text size="xs" c="gray.7">
            {t(`sentMessage.source.${m.template.source}`, { version: m.template.version ?? 0 })}
          </Text>
          {m.template.changed_since_sent && (
            <Alert color="yellow" title={t('sentMessage.changedTitle')}>
              {t('sentMessage.changed')}
            </Alert>
          )}
          {m.channel === 'email' && m.html !== null ? (
            <Tabs defaultValue="html">
              <Tabs.List>
                <Tabs.Tab value="html">{t('sentMessage.html')}</Tabs.Tab>
                <Tabs.Tab value="text">{t('sentMessage.text')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="html" pt="xs">
                <iframe
                  title={t('sentMessage.html')}
                  sandbox=""
                  srcDoc={m.html}
                  data-testid="sent-email"
                  style={frame}
                />
              </Tabs.Panel>
              <Tabs.Panel value="text" pt="xs">
                <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {m.text}
                </Text>
              </Tabs.Panel>
            </Tabs>
          ) : isPostcard ? (
            pdfUrl ? (
              <iframe
                title={t('sentMessage.postcard')}
                src={pdfUrl}
                data-testid="sent-postcard"
                style={frame}
              />
            ) : (
              <Loading />
            )
          ) : (
            <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="sent-text">
              {m.text}
            </Text>
          )}
        </Stack>
      )}
    </Modal>
  );
}
