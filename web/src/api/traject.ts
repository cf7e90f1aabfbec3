import { useQuery } from '@tanstack/react-query';
import { api } from './http';
import type { TaakView, TijdlijnRegel, TrajectView, UitlegView } from './typen';

export const trajectSleutels = {
  alles: (id: string) => ['traject', id] as const,
  traject: (id: string) => ['traject', id, 'detail'] as const,
  uitleg: (id: string) => ['traject', id, 'uitleg'] as const,
  tijdlijn: (id: string) => ['traject', id, 'tijdlijn'] as const,
  taken: (id: string) => ['traject', id, 'taken'] as const,
};

export function useTraject(id: string) {
  return useQuery({
    queryKey: trajectSleutels.traject(id),
    queryFn: ({ signal }) => api<TrajectView>(`/api/v1/trajecten/${id}`, { signal }),
  });
}

export function useUitleg(id: string) {
  return useQuery({
    queryKey: trajectSleutels.uitleg(id),
    queryFn: ({ signal }) => api<UitlegView>(`/api/v1/trajecten/${id}/uitleg`, { signal }),
  });
}

export function useTijdlijn(id: string) {
  return useQuery({
    queryKey: trajectSleutels.tijdlijn(id),
    queryFn: ({ signal }) =>
      api<{ id: string; regels: TijdlijnRegel[] }>(`/api/v1/trajecten/${id}/tijdlijn`, { signal }),
  });
}

export function useTrajectTaken(id: string) {
  return useQuery({
    queryKey: trajectSleutels.taken(id),
    queryFn: ({ signal }) =>
      api<{ items: TaakView[]; volgende: string | null }>(
        `/api/v1/taken?trajectId=${id}&casemanager=alle&limiet=200`,
        { signal },
      ),
  });
}
