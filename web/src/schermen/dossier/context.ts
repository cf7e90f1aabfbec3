import { useOutletContext } from 'react-router';
import type { TrajectView, UitlegView } from '../../api/typen';

export interface DossierContext {
  id: string;
  traject: TrajectView;
  uitleg: UitlegView | undefined;
}

export function useDossier(): DossierContext {
  return useOutletContext<DossierContext>();
}
