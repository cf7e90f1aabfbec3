/** A response body as a loosely typed object: the assertions check its shape. */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are checked by the assertions that read them
export type Json = Record<string, any>;

export async function json(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}
