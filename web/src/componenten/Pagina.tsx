import { Heading1 } from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** The first screen of a page load keeps the browser's focus (the skip link is the first Tab stop). */
let eersteScherm = true;

/**
 * Every screen: the document title and one h1, which gets the focus when the screen opens, so a
 * screen-reader or keyboard user starts at the top of the new content after a client-side navigation.
 */
export function Pagina({ titel, kop, children }: { titel: string; kop?: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  // The page the browser loaded (router key 'default') keeps the browser's focus even when its screen
  // mounts again (e.g. once the configuration or the session has loaded); only a navigation moves it.
  const geladenPagina = useLocation().key === 'default';
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
