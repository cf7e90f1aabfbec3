export { escalatieRondeWorkflow } from './escalatie-ronde.workflow';
export { trajectWorkflow } from './traject.workflow';
