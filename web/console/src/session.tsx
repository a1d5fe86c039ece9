// Who is signed in (GET /me), which location they work on (remembered in this browser), and the
// user's language (saved on the server with PATCH /me so emails and errors follow it).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, call, setApiLanguage, setCsrfToken } from './api/client';
import type { components, paths } from './api/schema';
import i18n, { LANGUAGES, type Language } from './i18n';

type Me = paths['/api/v1/me']['get']['responses']['200']['content']['application/json'];
export type Location =
  paths['/api/v1/locations']['get']['responses']['200']['content']['application/json']['items'][number];
export type { components };

interface Session {
  me: Me;
  locations: Location[];
  location: Location | null;
  setLocationId(id: number): void;
  can(permission: string): boolean;
  setLanguage(language: Language): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The current location (every shop screen needs one). */
export function useLocation(): Location {
  const { location } = useSession();
  if (!location) throw new Error('no location');
  return location;
}

export function useMeQuery() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const me = await call(api.GET('/api/v1/me'));
      setCsrfToken(me.csrf_token);
      const language = (LANGUAGES as readonly string[]).includes(me.language) ? me.language : 'en';
      setApiLanguage(language);
      localStorage.setItem('relance.language', language);
      if (i18n.language !== language) await i18n.changeLanguage(language);
      return me;
    },
    retry: false,
    staleTime: Infinity,
  });
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const client = useQueryClient();
  const locations = useQuery({
    queryKey: ['locations'],
    queryFn: () => call(api.GET('/api/v1/locations', { params: { query: { limit: 500 } } })),
    enabled: !me.is_platform_admin,
  });
  const [locationId, setLocationIdState] = useState<number | null>(() => {
    const stored = Number(localStorage.getItem(`relance.location.${me.id}`));
    return Number.isInteger(stored) && stored > 0 ? stored : null;
  });
  const items = useMemo(() => locations.data?.items ?? [], [locations.data]);
  const location = items.find((l) => l.id === locationId) ?? items[0] ?? null;
  useEffect(() => {
    if (location) document.documentElement.lang = i18n.language;
  }, [location]);
  const value: Session = {
    me,
    locations: items,
    location,
    setLocationId(id) {
      localStorage.setItem(`relance.location.${me.id}`, String(id));
      setLocationIdState(id);
    },
    can(permission) {
      return me.roles.some(
        (r) => (!location || r.location_id === location.id) && r.permissions.includes(permission),
      );
    },
    async setLanguage(language) {
      await call(api.PATCH('/api/v1/me', { body: { language } }));
      setApiLanguage(language);
      localStorage.setItem('relance.language', language);
      await i18n.changeLanguage(language);
      document.documentElement.lang = language;
      await client.invalidateQueries();
    },
  };
  if (!me.is_platform_admin && locations.isPending) return null;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
