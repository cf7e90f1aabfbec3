import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Paragraph,
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { api, foutmelding } from '../api/http';
import type { TaakView } from '../api/typen';
import { metDatums } from '../opmaak/datum';
import { ACTIE, label, TAAK_SOORT } from '../opmaak/labels';
import { DatumMetDagen } from './Dagen';
import { Koppeling } from './Koppeling';
import { PersoonNaam } from './PersoonNaam';

type Pagina = { items: TaakView[]; volgende: string | null };
/** A task as a list shows it: with the person's name where the API gives it (the inbox does). */
type Taak = TaakView & { naam?: string | null };

/**
 * Afronden in one click, optimistic: the row leaves the list at once and comes back (with the reason)
 * when the API refuses. The server's answer then refreshes the list.
 */
export function useRondAf(sleutel: QueryKey, bijgewerkt: QueryKey[] = []) {
  const queryClient = useQueryClient();
  const [fout, setFout] = useState<string | null>(null);
  const mutatie = useMutation({
    mutationFn: (taak: TaakView) => api<TaakView>(`/api/v1/taken/${taak.id}/afronden`, { methode: 'POST' }),
    onMutate: async (taak) => {
      setFout(null);
      await queryClient.cancelQueries({ queryKey: sleutel });
      const vorige = queryClient.getQueryData<Pagina>(sleutel);
      if (vorige) {
        queryClient.setQueryData<Pagina>(sleutel, {
          ...vorige,
          items: vorige.items.filter((t) => t.id !== taak.id),
        });
      }
      return { vorige };
    },
    onError: (err, _taak, ctx) => {
      if (ctx?.vorige) queryClient.setQueryData(sleutel, ctx.vorige);
      setFout(`De taak is niet afgerond: ${foutmelding(err)}`);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: sleutel });
      for (const k of bijgewerkt) void queryClient.invalidateQueries({ queryKey: k });
    },
  });
  return { rondAf: mutatie.mutate, fout, bezig: mutatie.isPending ? mutatie.variables?.id : undefined };
}

export function TakenTabel({
  taken,
  bijschrift,
  rondAf,
  toonTraject = true,
}: {
  taken: Taak[];
  bijschrift: string;
  rondAf?: (t: TaakView) => void;
  toonTraject?: boolean;
}) {
  if (taken.length === 0) return <Paragraph>Geen open taken.</Paragraph>;
  return (
    <Table className="tabel taken">
      <TableCaption>{bijschrift}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">Vervaldatum</TableHeaderCell>
          <TableHeaderCell scope="col">Taak</TableHeaderCell>
          {toonTraject ? <TableHeaderCell scope="col">Traject</TableHeaderCell> : null}
          <TableHeaderCell scope="col">Voor</TableHeaderCell>
          {rondAf ? <TableHeaderCell scope="col">Actie</TableHeaderCell> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {taken.map((t) => (
          <TableRow key={t.id} data-taak={t.id}>
            <TableCell>
              <DatumMetDagen waarde={t.vervaldatum} />
            </TableCell>
            <TableCell>
              <StatusBadge
                status={
                  t.actie === 'escalatie' ? 'danger' : t.actie === 'waarschuwing' ? 'warning' : 'neutral'
                }
              >
                {label(ACTIE, t.actie)}
              </StatusBadge>{' '}
              <strong>{label(TAAK_SOORT, t.soort)}</strong>
              <span className="bijschrift">{metDatums(t.omschrijving)}</span>
            </TableCell>
            {toonTraject ? (
              <TableCell>
                {t.trajectId ? (
                  <Koppeling to={`/trajecten/${t.trajectId}`}>
                    <PersoonNaam trajectId={t.trajectId} naam={t.naam} />
                  </Koppeling>
                ) : (
                  'Hele gemeente'
                )}
              </TableCell>
            ) : null}
            <TableCell>
              {t.ontvanger === 'teamleider'
                ? 'Teamleider'
                : (t.casemanager ?? 'Casemanager (niet toegewezen)')}
            </TableCell>
            {rondAf ? (
              <TableCell>
                <Button appearance="secondary-action-button" type="button" onClick={() => rondAf(t)}>
                  Afronden<span className="visueel-verborgen">: {label(TAAK_SOORT, t.soort)}</span>
                </Button>
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function AfrondFout({ fout }: { fout: string | null }) {
  if (!fout) return null;
  return (
    <Alert type="error" role="alert">
      <Paragraph>{fout}</Paragraph>
    </Alert>
  );
}
