import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { LakehousePage } from './LakehousePage';

describe('LakehousePage', () => {
  it('renders the placeholder page', async () => {
    await renderInTestApp(<LakehousePage />);

    expect(screen.getByText('Medallion lakehouse')).toBeInTheDocument();
    expect(screen.getByText('Coming soon')).toBeInTheDocument();
    expect(screen.getByText(/arrives in later issues/)).toBeInTheDocument();
  });
});
