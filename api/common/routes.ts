import { type INestApplication, RequestMethod } from '@nestjs/common';
import {
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { z } from 'zod';
import { ZodQuery } from './zod-body.pipe';

/**
 * The routes the app really serves, read from the controllers' decorators (the same metadata Nest
 * routes with): method, path (OpenAPI form, `{id}`) and the status of a success. One source for the
 * OpenAPI document's success answers and for 405 on a known path with another method (issue 13).
 */
export interface Route {
  /** Upper case: GET, POST, … */
  methode: string;
  /** As in the OpenAPI document: `/api/v1/trajecten/{id}`. */
  pad: string;
  /** The status of a success: @HttpCode, else Nest's default (201 for POST, 200 otherwise). */
  status: number;
  /** The zod schema its `@Query(new ZodQuery(…))` validates the query parameters with. */
  query?: z.ZodType;
}

type Klasse = { prototype: Record<string, unknown> };

function paden(waarde: unknown): string[] {
  if (Array.isArray(waarde)) return waarde.map(String);
  return [typeof waarde === 'string' ? waarde : '/'];
}

function verbind(...delen: string[]): string {
  const pad = `/${delen.join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  return pad.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Every route of the app's controllers (an app without Nest's container, e.g. a mock: none). */
export function routesVan(app: INestApplication): Route[] {
  let modules: ModulesContainer;
  try {
    modules = app.get(ModulesContainer, { strict: false });
  } catch {
    return [];
  }
  const routes: Route[] = [];
  const gezien = new Set<string>();
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const klasse = wrapper.metatype as Klasse | null;
      if (!klasse?.prototype) continue;
      const basis = paden(Reflect.getMetadata(PATH_METADATA, klasse));
      for (const naam of Object.getOwnPropertyNames(klasse.prototype)) {
        if (naam === 'constructor') continue;
        const handler = Object.getOwnPropertyDescriptor(klasse.prototype, naam)?.value;
        if (typeof handler !== 'function') continue;
        const methodeNr = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (methodeNr === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const methode = RequestMethod[methodeNr];
        const eigen = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
        const status = eigen ?? (methode === 'POST' ? 201 : 200);
        const query = queryVan(Reflect.getMetadata(ROUTE_ARGS_METADATA, klasse, naam));
        for (const b of basis) {
          for (const p of paden(Reflect.getMetadata(PATH_METADATA, handler))) {
            const pad = verbind(b, p);
            const sleutel = `${methode} ${pad}`;
            if (gezien.has(sleutel)) continue;
            gezien.add(sleutel);
            routes.push({ methode, pad, status, ...(query ? { query } : {}) });
          }
        }
      }
    }
  }
  return routes;
}

function queryVan(argumenten: unknown): z.ZodType | undefined {
  for (const arg of Object.values((argumenten ?? {}) as Record<string, { pipes?: unknown[] }>)) {
    for (const pipe of arg.pipes ?? []) if (pipe instanceof ZodQuery) return pipe.schema as z.ZodType;
  }
  return undefined;
}

/** A route path as a matcher of request paths (express: case-insensitive, an optional trailing slash). */
export function padPatroon(pad: string): RegExp {
  const delen = pad
    .split('/')
    .map((deel) => (/^\{[^}]+\}$/.test(deel) ? '[^/]+' : deel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${delen.join('/')}/?$`, 'i');
}
