import net from 'node:net';

/**
 * A TCP proxy in front of a real server that can freeze: while frozen, no byte moves in either
 * direction (open connections hold, new ones wait), as when the server hangs or the network stalls.
 * Thawing lets everything held flow on. Only what connects through it is affected (e.g. the API's
 * Temporal client, not the worker), so a test decides which part of the system sees the outage.
 */
export interface Bevriezer {
  adres: string;
  bevries(): void;
  ontdooi(): void;
  stop(): Promise<void>;
}

export async function startBevriezer(doel: string): Promise<Bevriezer> {
  const [host, poort] = [doel.slice(0, doel.lastIndexOf(':')), Number(doel.slice(doel.lastIndexOf(':') + 1))];
  const sockets = new Set<net.Socket>();
  let bevroren = false;
  const volg = (s: net.Socket) => {
    sockets.add(s);
    if (bevroren) s.pause();
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = net.createServer((klant) => {
    const upstream = net.connect(poort, host);
    volg(klant);
    volg(upstream);
    klant.pipe(upstream);
    upstream.pipe(klant);
    klant.on('close', () => upstream.destroy());
    upstream.on('close', () => klant.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    adres: `127.0.0.1:${port}`,
    bevries() {
      bevroren = true;
      for (const s of sockets) s.pause();
    },
    ontdooi() {
      bevroren = false;
      for (const s of sockets) s.resume();
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
