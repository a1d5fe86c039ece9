// Templates: every kind × channel × language, edited beside a live preview of the real message
// (rendered by the server with sample data, shown in a sandboxed frame). Merge fields are listed
// and inserted at the cursor; an unknown one is refused by the server, which names it. A text
// (channel sms, the kinds sent by text) is a body only, previewed as the customer's phone shows it
// with what it costs: segments, GSM-7 or UCS-2 and the characters that forced UCS-2.
import {
  Alert,
  Badge,
  Button,
  Code,
  Grid,
  Group,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../../api/client';
import { ErrorNote, Loading } from '../../components/States';
import { useLocation, useSession } from '../../session';
import { PostcardPdf } from './PostcardPdf';

const KINDS = [
  'REMINDER_1',
  'REMINDER_2',
  'NO_SHOW',
  'THANK_YOU',
  'DEFERRED',
  'INACTIVE',
  'V01',
  'V02',
  'E01',
  'E02',
  'E03',
  'E04',
  'E05',
  'E07',
  'CAMPAIGN',
  'REVIEW',
] as const;
type Kind = (typeof KINDS)[number];
type Channel = 'email' | 'postcard' | 'sms';
/** The kinds sent by text (the server's text templates): not the E03 survey nor campaigns. */
const TEXT_KINDS = [
  'REMINDER_1',
  'REMINDER_2',
  'NO_SHOW',
  'THANK_YOU',
  'DEFERRED',
  'INACTIVE',
  'V01',
  'V02',
  'E01',
  'E02',
  'E04',
  'E05',
  'E07',
  'REVIEW',
] as const satisfies readonly Kind[];
type TextKind = (typeof TEXT_KINDS)[number];
const isTextKind = (k: Kind): k is TextKind => (TEXT_KINDS as readonly Kind[]).includes(k);
type Lang = 'en' | 'fr' | 'es';

export default function Templates() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const { can } = useSession();
  const client = useQueryClient();
  const [kind, setKind] = useState<Kind>('THANK_YOU');
  const [channel, setChannel] = useState<Channel>('email');
  const [language, setLanguage] = useState<Lang>(
    (['en', 'fr', 'es'].includes(i18n.language) ? i18n.language : 'en') as Lang,
  );
  const key = { kind, channel, language };

  const override = useQuery({
    queryKey: ['template', location.id, kind, channel, language],
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/templates', {
          params: { path: { locationId: location.id }, query: key },
        }),
      ),
  });
  const shipped = useQuery({
    queryKey: ['shipped-template', kind, channel, language],
    queryFn: () => call(api.GET('/api/v1/shipped-templates', { params: { query: key } })),
  });
  const fields = useQuery({
    queryKey: ['merge-fields'],
    queryFn: () => call(api.GET('/api/v1/merge-fields')),
    staleTime: Infinity,
  });

  const current = override.data?.items[0];
  const source = current ?? shipped.data?.items[0];
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const loadedFor = useRef('');
  const sourceKey = `${kind}|${channel}|${language}|${current?.version ?? 'shipped'}`;
  useEffect(() => {
    if (source && loadedFor.current !== sourceKey) {
      loadedFor.current = sourceKey;
      setSubject(source.subject ?? '');
      setBody(source.body);
    }
  }, [source, sourceKey]);

  const [draft] = useDebouncedValue({ subject, body }, 400);
  const isText = channel === 'sms';
  const preview = useQuery({
    queryKey: ['preview', location.id, kind, channel, language, draft.subject, draft.body],
    enabled: draft.body.length > 0 && !isText,
    retry: false,
    queryFn: () =>
      call(
        api.POST('/api/v1/locations/{locationId}/templates/preview', {
          params: { path: { locationId: location.id } },
          // Never sent for a text (the query is off): texts have their own preview.
          body: {
            ...key,
            channel: channel as 'email' | 'postcard',
            subject: draft.subject || null,
            body: draft.body,
          },
        }),
      ),
  });
  const textPreview = useQuery({
    queryKey: ['text-preview', location.id, kind, language, draft.body],
    enabled: draft.body.length > 0 && isText,
    retry: false,
    queryFn: () =>
      call(
        api.POST('/api/v1/locations/{locationId}/text-templates/preview', {
          params: { path: { locationId: location.id } },
          body: { kind: kind as TextKind, language, body: draft.body },
        }),
      ),
  });
  const save = useMutation({
    mutationFn: () =>
      call(
        api.PUT('/api/v1/locations/{locationId}/templates/{kind}/{channel}/{language}', {
          params: { path: { locationId: location.id, kind, channel, language } },
          body: isText ? { body } : { subject: subject || null, body },
        }),
      ),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('templates.saved') });
      await client.invalidateQueries({ queryKey: ['template', location.id] });
    },
  });
  const revert = useMutation({
    mutationFn: () =>
      call(
        api.DELETE('/api/v1/locations/{locationId}/templates/{kind}/{channel}/{language}', {
          params: { path: { locationId: location.id, kind, channel, language } },
        }),
      ),
    onSuccess: async () => {
      loadedFor.current = '';
      notifications.show({ color: 'green', message: t('templates.reverted') });
      await client.invalidateQueries({ queryKey: ['template', location.id] });
    },
  });

  const bodyRef = useRef<HTMLTextAreaElement>(null);
  function insert(name: string) {
    const el = bodyRef.current;
    const text = `{{${name}}}`;
    const at = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? at;
    setBody(body.slice(0, at) + text + body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + text.length, at + text.length);
    });
  }

  const writable = can('templates.write');
  const shown = isText ? textPreview : preview;
  const previewError = shown.error instanceof ApiError ? shown.error : null;
  const channels: Channel[] = isTextKind(kind) ? ['email', 'postcard', 'sms'] : ['email', 'postcard'];
  return (
    <Stack>
      <Title order={2}>{t('templates.title')}</Title>
      <Group>
        <Select
          label={t('templates.kind')}
          w={300}
          data={KINDS.map((k) => ({ value: k, label: `${k} · ${t(`kinds.${k}`)}` }))}
          value={kind}
          onChange={(v) => {
            if (!v) return;
            setKind(v as Kind);
            if (channel === 'sms' && !isTextKind(v as Kind)) setChannel('email');
          }}
          allowDeselect={false}
          searchable
        />
        <Select
          label={t('message.channel')}
          data={channels.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          value={channel}
          onChange={(v) => v && setChannel(v as Channel)}
          allowDeselect={false}
        />
        <Select
          label={t('customer.language')}
          data={(['en', 'fr', 'es'] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          value={language}
          onChange={(v) => v && setLanguage(v as Lang)}
          allowDeselect={false}
        />
        <Badge mt="lg" color={current ? 'indigo' : 'gray'}>
          {current ? t('templates.override', { version: current.version }) : t('templates.shipped')}
        </Badge>
      </Group>
      {override.isPending || shipped.isPending ? (
        <Loading />
      ) : (
        <Grid>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack>
              {!isText && (
                <TextInput
                  label={channel === 'email' ? t('templates.subject') : t('templates.headline')}
                  value={subject}
                  onChange={(e) => setSubject(e.currentTarget.value)}
                  readOnly={!writable}
                />
              )}
              <Textarea
                ref={bodyRef}
                label={isText ? t('textTemplates.body') : t('templates.body')}
                description={isText ? t('textTemplates.help', { field: '{{short_link}}' }) : undefined}
                descriptionProps={{ c: 'gray.7' }}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                autosize
                minRows={isText ? 5 : 14}
                maxRows={30}
                readOnly={!writable}
                styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
                data-testid="template-body"
              />
              <ErrorNote error={save.error ?? revert.error} />
              {writable && (
                <Group>
                  <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!!previewError}>
                    {t('common.save')}
                  </Button>
                  {current && (
                    <Button variant="default" onClick={() => revert.mutate()} loading={revert.isPending}>
                      {t('templates.revert')}
                    </Button>
                  )}
                </Group>
              )}
              <Text size="sm" fw={600}>
                {t('templates.fields')}
              </Text>
              <ScrollArea h={180} type="auto">
                <Group gap={4}>
                  {fields.data?.items.map((f) => (
                    <Tooltip key={f.name} label={f.description} multiline w={260}>
                      <Button
                        size="compact-xs"
                        variant="default"
                        onClick={() => insert(f.name)}
                        disabled={!writable}
                      >
                        {`{{${f.name}}}`}
                      </Button>
                    </Tooltip>
                  ))}
                </Group>
              </ScrollArea>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                {t('templates.preview')}
              </Text>
              {previewError ? (
                <Alert color="red" role="alert" title={t('templates.refused')}>
                  {previewError.message}
                </Alert>
              ) : isText ? (
                textPreview.data && <TextPreviewCard preview={textPreview.data} />
              ) : (
                preview.data && (
                  <>
                    <Text size="sm">
                      <b>{channel === 'email' ? t('templates.subject') : t('templates.headline')}:</b>{' '}
                      {preview.data.subject}
                    </Text>
                    {channel === 'postcard' ? (
                      <PostcardPdf
                        locationId={location.id}
                        kind={kind}
                        language={language}
                        subject={subject}
                        body={body}
                      />
                    ) : (
                      <iframe
                        title={t('templates.preview')}
                        sandbox=""
                        srcDoc={preview.data.html}
                        data-testid="template-preview"
                        style={{
                          width: '100%',
                          height: 620,
                          border: '1px solid var(--mantine-color-gray-4)',
                          borderRadius: 8,
                          background: 'white',
                        }}
                      />
                    )}
                  </>
                )
              )}
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

type TextPreviewData = {
  body: string;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  characters: number;
  nonGsm: string[];
};

/** The text as the customer's phone shows it, and what it costs. */
function TextPreviewCard({ preview }: { preview: TextPreviewData }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="text-preview">
      <Paper withBorder radius="lg" p="md" maw={420} bg="gray.0">
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          data-testid="text-preview-body"
        >
          {preview.body}
        </Text>
      </Paper>
      <Group gap="xs">
        <Badge
          color={preview.segments > 1 ? 'yellow' : 'teal.9'}
          variant="filled"
          autoContrast
          data-testid="text-preview-segments"
        >
          {t('textTemplates.segments', { count: preview.segments })}
        </Badge>
        <Badge
          color={preview.encoding === 'UCS-2' ? 'yellow' : 'gray.7'}
          variant="filled"
          autoContrast
          data-testid="text-preview-encoding"
        >
          {preview.encoding}
        </Badge>
        <Text size="sm" c="gray.7">
          {t('textTemplates.characters', { count: preview.characters })}
        </Text>
      </Group>
      {preview.encoding === 'UCS-2' ? (
        <Alert color="orange" data-testid="text-preview-nongsm">
          <Stack gap={4}>
            <Text size="sm" fw={700}>
              {t('textTemplates.ucs2Title')}
            </Text>
            <Text size="sm">{t('textTemplates.ucs2Help')}</Text>
            <Group gap={4}>
              {preview.nonGsm.map((c) => (
                <Code key={c}>{c}</Code>
              ))}
            </Group>
          </Stack>
        </Alert>
      ) : (
        <Text size="sm" c="gray.7">
          {t('textTemplates.gsmHelp')}
        </Text>
      )}
    </Stack>
  );
}
