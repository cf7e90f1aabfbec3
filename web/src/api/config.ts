import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import type { UiConfig } from './typen';

/** How this installation signs in (local development login or OIDC), from GET /api/v1/ui/config. */
export function useUiConfig() {
  return useQuery({
    queryKey: ['ui-config'],
    queryFn: () => api<UiConfig>('/api/v1/ui/config'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
