export { ProfitabilityView } from './ProfitabilityView';
