export * from './kwartaal';
