import { Route, Routes, useParams } from 'react-router-dom';
import { AnomaliesOverview } from './AnomaliesOverview';
import { AnomalyDetailPage } from './AnomalyDetailPage';

function AnomalyDetailRoute() {
  const { eventId = '' } = useParams();
  // Keyed by purchase so nothing (polling, state) carries over between purchases.
  return <AnomalyDetailPage key={eventId} eventId={eventId} />;
}

/**
 * The Anomalies tab: the model, score distribution, detection quality and scored
 * purchases (`/anomalies`), and why one purchase scored as it did
 * (`/anomalies/:eventId`).
 *
 * @public
 */
export const AnomaliesView = () => (
  <Routes>
    <Route path=":eventId" element={<AnomalyDetailRoute />} />
    <Route path="*" element={<AnomaliesOverview />} />
  </Routes>
);
