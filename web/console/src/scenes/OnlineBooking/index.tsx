// Online booking: the location's public booking page (for visitors not in the file yet) and the
// HTML a shop pastes into its own website to embed it, in the page language chosen, each with a
// copy button. Both come from the server (GET /locations/:id/booking-page), which knows the
// service's public address.
import {
  Anchor,
  Button,
  Code,
  CopyButton,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ErrorNote, Loading } from '../../components/States';
import { LANGUAGES, type Language } from '../../i18n';
import { useLocation } from '../../session';

export default function OnlineBooking() {
  const { t } = useTranslation();
  const location = useLocation();
  const [chosen, setChosen] = useState<Language | null>(null);
  const page = useQuery({
    queryKey: ['booking-page', location.id],
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/booking-page', {
          params: { path: { locationId: location.id } },
        }),
      ),
  });

  return (
    <Stack gap="md" maw={860}>
      <Title order={2}>{t('booking.title')}</Title>
      <Text>{t('booking.intro')}</Text>
      {page.isPending ? (
        <Loading />
      ) : page.error ? (
        <ErrorNote error={page.error} />
      ) : (
        <BookingPage
          data={page.data}
          language={chosen ?? page.data.language}
          onLanguage={(l) => setChosen(l)}
        />
      )}
    </Stack>
  );
}

type PageData = {
  url: string;
  language: Language;
  languages: Record<Language, { url: string; snippet: string }>;
};

function BookingPage({
  data,
  language,
  onLanguage,
}: {
  data: PageData;
  language: Language;
  onLanguage: (l: Language) => void;
}) {
  const { t } = useTranslation();
  const { url, snippet } = data.languages[language];
  return (
    <>
      <Select
        label={t('booking.language')}
        data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        value={language}
        onChange={(v) => v && onLanguage(v as Language)}
        allowDeselect={false}
        w={220}
      />
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          label={t('booking.url')}
          value={url}
          readOnly
          style={{ flex: 1 }}
          data-testid="booking-url"
        />
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? t('booking.copied') : t('booking.copyUrl')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Anchor href={url} target="_blank" rel="noopener">
        {t('booking.open')}
      </Anchor>
      <Title order={3} size="h4">
        {t('booking.snippet')}
      </Title>
      <Text size="sm">{t('booking.snippetHelp')}</Text>
      <Code block data-testid="booking-snippet" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {snippet}
      </Code>
      <Group>
        <CopyButton value={snippet}>
          {({ copied, copy }) => (
            <Button onClick={copy} color={copied ? 'teal' : undefined}>
              {copied ? t('booking.copied') : t('booking.copySnippet')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </>
  );
}
