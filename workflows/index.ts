export { trajectWorkflow } from './traject.workflow';
