// Password reset request: the server always answers 202 and mails a one-hour link when the
// account exists (the link opens the reset page served by Relance).
import { Alert, Anchor, Button, Center, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { ErrorNote } from '../../components/States';

export default function ForgotPassword() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Center mih="100vh" bg="gray.0" component="main">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            call(api.POST('/api/v1/password-reset', { body: { email } })).then(
              () => setSent(true),
              (err: unknown) => setError(err),
            );
          }}
        >
          <Stack>
            <Title order={1} size="h2">
              {t('forgot.title')}
            </Title>
            <ErrorNote error={error} />
            {sent ? (
              <Alert color="green">{t('forgot.sent')}</Alert>
            ) : (
              <>
                <TextInput
                  label={t('signIn.email')}
                  type="email"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                />
                <Button type="submit">{t('forgot.submit')}</Button>
              </>
            )}
            <Anchor component={Link} to="/sign-in" size="sm">
              {t('forgot.back')}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
