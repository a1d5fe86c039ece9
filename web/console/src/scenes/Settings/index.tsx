// CRM set-up, in tabs like the source guide: General (the signature), Email (each kind's days per
// channel, routing, frequency cap, run hour), Postcards (the return address), Text messages (the
// provider account), CustomerLink, MechanicNET and CARFAX (with their confirmations). Shown only to
// roles that may change settings; the others are told so (NotAllowed) at its address.
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorNote, Loading, NotAllowed } from '../../components/States';
import { useLocation, useSession } from '../../session';
import { ControlGroupPanel } from './ControlGroupPanel';
import { EmailTab } from './EmailTab';
import { GeneralTab } from './GeneralTab';
import { PartnerTab } from './PartnerTab';
import { PostcardsTab } from './PostcardsTab';
import { SmsTab } from './SmsTab';
import { useSettings } from './shared';

const TABS = ['general', 'email', 'postcards', 'sms', 'customerlink', 'mechanicnet', 'carfax'] as const;
type Tab = (typeof TABS)[number];

export default function Settings() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [search, setSearch] = useSearchParams();
  const settings = useSettings(location.id);
  const asked = search.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(asked ?? '') ? (asked as Tab) : 'general';

  return (
    <Stack gap="md">
      <Title order={2}>{t('settings.title')}</Title>
      <Text>{t('settings.intro', { location: location.name })}</Text>
      {!session.can('settings.write') ? (
        <NotAllowed message={t('settings.forbidden')} />
      ) : settings.isPending ? (
        <Loading />
      ) : settings.error ? (
        <ErrorNote error={settings.error} />
      ) : (
        <Tabs value={tab} onChange={(v) => v && setSearch({ tab: v }, { replace: true })} keepMounted={false}>
          <Tabs.List mb="md">
            {TABS.map((k) => (
              <Tabs.Tab key={k} value={k}>
                {t(`settings.tabs.${k}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="general">
            <GeneralTab key={location.id} locationId={location.id} settings={settings.data} />
          </Tabs.Panel>
          <Tabs.Panel value="email">
            <EmailTab key={location.id} locationId={location.id} settings={settings.data} />
            <ControlGroupPanel key={`cg${location.id}`} locationId={location.id} />
          </Tabs.Panel>
          <Tabs.Panel value="postcards">
            <PostcardsTab key={location.id} locationId={location.id} settings={settings.data} />
          </Tabs.Panel>
          <Tabs.Panel value="sms">
            <SmsTab key={location.id} locationId={location.id} settings={settings.data} />
          </Tabs.Panel>
          {(['customerlink', 'mechanicnet', 'carfax'] as const).map((p) => (
            <Tabs.Panel key={p} value={p}>
              <PartnerTab key={location.id} partner={p} locationId={location.id} settings={settings.data} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}
