// The signed-in frame: navigation, location switcher, language picker and sign-out around the
// current screen. Not signed in → the sign-in page, coming back here afterwards.
import { AppShell, Badge, Burger, Button, Group, NavLink, Select, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation as useRouterLocation, useNavigate } from 'react-router';
import { api, ApiError, call, setCsrfToken } from '../api/client';
import { LANGUAGES, type Language } from '../i18n';
import { SessionProvider, useMeQuery, useSession } from '../session';
import { ErrorNote, Loading } from './States';

const NAV: Array<{ to: string; key: string; permission?: string }> = [
  { to: '/today', key: 'nav.today', permission: 'messages.read' },
  { to: '/customers', key: 'nav.customers', permission: 'customers.read' },
  { to: '/tasks', key: 'nav.tasks', permission: 'tasks.read' },
  { to: '/inbox', key: 'nav.inbox', permission: 'texts.read' },
  { to: '/appointments', key: 'nav.appointments', permission: 'appointments.read' },
  { to: '/templates', key: 'nav.templates', permission: 'templates.read' },
  { to: '/statistics', key: 'nav.statistics', permission: 'stats.read' },
  { to: '/promotions', key: 'nav.promotions', permission: 'rules.read' },
  { to: '/campaigns', key: 'nav.campaigns', permission: 'rules.read' },
  { to: '/online-booking', key: 'nav.onlineBooking', permission: 'locations.read' },
  { to: '/imports', key: 'nav.imports', permission: 'customers.write' },
  { to: '/exports', key: 'nav.exports', permission: 'settings.read' },
  { to: '/users', key: 'nav.users', permission: 'users.read' },
  { to: '/settings', key: 'nav.settings', permission: 'settings.write' },
  { to: '/maintenance', key: 'maintenance.nav', permission: 'settings.write' },
];

export function Shell() {
  const me = useMeQuery();
  const here = useRouterLocation();
  if (me.isPending) return <Loading />;
  if (me.error instanceof ApiError && me.error.status === 401) {
    const next = encodeURIComponent(here.pathname + here.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  if (me.error) return <ErrorNote error={me.error} />;
  return (
    <SessionProvider me={me.data}>
      <Frame />
    </SessionProvider>
  );
}

function Frame() {
  const { t } = useTranslation();
  const session = useSession();
  const [opened, { toggle }] = useDisclosure();
  const here = useRouterLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const operator = session.me.is_platform_admin;
  const links = operator
    ? [{ to: '/operator', key: 'nav.operator' }]
    : NAV.filter((n) => !n.permission || session.can(n.permission));

  // The inbox's badge: texts in not yet read at this location (refreshed every minute).
  const texts = !operator && session.location && session.can('texts.read') ? session.location.id : null;
  const unread = useQuery({
    queryKey: ['unread-texts', texts],
    enabled: texts !== null,
    refetchInterval: 60_000,
    queryFn: () =>
      call(
        api.GET('/api/v1/locations/{locationId}/conversations', {
          params: { path: { locationId: texts! }, query: { limit: 1, unread: 'true' } },
        }),
      ),
  });
  const unreadTotal = unread.data?.unread_total ?? 0;

  async function signOut() {
    await api.DELETE('/api/v1/session');
    setCsrfToken(null);
    client.clear();
    await navigate('/sign-in');
  }

  if (operator && !here.pathname.startsWith('/operator')) return <Navigate to="/operator" replace />;
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Title order={1} size="h3">
              Relance
            </Title>
          </Group>
          <Group wrap="nowrap" gap="sm">
            {!operator && session.locations.length > 1 && (
              <Select
                aria-label={t('nav.location')}
                data-testid="location-switcher"
                data={session.locations.map((l) => ({ value: String(l.id), label: l.name }))}
                value={session.location ? String(session.location.id) : null}
                onChange={(v) => v && session.setLocationId(Number(v))}
                allowDeselect={false}
                w={200}
              />
            )}
            {!operator && session.locations.length === 1 && <Text size="sm">{session.location?.name}</Text>}
            <Select
              aria-label={t('nav.language')}
              data-testid="language-picker"
              data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
              value={session.me.language}
              onChange={(v) =>
                v &&
                void session
                  .setLanguage(v as Language)
                  .then(() => client.invalidateQueries({ queryKey: ['me'] }))
              }
              allowDeselect={false}
              w={130}
            />
            <Text size="sm" visibleFrom="md">
              {session.me.name}
            </Text>
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        {links.map((n) => (
          <NavLink
            key={n.to}
            component={Link}
            to={n.to}
            label={t(n.key)}
            rightSection={
              n.to === '/inbox' && unreadTotal > 0 ? (
                <Badge
                  color="red.8"
                  size="sm"
                  data-testid="inbox-unread"
                  aria-label={t('inbox.unread', { count: unreadTotal })}
                >
                  {unreadTotal}
                </Badge>
              ) : undefined
            }
            active={here.pathname.startsWith(n.to)}
            onClick={() => opened && toggle()}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {!operator && !session.location ? (
          <ErrorNote error={new Error(t('nav.noLocation'))} />
        ) : (
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
