export { AnomaliesView } from './AnomaliesView';
