export { isGeldigBsn, isGeldigVnummer } from './bsn';
export * from './inburgeraar';
