import { Heading1 } from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** The first screen of a page load keeps the browser's focus (the skip link is the first Tab stop). */
let eersteScherm = true;

/**
 * The history entry the browser loaded: 'default' on a fresh load, the entry's own key after a reload
 * (the router keeps its key in `history.state`, which a reload preserves).
 */
const geladenSleutel: string = (window.history.state as { key?: string } | null)?.key ?? 'default';

/**
 * Every screen: the document title and one h1, which gets the focus when the screen opens, so a
 * screen-reader or keyboard user starts at the top of the new content after a client-side navigation.
 */
export function Pagina({ titel, kop, children }: { titel: string; kop?: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  // The page the browser loaded (or reloaded) keeps the browser's focus even when its screen mounts
  // again (e.g. once the configuration or the session has loaded); only a navigation moves it.
  const geladenPagina = useLocation().key === geladenSleutel;
  useEffect(() => {
    document.title = `${titel} — Inburgering`;
  }, [titel]);
  useEffect(() => {
    if (eersteScherm || geladenPagina) {
      eersteScherm = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, [geladenPagina]);
  return (
    <>
      <Heading1 ref={ref} tabIndex={-1} className="pagina-kop">
        {kop ?? titel}
      </Heading1>
      {children}
    </>
  );
}
