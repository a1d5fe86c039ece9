// Sign-in: email and password → session cookie (POST /api/v1/session), then back where the user
// was going. Links to the password reset.
import { Anchor, Button, Center, Paper, PasswordInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call, setCsrfToken } from '../../api/client';
import { ErrorNote } from '../../components/States';
import i18n, { LANGUAGES } from '../../i18n';

export default function SignIn() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const form = useForm({ initialValues: { email: '', password: '' } });

  async function submit(values: { email: string; password: string }) {
    setError(null);
    try {
      const res = await call(api.POST('/api/v1/session', { body: values }));
      setCsrfToken(res.csrf_token);
      client.clear();
      const next = params.get('next');
      await navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/today');
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Center mih="100vh" bg="gray.0" component="main">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={form.onSubmit((v) => void submit(v))}>
          <Stack>
            <Title order={1} size="h2">
              {t('signIn.title')}
            </Title>
            <ErrorNote error={error} />
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={form.submitting}>
              {t('signIn.submit')}
            </Button>
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('signIn.forgot')}
            </Anchor>
            <Select
              aria-label={t('nav.language')}
              size="xs"
              data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
              value={i18n.language}
              allowDeselect={false}
              onChange={(v) => {
                if (!v) return;
                localStorage.setItem('relance.language', v);
                void i18n.changeLanguage(v);
              }}
            />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
