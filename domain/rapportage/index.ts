export * from './examens';
export * from './kwartaal';
