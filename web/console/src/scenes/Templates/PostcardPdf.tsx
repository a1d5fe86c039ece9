// The postcard as the printer gets it: the server prints the draft on the card (a PDF of its
// front and back, with sample data) and the browser's own PDF viewer shows it in a frame.
import { Alert, Anchor, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../../api/client';
import { Loading } from '../../components/States';

type Lang = 'en' | 'fr' | 'es';

export function PostcardPdf({
  locationId,
  kind,
  language,
  subject,
  body,
}: {
  locationId: number;
  kind: string;
  language: Lang;
  subject: string;
  body: string;
}) {
  const { t } = useTranslation();
  const [draft] = useDebouncedValue({ subject, body }, 400);
  const pdf = useQuery({
    queryKey: ['postcard-pdf', locationId, kind, language, draft.subject, draft.body],
    enabled: draft.body.length > 0,
    retry: false,
    queryFn: () =>
      call(
        api.POST('/api/v1/locations/{locationId}/templates/postcard/preview', {
          params: { path: { locationId } },
          // The kind list is the server's; the screen's select offers only valid ones.
          body: { kind: kind as 'THANK_YOU', language, subject: draft.subject || null, body: draft.body },
          parseAs: 'blob',
        }),
      ) as Promise<unknown> as Promise<Blob>,
  });
  const url = useMemo(
    () => (pdf.data ? URL.createObjectURL(new Blob([pdf.data], { type: 'application/pdf' })) : null),
    [pdf.data],
  );
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);

  if (pdf.error instanceof ApiError)
    return (
      <Alert color="red" role="alert" title={t('templates.refused')}>
        {pdf.error.message}
      </Alert>
    );
  if (!url) return <Loading />;
  return (
    <>
      <Text size="sm" c="gray.7">
        {t('postcardPreview.hint')}{' '}
        <Anchor
          href={url}
          underline="always"
          download={`${kind}-${language}.pdf`}
          data-testid="postcard-pdf-download"
        >
          {t('postcardPreview.download')}
        </Anchor>
      </Text>
      <iframe
        title={t('postcardPreview.title')}
        src={`${url}#view=FitH`}
        data-testid="postcard-preview"
        style={{
          width: '100%',
          height: 620,
          border: '1px solid var(--mantine-color-gray-4)',
          borderRadius: 8,
          background: 'white',
        }}
      />
    </>
  );
}
