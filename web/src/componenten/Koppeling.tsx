import { type LinkProps, NavLink, type NavLinkProps, Link as RouterLink } from 'react-router';

/** A client-side link styled as an NL Design System link. */
export function Koppeling({ className, ...props }: LinkProps) {
  return <RouterLink {...props} className={['utrecht-link', className].filter(Boolean).join(' ')} />;
}

/** A navigation link that carries aria-current="page" when it is the current screen. */
export function NavKoppeling({ className, ...props }: NavLinkProps & { className?: string }) {
  return (
    <NavLink {...props} className={['utrecht-link', 'nav-koppeling', className].filter(Boolean).join(' ')} />
  );
}
