import { Route, Routes, useParams } from 'react-router-dom';
import { DbtModelPage } from './DbtModelPage';
import { DbtOverview } from './DbtOverview';

function DbtModelRoute() {
  const { model = '' } = useParams();
  // Keyed by model so the SQL toggle and polling never carry over between models.
  return <DbtModelPage key={model} model={model} />;
}

/**
 * The dbt tab: models, latest dbt runs and source freshness (`/dbt`), and one model's
 * docs with its test history (`/dbt/models/:model`).
 *
 * @public
 */
export const DbtView = () => (
  <Routes>
    <Route path="models/:model" element={<DbtModelRoute />} />
    <Route path="*" element={<DbtOverview />} />
  </Routes>
);
