import { createTransport, type Transporter } from 'nodemailer';
import type { DigestVerzending } from '../../contract/escalatie-ronde';
import type { PlainDate } from '../../domain/shared/kalender';
import type { SmtpConfig } from '../../platform/config';
import type { NieuweDigest, Repositories } from '../../platform/persistence/repositories';
import { hartslag } from './pagineren';

/** The e-mail address of a digest's recipient, from the configured template. */
export function digestAdres(
  sjabloon: string,
  n: { rol: string; ontvanger: string; gemeente: string },
): string {
  return sjabloon
    .replaceAll('{ontvanger}', n.ontvanger)
    .replaceAll('{gemeente}', n.gemeente.toLowerCase())
    .replaceAll('{rol}', n.rol);
}

interface Digest {
  rol: string;
  ontvanger: string;
  gemeente: string;
  aantal: number;
  soorten: string[];
  regels: string[];
}

function alsNotificatie(d: Digest, peildatum: PlainDate): NieuweDigest {
  return {
    rol: d.rol,
    ontvanger: d.ontvanger,
    gemeente: d.gemeente,
    onderwerp: `Nachtelijke escalaties ${peildatum}: ${d.aantal} nieuw (${d.gemeente})`,
    inhoud: [
      `Nieuwe escalaties en waarschuwingen van de nachtelijke ronde op ${peildatum}:`,
      ...d.soorten.map((s) => `  ${s}`),
      '',
      ...d.regels,
      ...(d.aantal > d.regels.length ? [`… en ${d.aantal - d.regels.length} meer in de takenlijst.`] : []),
    ].join('\n'),
    aantal: d.aantal,
  };
}

/**
 * Digests: per casemanager and per gemeente's teamleider one outbox row summarising the escalations a
 * run created (counts per soort and the first trajecten); trajecten without a casemanager go to the
 * teamleider. Idempotent: unique on run + recipient. Sent by e-mail when SMTP is configured.
 */
export function createDigestActivities(
  repos: Pick<Repositories, 'taken' | 'notificaties'>,
  opties: { smtp?: SmtpConfig | null } = {},
) {
  let transport: Transporter | undefined;
  return {
    async maakDigests(o: { rondeId: string; peildatum: PlainDate }): Promise<{ notificaties: number }> {
      const { tellingen, voorbeelden } = await repos.taken.digestVanRonde(o.rondeId);
      const digests = new Map<string, Digest>();
      const sleutel = (r: { rol: string; ontvanger: string; gemeente: string }) =>
        `${r.rol}|${r.ontvanger}|${r.gemeente}`;
      for (const t of tellingen) {
        const d = digests.get(sleutel(t)) ?? {
          rol: t.rol,
          ontvanger: t.ontvanger,
          gemeente: t.gemeente,
          aantal: 0,
          soorten: [],
          regels: [],
        };
        d.aantal += t.aantal;
        d.soorten.push(`${t.soort}: ${t.aantal}`);
        digests.set(sleutel(t), d);
      }
      for (const v of voorbeelden) digests.get(sleutel(v))?.regels.push(v.regel);
      const lijst = [...digests.values()].map((d) => alsNotificatie(d, o.peildatum));
      return { notificaties: await repos.notificaties.voegDigestsToe(o.rondeId, lijst) };
    },

    /**
     * Sends the waiting digests of the outbox by e-mail when SMTP is configured (otherwise they stay in
     * the outbox: the embedded default). Also older ones that failed before. At-least-once: a crash
     * between sending and marking can send one mail twice; nothing is ever lost.
     */
    async verstuurDigests(): Promise<DigestVerzending> {
      const wachtend = await repos.notificaties.wachtendeEmails();
      if (!opties.smtp || wachtend.length === 0)
        return { verzonden: 0, mislukt: 0, wachtend: wachtend.length };
      const smtp = opties.smtp;
      transport ??= createTransport(smtp.url);
      let verzonden = 0;
      let mislukt = 0;
      for (const n of wachtend) {
        try {
          await transport.sendMail({
            from: smtp.afzender,
            to: digestAdres(smtp.adresSjabloon, {
              rol: n.ontvangerRol,
              ontvanger: n.ontvanger,
              gemeente: n.gemeente,
            }),
            subject: n.onderwerp,
            text: n.inhoud,
          });
          await repos.notificaties.markeerVerzonden(n.id);
          verzonden += 1;
        } catch {
          // Stays 'wachtend': the next night tries again. No address or server reply in the record.
          mislukt += 1;
        }
        hartslag({ verzonden, mislukt });
      }
      return { verzonden, mislukt, wachtend: wachtend.length - verzonden };
    },
  };
}
