// What the Set-up tabs share: the settings query, and an API refusal shown on the field it names.
import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { api, ApiError, call } from '../../api/client';
import type { paths } from '../../api/schema';

export type Settings =
  paths['/api/v1/locations/{locationId}/settings']['get']['responses']['200']['content']['application/json'];

export const settingsKey = (locationId: number) => ['settings', locationId] as const;

export function useSettings(locationId: number) {
  return useQuery({
    queryKey: settingsKey(locationId),
    queryFn: () =>
      call(api.GET('/api/v1/locations/{locationId}/settings', { params: { path: { locationId } } })),
  });
}

/** Empty text → null (the API's "not set"); other text trimmed. */
export const orNull = (v: string): string | null => (v.trim() === '' ? null : v.trim());
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * An API refusal naming a field of this form goes under that field (already in the user's
 * language); any other is returned for the tab's alert.
 */
export function fieldError<V>(form: UseFormReturnType<V>, error: unknown, prefix = ''): unknown {
  if (error instanceof ApiError && error.field) {
    const path = prefix && error.field.startsWith(prefix) ? error.field.slice(prefix.length) : error.field;
    if (path.split('.')[0]! in (form.values as object)) {
      form.setFieldError(path, error.message);
      return null;
    }
  }
  return error;
}

export function savedNote(t: TFunction): void {
  notifications.show({
    closeButtonProps: { 'aria-label': t('common.close') },
    color: 'green',
    message: t('common.saved'),
  });
}

/** Input descriptions in gray 7: Mantine's dimmed gray is below the WCAG AA contrast. */
export const hint = { descriptionProps: { c: 'gray.7' } } as const;

/**
 * A Set-up tab's save: the mutation, an API refusal shown under the field it names (or returned as
 * `other` for the tab's alert), and on success the form made clean and "Saved" shown. `saved`
 * puts the answer into the settings query (and clears what must not stay, such as a secret).
 */
export function useSaveTab<V, R>(
  form: UseFormReturnType<V>,
  t: TFunction,
  options: {
    save: (values: V) => Promise<R>;
    saved: (data: R) => unknown;
    fieldPrefix?: string;
  },
) {
  const [other, setOther] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: options.save,
    onMutate: () => setOther(null),
    onError: (e) => setOther(fieldError(form, e, options.fieldPrefix)),
    onSuccess: async (data) => {
      await options.saved(data);
      form.resetDirty();
      savedNote(t);
    },
  });
  return { save, other };
}
