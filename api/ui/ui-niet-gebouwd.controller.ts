import { Controller, Get, Header, HttpCode } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Publiek } from '../auth';

/** `/` when the UI was not built (e.g. an API-only test run): say how to get it, in Dutch. */
@ApiExcludeController()
@Controller()
export class UiNietGebouwdController {
  @Get()
  @Publiek()
  @HttpCode(503)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  get(): string {
    return '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Inburgering</title><p>De webapplicatie is nog niet gebouwd. Voer <code>npm run build:web</code> uit (<code>npm start</code> doet dat vanzelf).</p></html>';
  }
}
